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
use core_external\external_multiple_structure;
use core_external\external_single_structure;
use core_external\external_value;
use core_external\external_warnings;
use local_moderatordesk\local\claims;

/**
 * local_moderatordesk_get_claims: the team's claims and dismissals changed since a time, in one request.
 *
 * A course the caller may not triage in gives a warning, not an error, so one sync over all
 * of a moderator's courses still gets the rest.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_claims extends external_api {
    /**
     * The parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseids' => new external_multiple_structure(new external_value(PARAM_INT, 'A course'), 'The courses'),
            'since' => new external_value(PARAM_INT,
                'Only states set at or after this time (use the last answer\'s servertime); 0 for all', VALUE_DEFAULT, 0),
        ]);
    }

    /**
     * The claims in these courses that the caller can see, oldest change first.
     *
     * @param int[] $courseids
     * @param int $since
     * @return array
     */
    public static function execute(array $courseids, int $since): array {
        global $DB;
        $p = self::validate_parameters(self::execute_parameters(), compact('courseids', 'since'));
        // Taken before reading: a change made during this call is then in the next answer too.
        $servertime = time();
        $claimsout = [];
        $warnings = [];
        foreach (array_unique($p['courseids']) as $courseid) {
            try {
                $context = \context_course::instance($courseid);
                self::validate_context($context);
                require_capability('local/moderatordesk:triage', $context);
            } catch (\Exception $e) {
                $warnings[] = ['item' => 'course', 'itemid' => $courseid, 'warningcode' => 'nopermissions',
                    'message' => 'No access to the claims of this course'];
                continue;
            }
            $rows = $DB->get_records_sql(
                "SELECT c.*, d.forum AS forumid, d.groupid
                   FROM {local_moderatordesk_claims} c
                   JOIN {forum_discussions} d ON d.id = c.discussionid
                  WHERE c.courseid = :courseid AND c.timemodified >= :since
               ORDER BY c.timemodified, c.id",
                ['courseid' => $courseid, 'since' => $p['since']]);
            $forums = get_fast_modinfo($courseid)->get_instances_of('forum');
            $visible = array_filter($rows, fn($r) => isset($forums[$r->forumid])
                && claims::can_see($forums[$r->forumid], (int) $r->groupid));
            $names = claims::names($visible);
            foreach ($visible as $row) {
                $claimsout[] = claims::export($row, $names);
            }
        }
        return ['claims' => $claimsout, 'servertime' => $servertime, 'warnings' => $warnings];
    }

    /**
     * The answer.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'claims' => new external_multiple_structure(claims::structure()),
            'servertime' => new external_value(PARAM_INT, "The site's time when this answer was read: the next since"),
            'warnings' => new external_warnings(),
        ]);
    }
}
