<?php
// A course of its own for one live test: a moderator (editing teacher), learners, an
// optional set of groups and one forum, made with Moodle's own generators.
//
// MOODLE_CASE_PASSWORD=... php forum_case.php MOODLE_DIR SUFFIX [GROUPMODE [LEARNERS [GROUPS]]]
//   (the password every user gets comes from the environment, never an argument)
//   GROUPMODE: 0 none, 1 separate groups (default 0)
//   LEARNERS:  how many learners (default 2)
//   GROUPS:    how many groups (default 0); learner i joins group i % GROUPS
// Prints JSON: course, forum (id, cmid), moderator and learners (id, username,
// fullname), groups (id, name, members).
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->libdir . '/testing/classes/util.php');

$suffix = $argv[2];
$password = getenv('MOODLE_CASE_PASSWORD');
if (!preg_match('/^[a-z0-9]+$/', $suffix) || !$password) {
    throw new coding_exception('need SUFFIX ([a-z0-9]) and MOODLE_CASE_PASSWORD');
}
$groupmode = (int)($argv[3] ?? 0);
$nlearners = (int)($argv[4] ?? 2);
$ngroups = (int)($argv[5] ?? 0);

\core\session\manager::set_user(get_admin());
$gen = testing_util::get_data_generator();

$course = $gen->create_course([
    'shortname' => 'live-' . $suffix,
    'fullname' => 'Live test ' . $suffix,
    'groupmode' => $groupmode,
]);

function make_user($gen, $course, $name, $role, $password) {
    $user = $gen->create_user([
        'username' => $name,
        'password' => $password,
        'firstname' => 'Case',
        'lastname' => $name,
        'email' => $name . '@example.invalid',
    ]);
    $gen->enrol_user($user->id, $course->id, $role);
    return ['id' => (int)$user->id, 'username' => $name, 'fullname' => fullname($user)];
}

$moderator = make_user($gen, $course, 'mdmod' . $suffix, 'editingteacher', $password);
$learners = [];
for ($i = 0; $i < $nlearners; $i++) {
    $learners[] = make_user($gen, $course, 'mdlearner' . $i . $suffix, 'student', $password);
}

$groups = [];
for ($g = 0; $g < $ngroups; $g++) {
    $group = $gen->create_group(['courseid' => $course->id, 'name' => 'Group ' . $g . ' ' . $suffix]);
    $groups[] = ['id' => (int)$group->id, 'name' => $group->name, 'members' => []];
}
if ($ngroups > 0) {
    foreach ($learners as $i => $learner) {
        $g = $i % $ngroups;
        $gen->create_group_member(['groupid' => $groups[$g]['id'], 'userid' => $learner['id']]);
        $groups[$g]['members'][] = $learner['id'];
    }
}

$forum = $gen->create_module('forum', [
    'course' => $course->id,
    'name' => 'Forum ' . $suffix,
    'type' => 'general',
    'groupmode' => $groupmode,
]);

echo json_encode([
    'course' => (int)$course->id,
    'forum' => ['id' => (int)$forum->id, 'cmid' => (int)$forum->cmid],
    'moderator' => $moderator,
    'learners' => $learners,
    'groups' => $groups,
]);
