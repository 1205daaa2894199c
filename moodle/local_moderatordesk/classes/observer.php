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

namespace local_moderatordesk;

/**
 * Event observers: rows about a deleted discussion or course are deleted with it.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class observer {
    /**
     * A deleted discussion's claim goes with it.
     *
     * @param \mod_forum\event\discussion_deleted $event
     */
    public static function discussion_deleted(\mod_forum\event\discussion_deleted $event): void {
        global $DB;
        $DB->delete_records('local_moderatordesk_claims', ['discussionid' => $event->objectid]);
    }

    /**
     * A deleted course's claims and poll references go with it.
     *
     * @param \core\event\course_deleted $event
     */
    public static function course_deleted(\core\event\course_deleted $event): void {
        global $DB;
        $DB->delete_records('local_moderatordesk_claims', ['courseid' => $event->objectid]);
        $DB->delete_records('local_moderatordesk_polls', ['courseid' => $event->objectid]);
    }
}
