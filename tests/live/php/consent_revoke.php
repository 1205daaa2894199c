<?php
// tests/live/test_consent_app.py: a learner revokes their acceptance of a site policy version,
// as tool_policy's own page does it (the learner is the one acting).
//
// Usage: php consent_revoke.php MOODLE_DIR VERSIONID USERID
// Prints one JSON object.
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');

$versionid = (int) ($argv[2] ?? 0);
$userid = (int) ($argv[3] ?? 0);
if (!$versionid || !$userid) {
    throw new coding_exception('need VERSIONID and USERID');
}
\core\session\manager::set_user(core_user::get_user($userid, '*', MUST_EXIST));
\tool_policy\api::revoke_acceptance($versionid, $userid);
\core\session\manager::set_user(get_admin());
$status = $DB->get_field('tool_policy_acceptances', 'status',
    ['policyversionid' => $versionid, 'userid' => $userid]);
echo json_encode(['revoked' => true, 'status' => (int) $status]), "\n";
