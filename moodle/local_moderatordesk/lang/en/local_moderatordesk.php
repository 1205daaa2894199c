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
 * English strings of local_moderatordesk.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['busy'] = 'Another request for the same item is still running; try again in a moment.';
$string['choicedisabled'] = 'The Choice activity is disabled on this site, so polls cannot be published.';
$string['clientrefdeleted'] = 'The poll published for this reference has been deleted from the course; it is not made again.';
$string['closebeforeopen'] = 'The poll closes before it opens.';
$string['limitzero'] = 'The option "{$a}" has a limit of 0 while limits are on: nobody could choose it.';
$string['moderatordesk:triage'] = 'Claim and dismiss forum discussions with Moderator Desk, and see the team\'s claims';
$string['moderatordesk:viewacceptances'] = 'See the site policy acceptances of the course participants in Moderator Desk';
$string['nosuchsection'] = 'The course has no section {$a}.';
$string['nottoolpolicy'] = 'The site policies are not kept by the Policies tool (tool_policy); the handler is: {$a}.';
$string['notyourgroup'] = 'You are not a member of that group, and this course uses separate groups.';
$string['pluginname'] = 'Moderator Desk companion';
$string['privacy:claims'] = 'Discussion claims';
$string['privacy:metadata:claims'] = 'Which moderator claimed or dismissed a forum discussion, so the other moderators of the course see it.';
$string['privacy:metadata:claims:discussionid'] = 'The forum discussion.';
$string['privacy:metadata:claims:reason'] = 'The reason the moderator gave for a dismissal.';
$string['privacy:metadata:claims:state'] = 'Claimed, dismissed or released.';
$string['privacy:metadata:claims:timemodified'] = 'When the moderator set this state.';
$string['privacy:metadata:claims:userid'] = 'The moderator who set the state.';
$string['privacy:metadata:polls'] = 'Polls published from Moderator Desk, with the app\'s reference that keeps them from being made twice.';
$string['privacy:metadata:polls:clientref'] = 'The app\'s reference for the poll.';
$string['privacy:metadata:polls:cmid'] = 'The poll activity made.';
$string['privacy:metadata:polls:timecreated'] = 'When it was published.';
$string['privacy:metadata:polls:userid'] = 'The moderator who published it.';
$string['privacy:polls'] = 'Published polls';
$string['sitecourse'] = 'This cannot be done on the site front page; choose a course.';
