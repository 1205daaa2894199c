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

namespace local_moderatordesk\external;

defined('MOODLE_INTERNAL') || die();

require_once(__DIR__ . '/../../compat.php');

use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_single_structure;
use core_external\external_value;
use core_external\external_warnings;
use local_moderatordesk\local\group_scope;

/**
 * local_moderatordesk_get_capabilities: what the caller may do with Moderator Desk in a course.
 *
 * Each flag is the same check the function it stands for makes, so the app can grey out
 * what would be refused and say why before anyone tries.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_capabilities extends external_api {
    /**
     * The parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'The course'),
        ]);
    }

    /**
     * The caller's flags in this course.
     *
     * @param int $courseid
     * @return array
     */
    public static function execute(int $courseid): array {
        global $CFG, $DB;
        $p = self::validate_parameters(self::execute_parameters(), compact('courseid'));
        $course = $DB->get_record('course', ['id' => $p['courseid']], '*', MUST_EXIST);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        $choiceon = (bool) $DB->get_field('modules', 'visible', ['name' => 'choice']);
        $handler = $CFG->sitepolicyhandler ?? '';
        return [
            'createpolls' => (int) ($course->id != SITEID && $choiceon
                && has_all_capabilities(['moodle/course:manageactivities', 'mod/choice:addinstance'], $context)),
            'readconsent' => (int) ($course->id != SITEID && $handler === 'tool_policy'
                && has_capability('local/moderatordesk:viewacceptances', $context)),
            'triage' => (int) has_capability('local/moderatordesk:triage', $context),
            // mod_forum_set_lock_state checks manageactivities in the forum.
            'lock' => (int) has_capability('moodle/course:manageactivities', $context),
            'pin' => (int) has_capability('mod/forum:pindiscussions', $context),
            'allgroups' => (int) !group_scope::restricted($course, $context),
            'policyhandler' => $handler,
            'pluginversion' => (int) get_config('local_moderatordesk', 'version'),
            'warnings' => [],
        ];
    }

    /**
     * The answer.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'createpolls' => new external_value(PARAM_INT, '1 if local_moderatordesk_create_choice would be allowed'),
            'readconsent' => new external_value(PARAM_INT, '1 if local_moderatordesk_get_policy_acceptances would be allowed'),
            'triage' => new external_value(PARAM_INT, '1 if the caller may read and set claims'),
            'lock' => new external_value(PARAM_INT, '1 if the caller may lock discussions'),
            'pin' => new external_value(PARAM_INT, '1 if the caller may pin discussions'),
            'allgroups' => new external_value(PARAM_INT, '1 if the caller sees every group (no separate groups limit)'),
            'policyhandler' => new external_value(PARAM_TEXT, "The site's policy handler ('' for none)"),
            'pluginversion' => new external_value(PARAM_INT, "This plugin's version"),
            'warnings' => new external_warnings(),
        ]);
    }
}
