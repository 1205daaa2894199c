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

namespace local_moderatordesk\local;

use core_external\external_single_structure;
use core_external\external_value;

defined('MOODLE_INTERNAL') || die();

require_once(__DIR__ . '/../../compat.php');

/**
 * The moderators' shared triage state of forum discussions: who claimed what, what was dismissed.
 *
 * One row per discussion. A release keeps its row (state 'released') so that a client asking
 * for changes since its last sync learns of it too.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class claims {
    /** The states a discussion can be put in. */
    public const STATES = ['claimed', 'dismissed', 'released'];

    /** The longest dismissal reason stored. */
    public const REASON_MAX = 255;

    /**
     * Whether the caller may see this discussion in the given forum, groups included.
     *
     * @param \cm_info $cm the forum's course module, as seen by the caller
     * @param int $groupid the discussion's group (0 or -1: all participants)
     * @return bool
     */
    public static function can_see(\cm_info $cm, int $groupid): bool {
        if (!$cm->uservisible || !has_capability('mod/forum:viewdiscussion', $cm->context)) {
            return false;
        }
        if ($groupid <= 0 || groups_get_activity_groupmode($cm) != SEPARATEGROUPS) {
            return true;
        }
        return has_capability('moodle/site:accessallgroups', $cm->context) || groups_is_member($groupid);
    }

    /**
     * A claim row as the web service returns it.
     *
     * @param \stdClass $row a local_moderatordesk_claims row, with forumid
     * @param array $names userid => full name of the moderators involved
     * @return array
     */
    public static function export(\stdClass $row, array $names): array {
        return [
            'discussionid' => (int) $row->discussionid,
            'courseid' => (int) $row->courseid,
            'forumid' => (int) $row->forumid,
            'state' => $row->state,
            'reason' => $row->reason,
            'userid' => (int) $row->userid,
            'fullname' => $names[(int) $row->userid] ?? '',
            'timemodified' => (int) $row->timemodified,
        ];
    }

    /**
     * Full names of the moderators who set these rows.
     *
     * @param \stdClass[] $rows claim rows
     * @return array userid => full name
     */
    public static function names(array $rows): array {
        global $DB;
        $ids = array_filter(array_unique(array_map(fn($r) => (int) $r->userid, $rows)));
        if (!$ids) {
            return [];
        }
        $fields = \core_user\fields::for_name()->get_sql('', false, '', '', false)->selects;
        $users = $DB->get_records_list('user', 'id', $ids, '', 'id, ' . $fields);
        return array_map(fn($u) => fullname($u), $users);
    }

    /**
     * The shape of one claim in web-service answers.
     *
     * @return external_single_structure
     */
    public static function structure(): external_single_structure {
        return new external_single_structure([
            'discussionid' => new external_value(PARAM_INT, 'The forum discussion'),
            'courseid' => new external_value(PARAM_INT, 'Its course'),
            'forumid' => new external_value(PARAM_INT, 'Its forum'),
            'state' => new external_value(PARAM_ALPHA, 'claimed, dismissed or released'),
            'reason' => new external_value(PARAM_TEXT, 'Why it was dismissed (may be empty)'),
            'userid' => new external_value(PARAM_INT, 'The moderator who set this state (0: deleted user)'),
            'fullname' => new external_value(PARAM_TEXT, 'Their name'),
            'timemodified' => new external_value(PARAM_INT, 'When the state was set'),
        ]);
    }
}
