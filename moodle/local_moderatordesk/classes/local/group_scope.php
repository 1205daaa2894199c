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

/**
 * The course groups a caller may look into, for functions that take an optional group.
 *
 * In separate groups mode a teacher without moodle/site:accessallgroups sees only the
 * groups they belong to, exactly as on Moodle's own participants page.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class group_scope {
    /**
     * The groups to read, or 0 for the whole course.
     *
     * @param \stdClass $course
     * @param \context_course $context
     * @param int $groupid the group asked for, 0 for everything the caller may see
     * @return int|int[] 0 (no restriction) or a list of group ids (possibly empty)
     */
    public static function groups_for(\stdClass $course, \context_course $context, int $groupid) {
        global $USER;
        if ($groupid && !groups_group_exists($groupid)) {
            throw new \invalid_parameter_exception('groupid is not a group');
        }
        if ($groupid && groups_get_group($groupid)->courseid != $course->id) {
            throw new \invalid_parameter_exception('groupid is not a group of this course');
        }
        if (!self::restricted($course, $context)) {
            return $groupid ?: 0;
        }
        $mine = array_map('intval', array_keys(groups_get_all_groups($course->id, $USER->id)));
        if ($groupid) {
            if (!in_array($groupid, $mine, true)) {
                throw new \moodle_exception('notyourgroup', 'local_moderatordesk');
            }
            return [$groupid];
        }
        return $mine;
    }

    /**
     * Whether the caller is held to their own groups in this course.
     *
     * @param \stdClass $course
     * @param \context_course $context
     * @return bool
     */
    public static function restricted(\stdClass $course, \context_course $context): bool {
        return groups_get_course_groupmode($course) == SEPARATEGROUPS
            && !has_capability('moodle/site:accessallgroups', $context);
    }
}
