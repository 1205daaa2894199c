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
use local_moderatordesk\local\claims;

/**
 * local_moderatordesk_set_claim: claim, dismiss or release a discussion for the course's moderators.
 *
 * A claim held by another moderator is not taken over silently: without override the call
 * changes nothing and answers changed = 0 with the claim as it stands, so the app can say who
 * is already answering.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class set_claim extends external_api {
    /**
     * The parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'discussionid' => new external_value(PARAM_INT, 'The forum discussion'),
            'state' => new external_value(PARAM_ALPHA, 'claimed, dismissed or released'),
            'reason' => new external_value(PARAM_TEXT, 'Why it is dismissed (kept for dismissed only)', VALUE_DEFAULT, ''),
            'override' => new external_value(PARAM_BOOL, "Take over another moderator's claim", VALUE_DEFAULT, false),
        ]);
    }

    /**
     * Set the state, unless another moderator holds a claim and override is off.
     *
     * @param int $discussionid
     * @param string $state
     * @param string $reason
     * @param bool $override
     * @return array
     */
    public static function execute(int $discussionid, string $state, string $reason, bool $override): array {
        global $DB, $USER;
        $p = self::validate_parameters(self::execute_parameters(), compact('discussionid', 'state', 'reason', 'override'));
        if (!in_array($p['state'], claims::STATES, true)) {
            throw new \invalid_parameter_exception('state must be claimed, dismissed or released');
        }
        $reason = $p['state'] === 'dismissed' ? trim($p['reason']) : '';
        if (\core_text::strlen($reason) > claims::REASON_MAX) {
            throw new \invalid_parameter_exception('reason is longer than 255 characters');
        }
        $discussion = $DB->get_record('forum_discussions', ['id' => $p['discussionid']], '*', MUST_EXIST);
        $cm = get_fast_modinfo($discussion->course)->get_instances_of('forum')[$discussion->forum] ?? null;
        if (!$cm) {
            throw new \moodle_exception('invalidcoursemodule');
        }
        self::validate_context($cm->context);
        require_capability('local/moderatordesk:triage', \context_course::instance($discussion->course));
        if (!claims::can_see($cm, (int) $discussion->groupid)) {
            throw new \required_capability_exception($cm->context, 'mod/forum:viewdiscussion', 'nopermissions', '');
        }

        $lock = \core\lock\lock_config::get_lock_factory('local_moderatordesk')->get_lock('claim-' . $discussion->id, 10);
        if (!$lock) {
            throw new \moodle_exception('busy', 'local_moderatordesk');
        }
        try {
            $row = $DB->get_record('local_moderatordesk_claims', ['discussionid' => $discussion->id]);
            $heldbyother = $row && $row->state === 'claimed' && (int) $row->userid !== (int) $USER->id;
            $changed = 0;
            if (!$heldbyother || $p['override']) {
                $new = (object) [
                    'courseid' => $discussion->course,
                    'discussionid' => $discussion->id,
                    'state' => $p['state'],
                    'reason' => $reason,
                    'userid' => $USER->id,
                    'timemodified' => time(),
                ];
                if ($row) {
                    $new->id = $row->id;
                    $DB->update_record('local_moderatordesk_claims', $new);
                } else {
                    $new->id = $DB->insert_record('local_moderatordesk_claims', $new);
                }
                $row = $new;
                $changed = 1;
            }
        } finally {
            $lock->release();
        }
        $row->forumid = $discussion->forum;
        return ['changed' => $changed, 'claim' => claims::export($row, claims::names([$row])), 'warnings' => []];
    }

    /**
     * The answer.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'changed' => new external_value(PARAM_INT, "1 set now; 0 another moderator's claim stands (see claim)"),
            'claim' => claims::structure(),
            'warnings' => new external_warnings(),
        ]);
    }
}
