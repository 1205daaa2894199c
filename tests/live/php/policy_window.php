<?php
// A core site policy ($CFG->sitepolicy, core's handler) current for a few seconds, for
// ONE test user only, on a shared site.
//
// php policy_window.php MOODLE_DIR begin STATEFILE USERID URL
//     Every other user who has not agreed is marked as agreed first (so nobody else
//     meets sitepolicynotagreed while the window is open), USERID is marked as not
//     agreed, then $CFG->sitepolicy is set to URL. What to restore goes to STATEFILE.
//     Refuses when another handler is in use or a policy is already set (someone
//     else's window: overlapping windows would restore each other wrongly).
// php policy_window.php MOODLE_DIR end STATEFILE
//     $CFG->sitepolicy as it was, and every changed user's policyagreed as it was.
// Prints one JSON object.
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');

$action = $argv[2] ?? '';
$statefile = $argv[3] ?? '';

if ($action === 'begin') {
    $userid = (int)($argv[4] ?? 0);
    $url = $argv[5] ?? '';
    if (!$userid || !$url) {
        throw new coding_exception('begin STATEFILE USERID URL');
    }
    if (!empty($CFG->sitepolicyhandler) || !empty($CFG->sitepolicy)) {
        echo json_encode(['begun' => false, 'handler' => $CFG->sitepolicyhandler ?? '',
            'sitepolicy' => $CFG->sitepolicy ?? '']);
        exit(0);
    }
    $others = $DB->get_fieldset_select('user', 'id', 'deleted = 0 AND policyagreed = 0 AND id <> :me',
        ['me' => $userid]);
    $mine = (int)$DB->get_field('user', 'policyagreed', ['id' => $userid]);
    file_put_contents($statefile, json_encode(['sitepolicy' => $CFG->sitepolicy ?? '',
        'others' => array_map('intval', $others), 'user' => $userid, 'mine' => $mine]));
    if ($others) {
        list($in, $params) = $DB->get_in_or_equal($others);
        $DB->set_field_select('user', 'policyagreed', 1, "id $in", $params);
    }
    $DB->set_field('user', 'policyagreed', 0, ['id' => $userid]);
    set_config('sitepolicy', $url);
    echo json_encode(['begun' => true, 'others' => count($others)]);
} else if ($action === 'end') {
    $saved = json_decode(file_get_contents($statefile), true);
    set_config('sitepolicy', $saved['sitepolicy']);
    if ($saved['others']) {
        list($in, $params) = $DB->get_in_or_equal($saved['others']);
        $DB->set_field_select('user', 'policyagreed', 0, "id $in", $params);
    }
    $DB->set_field('user', 'policyagreed', $saved['mine'], ['id' => $saved['user']]);
    echo json_encode(['restored' => true, 'sitepolicy' => $saved['sitepolicy']]);
} else {
    throw new coding_exception('begin or end');
}
