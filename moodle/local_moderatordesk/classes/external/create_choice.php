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

/**
 * local_moderatordesk_create_choice: a Choice made through Moodle's own add-module path.
 *
 * Idempotent on (course, clientref): the reference is stored in local_moderatordesk_polls in
 * the same transaction as the module, under a lock, so a publish the app retries after a lost
 * answer returns the first activity (created = 0) instead of making a second one.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class create_choice extends external_api {
    /** Choice's CHOICE_SHOWRESULTS_* range. */
    private const SHOWRESULTS_MAX = 3;

    /** Course module idnumbers are 100 characters; the reference goes in after this prefix. */
    private const IDNUMBER_PREFIX = 'mdesk-';

    /** How long a second call with the same reference waits for the first one. */
    private const LOCK_SECONDS = 30;

    /**
     * The parameters: every setting of the app's poll editor.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'The course'),
            'section' => new external_value(PARAM_INT, 'Section number in the course', VALUE_DEFAULT, 0),
            'name' => new external_value(PARAM_TEXT, "The poll's question, as its title"),
            'intro' => new external_value(PARAM_RAW, 'Description shown above the options (HTML)', VALUE_DEFAULT, ''),
            'options' => new external_multiple_structure(
                new external_single_structure([
                    'text' => new external_value(PARAM_TEXT, 'The answer'),
                    'maxanswers' => new external_value(PARAM_INT, 'Limit for this answer (with limitanswers)',
                        VALUE_DEFAULT, 0),
                ]),
                'The answers, in order (2 to 30)'
            ),
            'allowmultiple' => new external_value(PARAM_BOOL, 'Learners may pick more than one', VALUE_DEFAULT, false),
            'allowupdate' => new external_value(PARAM_BOOL, 'Learners may change their answer', VALUE_DEFAULT, false),
            'limitanswers' => new external_value(PARAM_BOOL, "Enforce each option's maxanswers", VALUE_DEFAULT, false),
            'showresults' => new external_value(PARAM_INT,
                '0 never, 1 after answering, 2 after closing, 3 always', VALUE_DEFAULT, 1),
            'publish' => new external_value(PARAM_BOOL, '0 anonymous results, 1 with names', VALUE_DEFAULT, false),
            'showunanswered' => new external_value(PARAM_BOOL, 'Show who has not answered', VALUE_DEFAULT, false),
            'timeopen' => new external_value(PARAM_INT, 'Open time (0: open now)', VALUE_DEFAULT, 0),
            'timeclose' => new external_value(PARAM_INT, 'Close time (0: none)', VALUE_DEFAULT, 0),
            'visible' => new external_value(PARAM_BOOL, 'Visible to learners', VALUE_DEFAULT, true),
            'clientref' => new external_value(PARAM_ALPHANUMEXT, "The client's id for this poll (max 94)"),
        ]);
    }

    /**
     * Create the poll, or return the one made earlier for the same reference.
     *
     * @param int $courseid
     * @param int $section
     * @param string $name
     * @param string $intro
     * @param array $options
     * @param bool $allowmultiple
     * @param bool $allowupdate
     * @param bool $limitanswers
     * @param int $showresults
     * @param bool $publish
     * @param bool $showunanswered
     * @param int $timeopen
     * @param int $timeclose
     * @param bool $visible
     * @param string $clientref
     * @return array
     */
    public static function execute(int $courseid, int $section, string $name, string $intro, array $options,
            bool $allowmultiple, bool $allowupdate, bool $limitanswers, int $showresults, bool $publish,
            bool $showunanswered, int $timeopen, int $timeclose, bool $visible, string $clientref): array {
        global $DB, $CFG, $USER;
        require_once($CFG->dirroot . '/course/lib.php');
        require_once($CFG->dirroot . '/course/modlib.php');

        $p = self::validate_parameters(self::execute_parameters(), compact('courseid', 'section', 'name', 'intro',
            'options', 'allowmultiple', 'allowupdate', 'limitanswers', 'showresults', 'publish', 'showunanswered',
            'timeopen', 'timeclose', 'visible', 'clientref'));

        if ($p['courseid'] == SITEID) {
            throw new \moodle_exception('sitecourse', 'local_moderatordesk');
        }
        $course = $DB->get_record('course', ['id' => $p['courseid']], '*', MUST_EXIST);
        $context = \context_course::instance($course->id);
        self::validate_context($context);
        // Checked here, not left to core: a plain 'nopermissions' before anything else happens.
        require_capability('moodle/course:manageactivities', $context);
        require_capability('mod/choice:addinstance', $context);

        $clean = self::checked_settings($p);
        if (!$DB->record_exists('course_sections', ['course' => $course->id, 'section' => $p['section']])) {
            // can_add_moduleinfo() would quietly make the section; a poll in a new, empty
            // section is not what the moderator picked.
            throw new \moodle_exception('nosuchsection', 'local_moderatordesk', '', $p['section']);
        }
        $module = $DB->get_record('modules', ['name' => 'choice']);
        if (!$module || !$module->visible) {
            throw new \moodle_exception('choicedisabled', 'local_moderatordesk');
        }

        $factory = \core\lock\lock_config::get_lock_factory('local_moderatordesk');
        $resource = 'choice-' . $course->id . '-' . sha1($p['clientref']);
        $lock = $factory->get_lock($resource, self::LOCK_SECONDS);
        if (!$lock) {
            throw new \moodle_exception('busy', 'local_moderatordesk');
        }
        try {
            $known = $DB->get_record('local_moderatordesk_polls',
                ['courseid' => $course->id, 'clientref' => $p['clientref']]);
            if ($known) {
                return self::earlier($known);
            }
            $transaction = $DB->start_delegated_transaction();
            try {
                $info = create_module(self::moduleinfo($course, $module, $p, $clean));
                $DB->insert_record('local_moderatordesk_polls', (object) [
                    'courseid' => $course->id,
                    'clientref' => $p['clientref'],
                    'cmid' => $info->coursemodule,
                    'choiceid' => $info->instance,
                    'userid' => $USER->id,
                    'timecreated' => time(),
                ]);
                $transaction->allow_commit();
            } catch (\Throwable $e) {
                // Never a half-made activity: the module, its options and the reference go together.
                $transaction->rollback($e);
            }
            return ['cmid' => (int) $info->coursemodule, 'choiceid' => (int) $info->instance, 'created' => 1,
                'warnings' => []];
        } finally {
            $lock->release();
        }
    }

    /**
     * The answer for a reference seen before, or an error if its activity is gone.
     *
     * @param \stdClass $known the local_moderatordesk_polls row
     * @return array
     */
    private static function earlier(\stdClass $known): array {
        global $DB;
        $cm = $DB->get_record('course_modules', ['id' => $known->cmid]);
        if (!$cm || !empty($cm->deletioninprogress)) {
            // Making it again would bring back a poll a teacher deleted on purpose.
            throw new \moodle_exception('clientrefdeleted', 'local_moderatordesk');
        }
        return ['cmid' => (int) $known->cmid, 'choiceid' => (int) $known->choiceid, 'created' => 0, 'warnings' => []];
    }

    /**
     * The poll's settings, refused as a whole before anything is written.
     *
     * @param array $p validated parameters
     * @return array name and option texts, trimmed
     */
    private static function checked_settings(array $p): array {
        $name = trim($p['name']);
        if ($name === '' || \core_text::strlen($name) > 255) {
            throw new \invalid_parameter_exception('name must be 1 to 255 characters');
        }
        if (trim($p['clientref']) === '' || strlen(self::IDNUMBER_PREFIX . $p['clientref']) > 100) {
            throw new \invalid_parameter_exception('clientref must be 1 to 94 characters');
        }
        $count = count($p['options']);
        if ($count < 2 || $count > 30) {
            throw new \invalid_parameter_exception('a poll needs 2 to 30 options');
        }
        $texts = [];
        foreach ($p['options'] as $option) {
            $text = trim($option['text']);
            if ($text === '') {
                throw new \invalid_parameter_exception('an option has no text');
            }
            if ($option['maxanswers'] < 0) {
                throw new \invalid_parameter_exception('maxanswers cannot be negative');
            }
            if ($p['limitanswers'] && $option['maxanswers'] < 1) {
                // Choice takes a limit of 0 as 'full': nobody could pick it.
                throw new \moodle_exception('limitzero', 'local_moderatordesk', '', $text);
            }
            $texts[] = $text;
        }
        if ($p['showresults'] < 0 || $p['showresults'] > self::SHOWRESULTS_MAX) {
            throw new \invalid_parameter_exception('showresults must be 0 to 3');
        }
        if ($p['section'] < 0 || $p['timeopen'] < 0 || $p['timeclose'] < 0) {
            throw new \invalid_parameter_exception('section and times cannot be negative');
        }
        if ($p['timeopen'] && $p['timeclose'] && $p['timeclose'] < $p['timeopen']) {
            throw new \moodle_exception('closebeforeopen', 'local_moderatordesk');
        }
        return ['name' => $name, 'texts' => $texts];
    }

    /**
     * What create_module() takes for a Choice, as mod/choice/mod_form.php would post it.
     *
     * @param \stdClass $course
     * @param \stdClass $module the 'choice' row of {modules}
     * @param array $p validated parameters
     * @param array $clean trimmed name and option texts
     * @return \stdClass
     */
    private static function moduleinfo(\stdClass $course, \stdClass $module, array $p, array $clean): \stdClass {
        $info = new \stdClass();
        $info->modulename = 'choice';
        $info->module = $module->id;
        $info->course = $course->id;
        $info->section = $p['section'];
        $info->visible = $p['visible'] ? 1 : 0;
        $info->visibleoncoursepage = 1;
        // Shown in the activity's settings: a teacher can tell a poll came from the app.
        $info->cmidnumber = self::IDNUMBER_PREFIX . $p['clientref'];
        $info->name = $clean['name'];
        $info->introeditor = ['text' => $p['intro'], 'format' => FORMAT_HTML, 'itemid' => 0];
        $info->option = $clean['texts'];
        $info->limit = array_map(fn(array $o): int => (int) $o['maxanswers'], $p['options']);
        $info->allowmultiple = (int) $p['allowmultiple'];
        $info->allowupdate = (int) $p['allowupdate'];
        $info->limitanswers = (int) $p['limitanswers'];
        $info->showresults = $p['showresults'];
        $info->publish = (int) $p['publish'];
        $info->showunanswered = (int) $p['showunanswered'];
        $info->timeopen = $p['timeopen'];
        $info->timeclose = $p['timeclose'];
        $info->display = 0;
        $info->includeinactive = 0;
        $info->showpreview = 0;
        $info->showavailable = 0;
        $info->completionsubmit = 0;
        $info->groupmode = 0;
        $info->groupingid = 0;
        return $info;
    }

    /**
     * The answer.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'cmid' => new external_value(PARAM_INT, 'Course module id'),
            'choiceid' => new external_value(PARAM_INT, 'Choice instance id'),
            'created' => new external_value(PARAM_INT, '1 made now, 0 made by an earlier call with this clientref'),
            'warnings' => new external_warnings(),
        ]);
    }
}
