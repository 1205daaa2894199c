<?php
// What tests/live/test_plugin.py needs done on the site with Moodle's own APIs.
//
// Usage: php plugin_lab.php MOODLE_DIR ACTION ARGS...
//   world SUFFIX            a course in separate groups mode (course level) with an editing
//                           teacher, a non-editing teacher (group A), learners 1, 2, 5 in group A
//                           and 3, 4 in group B, a separate-groups forum with a discussion per
//                           group and one for all; a second course. Password: MOODLE_WORLD_PASSWORD.
//   grant COURSEID ROLE CAP allow CAP for ROLE (shortname) in the course (a role override).
//   policy_begin STATEFILE USERS_JSON
//                           make an optional site policy current with tool_policy as the handler,
//                           every existing user except USERS_JSON's learners accepted first (so no
//                           one else on this shared site meets sitepolicynotagreed), then the
//                           learners' four states. What to restore goes to STATEFILE.
//   policy_end STATEFILE    the handler and every user's policyagreed as they were; the policy
//                           and its answers deleted.
//   delete_cm CMID          delete a course module now (no recycle bin wait).
//   module_visible NAME 0|1 switch an activity module off or on site-wide.
//   validate_zip ZIP        unzip and check a plugin zip as Moodle's plugin installer does.
//   install_zip ZIP         put a validated zip's plugin in place (as the installer does).
//   privacy USERID COURSEID the plugin's privacy provider through core's privacy manager:
//                           metadata (every string defined), contexts and users found, the
//                           export's files, then the user's data deleted in the course.
// Prints one JSON object.
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
require_once($CFG->libdir . '/testing/classes/util.php');
require_once($CFG->dirroot . '/course/lib.php');

$action = $argv[2] ?? '';
\core\session\manager::set_user(get_admin());

/** @return array the world made for one run */
function plugin_world(string $suffix): array {
    global $DB;
    $password = getenv('MOODLE_WORLD_PASSWORD');
    if (!preg_match('/^[a-z0-9]+$/', $suffix) || !$password) {
        throw new coding_exception('need SUFFIX and MOODLE_WORLD_PASSWORD');
    }
    $gen = testing_util::get_data_generator();
    $users = [];
    foreach (['editor', 'teacher', 'learner1', 'learner2', 'learner3', 'learner4', 'learner5'] as $key) {
        $u = $gen->create_user(['username' => "plug{$key}{$suffix}", 'password' => $password,
            'firstname' => ucfirst($key), 'lastname' => "Plugin {$suffix}",
            'email' => "plug{$key}{$suffix}@example.org"]);
        $users[$key] = ['id' => (int) $u->id, 'username' => $u->username, 'fullname' => fullname($u)];
    }
    $course = $gen->create_course(['shortname' => "PLUG-{$suffix}", 'fullname' => "Plugin course {$suffix}",
        'groupmode' => SEPARATEGROUPS, 'groupmodeforce' => 0, 'numsections' => 3]);
    $course2 = $gen->create_course(['shortname' => "PLUG2-{$suffix}", 'fullname' => "Plugin course two {$suffix}"]);
    $roles = ['editor' => 'editingteacher', 'teacher' => 'teacher'];
    foreach ($users as $key => $u) {
        $gen->enrol_user($u['id'], $course->id, $roles[$key] ?? 'student');
    }
    $gen->enrol_user($users['teacher']['id'], $course2->id, 'student');
    $gen->enrol_user($users['editor']['id'], $course2->id, 'editingteacher');
    $a = $gen->create_group(['courseid' => $course->id, 'name' => "A {$suffix}"]);
    $b = $gen->create_group(['courseid' => $course->id, 'name' => "B {$suffix}"]);
    foreach (['teacher' => $a, 'learner1' => $a, 'learner2' => $a, 'learner5' => $a,
              'learner3' => $b, 'learner4' => $b] as $key => $g) {
        $gen->create_group_member(['groupid' => $g->id, 'userid' => $users[$key]['id']]);
    }
    $forum = $gen->create_module('forum', ['course' => $course->id, 'name' => "Plugin forum {$suffix}",
        'groupmode' => SEPARATEGROUPS]);
    $forumgen = $gen->get_plugin_generator('mod_forum');
    $discussions = [];
    foreach (['a' => [$a->id, 'learner1'], 'b' => [$b->id, 'learner3'], 'all' => [-1, 'learner2']] as $key => [$gid, $who]) {
        $d = $forumgen->create_discussion(['course' => $course->id, 'forum' => $forum->id,
            'userid' => $users[$who]['id'], 'groupid' => $gid, 'name' => "Plugin {$key}",
            'message' => '<p>A question?</p>', 'messageformat' => FORMAT_HTML]);
        $discussions[$key] = (int) $d->id;
    }
    $forum2 = $gen->create_module('forum', ['course' => $course2->id, 'name' => "Plugin forum two {$suffix}"]);
    $d2 = $forumgen->create_discussion(['course' => $course2->id, 'forum' => $forum2->id,
        'userid' => $users['teacher']['id'], 'name' => 'Plugin two', 'message' => '<p>Hi</p>',
        'messageformat' => FORMAT_HTML]);
    $discussions['second'] = (int) $d2->id;
    return ['suffix' => $suffix, 'users' => $users, 'course' => (int) $course->id, 'course2' => (int) $course2->id,
        'groups' => ['a' => (int) $a->id, 'b' => (int) $b->id], 'forum' => (int) $forum->id,
        'discussions' => $discussions];
}

/** The learners' answers: 1 accepts, 2 is accepted for by the admin, 3 declines, 4 accepts and
 * withdraws, 5 does nothing. */
function policy_begin(string $statefile, array $learners): array {
    global $DB, $CFG;
    $saved = ['handler' => $CFG->sitepolicyhandler ?? '',
        'policyagreed' => $DB->get_records_menu('user', ['deleted' => 0], '', 'id, policyagreed')];
    $form = (object) ['name' => 'Moderator Desk live test policy ' . random_string(6), 'type' => 0,
        'audience' => 0, 'optional' => 1, 'agreementstyle' => 0, 'revision' => 'v1',
        'summary_editor' => ['text' => '<p>Sharing of learner work</p>', 'format' => FORMAT_HTML, 'itemid' => 0],
        'content_editor' => ['text' => '<p>Full text</p>', 'format' => FORMAT_HTML, 'itemid' => 0]];
    $version = \tool_policy\api::form_policydoc_add($form);
    $versionid = (int) $version->get('id');
    $saved['versionid'] = $versionid;
    $saved['policyid'] = (int) $version->get('policyid');
    file_put_contents($statefile, json_encode($saved));
    // Current while the handler is still the old one: enforcement starts only below.
    \tool_policy\api::make_current($versionid);
    $skip = array_map('intval', array_values($learners));
    $everyone = $DB->get_fieldset_select('user', 'id', 'deleted = 0 AND id <> :guest', ['guest' => $CFG->siteguest]);
    foreach ($everyone as $userid) {
        if (!in_array((int) $userid, $skip, true)) {
            \tool_policy\api::accept_policies([$versionid], $userid, 'live test: accepted for everyone else');
        }
    }
    set_config('sitepolicyhandler', 'tool_policy');
    $as = function (int $userid, callable $act) {
        \core\session\manager::set_user(core_user::get_user($userid));
        $act();
        \core\session\manager::set_user(get_admin());
    };
    $as($learners['learner1'], fn() => \tool_policy\api::accept_policies([$versionid]));
    \tool_policy\api::accept_policies([$versionid], $learners['learner2'], 'on behalf');
    $as($learners['learner3'], fn() => \tool_policy\api::decline_policies([$versionid]));
    $as($learners['learner4'], function () use ($versionid, $learners) {
        \tool_policy\api::accept_policies([$versionid]);
        \tool_policy\api::revoke_acceptance($versionid, $learners['learner4']);
    });
    return ['versionid' => $versionid, 'policyid' => $saved['policyid']];
}

function policy_end(string $statefile): array {
    global $DB;
    $saved = json_decode(file_get_contents($statefile), true);
    set_config('sitepolicyhandler', $saved['handler']);
    \tool_policy\api::inactivate($saved['policyid']);
    // A test policy has no business staying on a shared site, nor do its answers.
    $DB->delete_records('tool_policy_acceptances', ['policyversionid' => $saved['versionid']]);
    $DB->delete_records('tool_policy_versions', ['policyid' => $saved['policyid']]);
    $DB->delete_records('tool_policy', ['id' => $saved['policyid']]);
    $now = $DB->get_records_menu('user', ['deleted' => 0], '', 'id, policyagreed');
    foreach ($saved['policyagreed'] as $userid => $agreed) {
        if (isset($now[$userid]) && (int) $now[$userid] !== (int) $agreed) {
            $DB->set_field('user', 'policyagreed', $agreed, ['id' => $userid]);
        }
    }
    return ['restored' => true, 'handler' => $saved['handler']];
}

function validate_zip(string $zip, bool $install): array {
    global $CFG;
    $codeman = new \core\update\code_manager();
    $tmp = make_request_directory();
    $files = $codeman->unzip_plugin_file($zip, $tmp);
    $validator = \core\update\validator::instance($tmp, $files);
    $validator->assert_plugin_type('local');
    $validator->assert_moodle_version($CFG->version);
    $ok = $validator->execute();
    $messages = array_map(fn($m) => $m->level . ':' . $m->msgcode, $validator->get_messages());
    $out = ['ok' => $ok, 'rootdir' => $validator->get_rootdir(), 'messages' => array_values($messages),
        'component' => $validator->get_versionphp_info()['component'] ?? null];
    if ($ok && $install) {
        $target = $CFG->dirroot . '/local';
        remove_dir($target . '/' . $out['rootdir']);
        $codeman->unzip_plugin_file($zip, $target, $out['rootdir']);
        $out['installed'] = is_file($target . '/' . $out['rootdir'] . '/version.php');
    }
    return $out;
}

/** The privacy provider, driven the way a data request drives it. */
function privacy(int $userid, int $courseid): array {
    global $DB;
    $component = 'local_moderatordesk';
    $provider = \local_moderatordesk\privacy\provider::class;
    $meta = $provider::get_metadata(new \core_privacy\local\metadata\collection($component));
    $tables = [];
    foreach ($meta->get_collection() as $item) {
        $strings = array_merge([$item->get_summary()], array_values($item->get_privacy_fields()));
        foreach ($strings as $id) {
            if (!get_string_manager()->string_exists($id, $component)) {
                throw new coding_exception("missing string {$id}");
            }
        }
        $tables[] = $item->get_name();
    }
    $user = core_user::get_user($userid, '*', MUST_EXIST);
    $context = context_course::instance($courseid);
    $manager = new \core_privacy\manager();
    $found = $manager->get_contexts_for_userid($userid)->get_contextlist_for_component($component);
    $contextids = $found ? array_map('intval', $found->get_contextids()) : [];
    $userlist = new \core_privacy\local\request\userlist($context, $component);
    $provider::get_users_in_context($userlist);

    $approved = new \core_privacy\local\request\contextlist_collection($userid);
    $approved->add_contextlist(new \core_privacy\local\request\approved_contextlist($user, $component, [$context->id]));
    $zippath = $manager->export_user_data($approved);
    $files = [];
    $zip = new ZipArchive();
    $zip->open($zippath);
    for ($i = 0; $i < $zip->numFiles; $i++) {
        $name = $zip->getNameIndex($i);
        if (str_ends_with($name, '/data.json') && str_contains($name, 'Moderator Desk companion')) {
            $files[basename(dirname($name))] = json_decode($zip->getFromIndex($i), true);
        }
    }
    $zip->close();

    $manager->delete_data_for_user($approved);
    return [
        'tables' => $tables,
        'contexts' => $contextids,
        'coursecontext' => (int) $context->id,
        'users' => array_map('intval', $userlist->get_userids()),
        'export' => $files,
        'after' => [
            'claims' => $DB->count_records('local_moderatordesk_claims', ['courseid' => $courseid, 'userid' => $userid]),
            'polls' => $DB->count_records('local_moderatordesk_polls', ['courseid' => $courseid, 'userid' => $userid]),
            'anonymouspolls' => $DB->count_records('local_moderatordesk_polls', ['courseid' => $courseid, 'userid' => 0]),
        ],
    ];
}

switch ($action) {
    case 'world':
        $out = plugin_world($argv[3]);
        break;
    case 'grant':
        $role = $DB->get_record('role', ['shortname' => $argv[4]], '*', MUST_EXIST);
        assign_capability($argv[5], CAP_ALLOW, $role->id, context_course::instance((int) $argv[3]), true);
        $out = ['granted' => true];
        break;
    case 'policy_begin':
        $out = policy_begin($argv[3], json_decode($argv[4], true));
        break;
    case 'policy_end':
        $out = policy_end($argv[3]);
        break;
    case 'delete_cm':
        course_delete_module((int) $argv[3]);
        $out = ['deleted' => true];
        break;
    case 'module_visible':
        $DB->set_field('modules', 'visible', (int) $argv[4], ['name' => $argv[3]]);
        \core_plugin_manager::reset_caches();
        $out = ['visible' => (int) $argv[4]];
        break;
    case 'privacy':
        $out = privacy((int) $argv[3], (int) $argv[4]);
        break;
    case 'validate_zip':
        $out = validate_zip($argv[3], false);
        break;
    case 'install_zip':
        $out = validate_zip($argv[3], true);
        break;
    default:
        fwrite(STDERR, "unknown action {$action}\n");
        exit(2);
}
echo json_encode($out), "\n";
