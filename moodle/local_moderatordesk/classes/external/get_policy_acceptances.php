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
use local_moderatordesk\local\group_scope;
use local_moderatordesk\local\policy_states;

/**
 * local_moderatordesk_get_policy_acceptances: each participant's answers to the site policies.
 *
 * tool_policy's own functions need system-level capabilities that a teacher's role never
 * holds; this one is guarded by local/moderatordesk:viewacceptances in the course.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class get_policy_acceptances extends external_api {
    /** The largest page. */
    private const MAX_PERPAGE = 500;

    /**
     * The parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'The course'),
            'groupid' => new external_value(PARAM_INT, 'One group, or 0 for every group the caller may see',
                VALUE_DEFAULT, 0),
            'page' => new external_value(PARAM_INT, 'Page number, from 0', VALUE_DEFAULT, 0),
            'perpage' => new external_value(PARAM_INT, 'Participants per page (1 to 500)', VALUE_DEFAULT, 100),
        ]);
    }

    /**
     * One page of participants, ordered by last name, first name and id.
     *
     * @param int $courseid
     * @param int $groupid
     * @param int $page
     * @param int $perpage
     * @return array
     */
    public static function execute(int $courseid, int $groupid, int $page, int $perpage): array {
        global $DB;
        $p = self::validate_parameters(self::execute_parameters(), compact('courseid', 'groupid', 'page', 'perpage'));
        if ($p['page'] < 0 || $p['perpage'] < 1 || $p['perpage'] > self::MAX_PERPAGE) {
            throw new \invalid_parameter_exception('page must be 0 or more and perpage 1 to 500');
        }
        if ($p['courseid'] == SITEID) {
            throw new \moodle_exception('sitecourse', 'local_moderatordesk');
        }
        $course = $DB->get_record('course', ['id' => $p['courseid']], '*', MUST_EXIST);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        require_capability('local/moderatordesk:viewacceptances', $context);
        policy_states::require_tool_policy();

        $groups = group_scope::groups_for($course, $context, $p['groupid']);
        $versions = policy_states::current_versions();
        $result = [
            'policies' => array_map(fn($v) => [
                'versionid' => (int) $v->id,
                'policyid' => (int) $v->policyid,
                'name' => format_string($v->name, true, ['context' => \context_system::instance()]),
                'revision' => $v->revision,
                'type' => (int) $v->type,
                'optional' => (int) $v->optional,
            ], $versions),
            'participants' => [],
            'total' => 0,
            'page' => $p['page'],
            'perpage' => $p['perpage'],
            'warnings' => [],
        ];
        if (is_array($groups) && !$groups) {
            // Separate groups and the caller is in none: nobody to show.
            return $result;
        }
        [$esql, $eparams] = get_enrolled_sql($context, '', $groups, true);
        $result['total'] = (int) $DB->count_records_sql("SELECT COUNT(1) FROM ($esql) e", $eparams);
        $namefields = \core_user\fields::for_name()->get_sql('u', false, '', '', false)->selects;
        $users = $DB->get_records_sql("SELECT u.id, $namefields
                                         FROM {user} u
                                         JOIN ($esql) e ON e.id = u.id
                                     ORDER BY u.lastname, u.firstname, u.id", $eparams,
            $p['page'] * $p['perpage'], $p['perpage']);
        $states = policy_states::states(array_map('intval', array_keys($users)), $versions);
        $viewfull = has_capability('moodle/site:viewfullnames', $context);
        foreach ($users as $user) {
            $result['participants'][] = [
                'userid' => (int) $user->id,
                'fullname' => fullname($user, $viewfull),
                'policies' => $states[(int) $user->id],
            ];
        }
        return $result;
    }

    /**
     * The answer.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'policies' => new external_multiple_structure(new external_single_structure([
                'versionid' => new external_value(PARAM_INT, 'Current version of the policy'),
                'policyid' => new external_value(PARAM_INT, 'The policy'),
                'name' => new external_value(PARAM_TEXT, 'Its name'),
                'revision' => new external_value(PARAM_TEXT, 'Its revision label'),
                'type' => new external_value(PARAM_INT, '0 site, 1 privacy, 2 third parties, 99 other'),
                'optional' => new external_value(PARAM_INT, '1 if a user may decline it and still use the site'),
            ]), "The site's current policies for logged-in users, in the site's order"),
            'participants' => new external_multiple_structure(new external_single_structure([
                'userid' => new external_value(PARAM_INT, 'The participant'),
                'fullname' => new external_value(PARAM_TEXT, 'Their name'),
                'policies' => new external_multiple_structure(new external_single_structure([
                    'versionid' => new external_value(PARAM_INT, 'The policy version'),
                    'status' => new external_value(PARAM_ALPHA, 'accepted, declined, withdrawn or pending'),
                    'timemodified' => new external_value(PARAM_INT, 'When they answered (0 when pending)'),
                    'onbehalf' => new external_value(PARAM_INT, '1 if someone else answered for them'),
                ]), 'One entry per current policy, in the order of policies'),
            ])),
            'total' => new external_value(PARAM_INT, 'Participants in all pages'),
            'page' => new external_value(PARAM_INT, 'This page'),
            'perpage' => new external_value(PARAM_INT, 'Page size'),
            'warnings' => new external_warnings(),
        ]);
    }
}
