<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * Web-service functions of local_moderatordesk, all in the Moodle app's service.
 *
 * Joining MOODLE_OFFICIAL_MOBILE_SERVICE means the token the desktop app already gets from
 * login/token.php can call them, and they show in core_webservice_get_site_info's
 * functions list, which is how the app detects the plugin.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$functions = [
    'local_moderatordesk_create_choice' => [
        'classname' => \local_moderatordesk\external\create_choice::class,
        'methodname' => 'execute',
        'description' => 'Create a Choice (poll) in a course section; idempotent on the client reference.',
        'type' => 'write',
        'capabilities' => 'moodle/course:manageactivities, mod/choice:addinstance',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
    'local_moderatordesk_get_policy_acceptances' => [
        'classname' => \local_moderatordesk\external\get_policy_acceptances::class,
        'methodname' => 'execute',
        'description' => "Each course participant's state for the site's current policies (tool_policy).",
        'type' => 'read',
        'capabilities' => 'local/moderatordesk:viewacceptances',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
    'local_moderatordesk_get_claims' => [
        'classname' => \local_moderatordesk\external\get_claims::class,
        'methodname' => 'execute',
        'description' => "The moderators' claims and shared dismissals of forum discussions, changed since a time.",
        'type' => 'read',
        'capabilities' => 'local/moderatordesk:triage',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
    'local_moderatordesk_set_claim' => [
        'classname' => \local_moderatordesk\external\set_claim::class,
        'methodname' => 'execute',
        'description' => 'Claim, dismiss or release a forum discussion for the moderators of its course.',
        'type' => 'write',
        'capabilities' => 'local/moderatordesk:triage',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
    'local_moderatordesk_get_capabilities' => [
        'classname' => \local_moderatordesk\external\get_capabilities::class,
        'methodname' => 'execute',
        'description' => 'What the caller may do with Moderator Desk in a course.',
        'type' => 'read',
        'capabilities' => '',
        'services' => [MOODLE_OFFICIAL_MOBILE_SERVICE],
    ],
];
