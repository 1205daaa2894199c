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

namespace local_moderatordesk\privacy;

use core_privacy\local\metadata\collection;
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\contextlist;
use core_privacy\local\request\transform;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;

/**
 * Privacy provider: both tables hold the id of the moderator who acted, in a course.
 *
 * Claims are deleted with their moderator. A poll reference is kept with its user id set to
 * 0: the row is what stops a retried publish from making a second poll, and without the user
 * it says nothing about anyone.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class provider implements
        \core_privacy\local\metadata\provider,
        \core_privacy\local\request\core_userlist_provider,
        \core_privacy\local\request\plugin\provider {

    /**
     * What is stored.
     *
     * @param collection $collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_database_table('local_moderatordesk_claims', [
            'userid' => 'privacy:metadata:claims:userid',
            'discussionid' => 'privacy:metadata:claims:discussionid',
            'state' => 'privacy:metadata:claims:state',
            'reason' => 'privacy:metadata:claims:reason',
            'timemodified' => 'privacy:metadata:claims:timemodified',
        ], 'privacy:metadata:claims');
        $collection->add_database_table('local_moderatordesk_polls', [
            'userid' => 'privacy:metadata:polls:userid',
            'clientref' => 'privacy:metadata:polls:clientref',
            'cmid' => 'privacy:metadata:polls:cmid',
            'timecreated' => 'privacy:metadata:polls:timecreated',
        ], 'privacy:metadata:polls');
        return $collection;
    }

    /**
     * The course contexts where the user claimed or published something.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $contextlist = new contextlist();
        foreach (['local_moderatordesk_claims', 'local_moderatordesk_polls'] as $table) {
            $contextlist->add_from_sql("SELECT ctx.id
                                          FROM {context} ctx
                                          JOIN {{$table}} t ON t.courseid = ctx.instanceid AND ctx.contextlevel = :level
                                         WHERE t.userid = :userid",
                ['level' => CONTEXT_COURSE, 'userid' => $userid]);
        }
        return $contextlist;
    }

    /**
     * The users with rows in a course context.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        $context = $userlist->get_context();
        if (!$context instanceof \context_course) {
            return;
        }
        foreach (['local_moderatordesk_claims', 'local_moderatordesk_polls'] as $table) {
            $userlist->add_from_sql('userid', "SELECT userid FROM {{$table}} WHERE courseid = :courseid AND userid > 0",
                ['courseid' => $context->instanceid]);
        }
    }

    /**
     * Export the user's claims and published polls, per course.
     *
     * @param approved_contextlist $contextlist
     */
    public static function export_user_data(approved_contextlist $contextlist) {
        global $DB;
        $userid = $contextlist->get_user()->id;
        $component = get_string('pluginname', 'local_moderatordesk');
        foreach ($contextlist->get_contexts() as $context) {
            if (!$context instanceof \context_course) {
                continue;
            }
            $where = ['courseid' => $context->instanceid, 'userid' => $userid];
            $claims = array_values(array_map(fn($r) => (object) [
                'discussionid' => (int) $r->discussionid,
                'state' => $r->state,
                'reason' => $r->reason,
                'timemodified' => transform::datetime($r->timemodified),
            ], $DB->get_records('local_moderatordesk_claims', $where, 'id')));
            if ($claims) {
                writer::with_context($context)->export_data(
                    [$component, get_string('privacy:claims', 'local_moderatordesk')], (object) ['claims' => $claims]);
            }
            $polls = array_values(array_map(fn($r) => (object) [
                'clientref' => $r->clientref,
                'cmid' => (int) $r->cmid,
                'timecreated' => transform::datetime($r->timecreated),
            ], $DB->get_records('local_moderatordesk_polls', $where, 'id')));
            if ($polls) {
                writer::with_context($context)->export_data(
                    [$component, get_string('privacy:polls', 'local_moderatordesk')], (object) ['polls' => $polls]);
            }
        }
    }

    /**
     * Delete everyone's data in a course context.
     *
     * @param \context $context
     */
    public static function delete_data_for_all_users_in_context(\context $context) {
        global $DB;
        if (!$context instanceof \context_course) {
            return;
        }
        $DB->delete_records('local_moderatordesk_claims', ['courseid' => $context->instanceid]);
        $DB->set_field('local_moderatordesk_polls', 'userid', 0, ['courseid' => $context->instanceid]);
    }

    /**
     * Delete one user's data in the given contexts.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        $userid = (int) $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            if ($context instanceof \context_course) {
                self::forget((int) $context->instanceid, [$userid]);
            }
        }
    }

    /**
     * Delete several users' data in one context.
     *
     * @param approved_userlist $userlist
     */
    public static function delete_data_for_users(approved_userlist $userlist) {
        $context = $userlist->get_context();
        if ($context instanceof \context_course && $userlist->get_userids()) {
            self::forget((int) $context->instanceid, array_map('intval', $userlist->get_userids()));
        }
    }

    /**
     * Delete these users' claims in a course and take them off its poll references.
     *
     * @param int $courseid
     * @param int[] $userids
     */
    private static function forget(int $courseid, array $userids): void {
        global $DB;
        [$usql, $params] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED);
        $params['courseid'] = $courseid;
        $DB->delete_records_select('local_moderatordesk_claims', "courseid = :courseid AND userid $usql", $params);
        $DB->set_field_select('local_moderatordesk_polls', 'userid', 0, "courseid = :courseid AND userid $usql", $params);
    }
}
