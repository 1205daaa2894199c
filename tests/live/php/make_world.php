<?php
// The live suite's shared world, made with Moodle's own data generators.
//
// Usage: php make_world.php MOODLE_DIR SUFFIX
//   SUFFIX makes every course and user name unique to this test run.
//   The users' password comes from the environment (MOODLE_WORLD_PASSWORD), never argv,
//   so it shows in no process list.
// Prints one JSON object: courses, users, groups, forums, discussions, posts, choices.
//
// Times are set explicitly (hours in the past) so the waiting order is known, and each
// post moves its discussion's timemodified/usermodified as forum_add_new_post() does
// (the generator's create_post leaves them alone).
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->libdir . '/testing/classes/util.php');
require_once($CFG->dirroot . '/mod/forum/lib.php');

$suffix = $argv[2] ?? '';
$password = getenv('MOODLE_WORLD_PASSWORD');
if ($suffix === '' || !preg_match('/^[a-z0-9]+$/', $suffix) || !$password) {
    fwrite(STDERR, "usage: MOODLE_WORLD_PASSWORD=... php make_world.php MOODLE_DIR SUFFIX\n");
    exit(2);
}

\core\session\manager::set_user(get_admin());
$gen = testing_util::get_data_generator();
$forumgen = $gen->get_plugin_generator('mod_forum');
$now = time();
$hours = function (float $h) use ($now): int {
    return $now - (int) round($h * 3600);
};

// -- people ------------------------------------------------------------------------
$users = [];
foreach (['editor', 'teacher', 'learner1', 'learner2', 'learner3', 'learner4'] as $key) {
    $u = $gen->create_user([
        'username' => "live{$key}{$suffix}",
        'password' => $password,
        'firstname' => ucfirst($key),
        'lastname' => "Live {$suffix}",
        'email' => "live{$key}{$suffix}@example.org",
    ]);
    $users[$key] = ['id' => (int) $u->id, 'username' => $u->username,
        'fullname' => fullname($u)];
}
$uid = function (string $key) use ($users): int {
    return $users[$key]['id'];
};

// -- course 1: the main course, all roles ----------------------------------------------
$course = $gen->create_course(['shortname' => "LIVE1-{$suffix}", 'fullname' => "Live course {$suffix}"]);
$roles = ['editor' => 'editingteacher', 'teacher' => 'teacher', 'learner1' => 'student',
    'learner2' => 'student', 'learner3' => 'student', 'learner4' => 'student'];
foreach ($roles as $key => $role) {
    $gen->enrol_user($uid($key), $course->id, $role);
}
$groupa = $gen->create_group(['courseid' => $course->id, 'name' => "Group A {$suffix}"]);
$groupb = $gen->create_group(['courseid' => $course->id, 'name' => "Group B {$suffix}"]);
foreach (['learner1' => $groupa, 'learner2' => $groupa, 'teacher' => $groupa,
          'learner3' => $groupb, 'learner4' => $groupb] as $key => $group) {
    $gen->create_group_member(['groupid' => $group->id, 'userid' => $uid($key)]);
}

// -- course 2: the non-editing teacher is a learner here ---------------------------------
$course2 = $gen->create_course(['shortname' => "LIVE2-{$suffix}", 'fullname' => "Live course two {$suffix}"]);
$gen->enrol_user($uid('editor'), $course2->id, 'editingteacher');
$gen->enrol_user($uid('teacher'), $course2->id, 'student');
$gen->enrol_user($uid('learner1'), $course2->id, 'student');

// -- forums ----------------------------------------------------------------------------
$forums = [];
$makeforum = function (string $key, $c, array $extra) use ($gen, &$forums, $suffix) {
    $f = $gen->create_module('forum', array_merge(
        ['course' => $c->id, 'name' => "Live {$key} {$suffix}"], $extra));
    $forums[$key] = ['id' => (int) $f->id, 'cmid' => (int) $f->cmid, 'course_id' => (int) $c->id,
        'type' => $extra['type'] ?? 'general', 'name' => $f->name];
    return $f;
};
$general = $makeforum('general', $course, ['type' => 'general']);
$groups = $makeforum('groups', $course, ['type' => 'general', 'groupmode' => SEPARATEGROUPS]);
$qanda = $makeforum('qanda', $course, ['type' => 'qanda']);
$other = $makeforum('course2', $course2, ['type' => 'general']);
// Where write tests make their own discussions, away from what others read.
$makeforum('scratch', $course, ['type' => 'general']);
$makeforum('scratch_groups', $course, ['type' => 'general', 'groupmode' => SEPARATEGROUPS]);

$discussions = [];
$posts = [];
// A discussion opened by $author $age hours ago; $extra for pinned, timelocked, groupid.
$discuss = function (string $key, $forum, string $author, float $age, array $extra = [])
        use ($forumgen, $uid, $hours, &$discussions, &$posts, $DB) {
    $d = $forumgen->create_discussion(array_merge([
        'course' => $forum->course, 'forum' => $forum->id, 'userid' => $uid($author),
        'name' => "Live {$key}", 'subject' => "Live {$key}",
        'message' => "<p>Opening of {$key}?</p>", 'messageformat' => FORMAT_HTML,
        'timemodified' => $hours($age),
    ], $extra));
    $first = (int) $DB->get_field('forum_discussions', 'firstpost', ['id' => $d->id]);
    $discussions[$key] = ['id' => (int) $d->id, 'forum_id' => (int) $forum->id,
        'first_post_id' => $first, 'author' => $author, 'group_id' => (int) $d->groupid,
        'pinned' => !empty($d->pinned), 'locked' => !empty($d->timelocked)];
    $posts["{$key}.0"] = $first;
    return $d;
};
// A reply to the opener (or $parent), written $age hours ago, as forum_add_new_post does.
$reply = function (string $key, string $dkey, string $author, float $age, array $extra = [])
        use ($forumgen, $uid, $hours, &$discussions, &$posts, $DB) {
    $d = $discussions[$dkey];
    $time = $hours($age);
    $p = $forumgen->create_post(array_merge([
        'discussion' => $d['id'], 'parent' => $d['first_post_id'], 'userid' => $uid($author),
        'subject' => "Re: Live {$dkey}", 'message' => "<p>Reply {$key}</p>",
        'messageformat' => FORMAT_HTML, 'created' => $time, 'modified' => $time,
    ], $extra));
    $DB->set_field('forum_discussions', 'timemodified', $time, ['id' => $d['id']]);
    $DB->set_field('forum_discussions', 'usermodified', $uid($author), ['id' => $d['id']]);
    $posts[$key] = (int) $p->id;
    return $p;
};

// General forum. Expected waiting (last post by a learner): waiting, followup, pinned,
// locked (the lock stops replies, not the waiting), and nothing else.
$discuss('waiting', $general, 'learner1', 50);
$discuss('answered', $general, 'learner2', 40);
$reply('answered.1', 'answered', 'editor', 39);
$discuss('followup', $general, 'learner1', 30);
$reply('followup.1', 'followup', 'teacher', 29);
$reply('followup.2', 'followup', 'learner2', 28);
$discuss('staff', $general, 'editor', 20);
$discuss('pinned', $general, 'learner3', 18, ['pinned' => FORUM_DISCUSSION_PINNED]);
$discuss('locked', $general, 'learner4', 16, ['timelocked' => $hours(1)]);
$discuss('private', $general, 'learner2', 14);
$reply('private.1', 'private', 'teacher', 13, ['privatereplyto' => $uid('learner2')]);

// Separate groups: one discussion per group, one for all participants by the editor.
$discuss('group_a', $groups, 'learner1', 12, ['groupid' => $groupa->id]);
$discuss('group_b', $groups, 'learner3', 11, ['groupid' => $groupb->id]);
$discuss('group_all', $groups, 'editor', 10);
$reply('group_all.1', 'group_all', 'learner4', 9);

// Q&A: the teacher asks, learners answer (each sees the others only after posting).
$discuss('qanda', $qanda, 'editor', 8);
$reply('qanda.1', 'qanda', 'learner1', 7);
$reply('qanda.2', 'qanda', 'learner2', 6);

// Course 2: the non-editing teacher of course 1 asks here as a learner.
$discuss('course2', $other, 'teacher', 5);

// -- a choice ------------------------------------------------------------------------
$choice = $gen->create_module('choice', ['course' => $course->id, 'name' => "Live choice {$suffix}",
    'option' => ['Morning', 'Afternoon', 'Evening'], 'allowupdate' => 1,
    'showresults' => 3, 'publish' => 1]);
$options = $DB->get_records('choice_options', ['choiceid' => $choice->id], 'id', 'id, text');
$choices = ['times' => ['id' => (int) $choice->id, 'cmid' => (int) $choice->cmid,
    'course_id' => (int) $course->id,
    'options' => array_values(array_map(fn($o) => ['id' => (int) $o->id, 'text' => $o->text], $options))]];

echo json_encode([
    'suffix' => $suffix,
    'now' => $now,
    'courses' => [
        'main' => ['id' => (int) $course->id, 'shortname' => $course->shortname, 'fullname' => $course->fullname],
        'second' => ['id' => (int) $course2->id, 'shortname' => $course2->shortname, 'fullname' => $course2->fullname],
    ],
    'users' => $users,
    'groups' => ['a' => (int) $groupa->id, 'b' => (int) $groupb->id],
    'forums' => $forums,
    'discussions' => $discussions,
    'posts' => $posts,
    'choices' => $choices,
]), "\n";
