<?php
// A core site policy ($CFG->sitepolicy, core's handler) current for a few seconds, for
// ONE test user only, on a shared site.
//
// php policy_window.php MOODLE_DIR begin STATEFILE USERID URL
//     Every other user is marked as agreed first (so nobody else meets
//     sitepolicynotagreed while the window is open), USERID as not agreed, then
//     $CFG->sitepolicy is set to URL. What to restore goes to STATEFILE.
//     Refuses when another handler is in use or a policy is already set (someone
//     else's window: overlapping windows would restore each other wrongly).
// php policy_window.php MOODLE_DIR begin_tool STATEFILE USERID
//     The same with tool_policy as the handler: a compulsory policy made current (which
//     resets every user's flag), every other user marked agreed again, then the handler.
// php policy_window.php MOODLE_DIR end STATEFILE
//     $CFG->sitepolicy (and handler) as it was, every changed user's policyagreed as it
//     was, and a test policy deleted with its answers.
// Prints one JSON object.
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');

$action = $argv[2] ?? '';
$statefile = $argv[3] ?? '';

if ($action === 'begin' || $action === 'begin_tool') {
    $tool = $action === 'begin_tool';
    $userid = (int)($argv[4] ?? 0);
    $url = $argv[5] ?? '';
    if (!$userid || (!$tool && !$url)) {
        throw new coding_exception('begin STATEFILE USERID URL | begin_tool STATEFILE USERID');
    }
    if (!empty($CFG->sitepolicyhandler) || !empty($CFG->sitepolicy)) {
        echo json_encode(['begun' => false, 'handler' => $CFG->sitepolicyhandler ?? '',
            'sitepolicy' => $CFG->sitepolicy ?? '']);
        exit(0);
    }
    // Every flag as it is now: make_current() below resets them all.
    $flags = $DB->get_records_menu('user', ['deleted' => 0], '', 'id, policyagreed');
    $saved = ['sitepolicy' => $CFG->sitepolicy ?? '', 'handler' => $CFG->sitepolicyhandler ?? '',
        'flags' => $flags, 'user' => $userid, 'policyid' => 0];
    file_put_contents($statefile, json_encode($saved));
    if ($tool) {
        \core\session\manager::set_user(get_admin());
        $form = (object) ['name' => 'Moderator Desk live policy ' . random_string(6), 'type' => 0,
            'audience' => 0, 'optional' => 0, 'agreementstyle' => 0, 'revision' => 'v1',
            'summary_editor' => ['text' => '<p>Test</p>', 'format' => FORMAT_HTML, 'itemid' => 0],
            'content_editor' => ['text' => '<p>Test</p>', 'format' => FORMAT_HTML, 'itemid' => 0]];
        $version = \tool_policy\api::form_policydoc_add($form);
        $saved['policyid'] = (int)$version->get('policyid');
        $saved['versionid'] = (int)$version->get('id');
        file_put_contents($statefile, json_encode($saved));
        \tool_policy\api::make_current($saved['versionid']);
    }
    $DB->set_field_select('user', 'policyagreed', 1, 'deleted = 0 AND id <> :me', ['me' => $userid]);
    $DB->set_field('user', 'policyagreed', 0, ['id' => $userid]);
    if ($tool) {
        set_config('sitepolicyhandler', 'tool_policy');
    } else {
        set_config('sitepolicy', $url);
    }
    echo json_encode(['begun' => true]);
} else if ($action === 'end') {
    $saved = json_decode(file_get_contents($statefile), true);
    set_config('sitepolicy', $saved['sitepolicy']);
    set_config('sitepolicyhandler', $saved['handler']);
    if ($saved['policyid']) {
        \core\session\manager::set_user(get_admin());
        \tool_policy\api::inactivate($saved['policyid']);
        $DB->delete_records('tool_policy_acceptances', ['policyversionid' => $saved['versionid']]);
        $DB->delete_records('tool_policy_versions', ['policyid' => $saved['policyid']]);
        $DB->delete_records('tool_policy', ['id' => $saved['policyid']]);
    }
    $now = $DB->get_records_menu('user', ['deleted' => 0], '', 'id, policyagreed');
    foreach ($saved['flags'] as $id => $agreed) {
        if (isset($now[$id]) && (int)$now[$id] !== (int)$agreed) {
            $DB->set_field('user', 'policyagreed', $agreed, ['id' => $id]);
        }
    }
    echo json_encode(['restored' => true, 'sitepolicy' => $saved['sitepolicy'],
        'handler' => $saved['handler']]);
} else {
    throw new coding_exception('begin or end');
}
