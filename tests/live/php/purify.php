<?php
// Moodle's own cleaning of HTML: clean_text(FORMAT_HTML), which runs purify_html.
// Input: a JSON list of HTML strings in the MD_HTML_JSON environment variable.
// Output (last line): the JSON list of what Moodle keeps of each.
define('CLI_SCRIPT', true);
require($argv[1] . '/config.php');
$texts = json_decode(getenv('MD_HTML_JSON'), true);
$out = [];
foreach ($texts as $text) {
    $out[] = clean_text($text, FORMAT_HTML);
}
echo json_encode($out), "\n";
