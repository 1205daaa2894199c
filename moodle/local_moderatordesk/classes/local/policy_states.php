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

namespace local_moderatordesk\local;

/**
 * Users' states for the site's current policies, read from tool_policy's tables.
 *
 * tool_policy keeps one acceptance row per user and policy version, with status 1 (accepted)
 * or 0. A 0 row can be a refusal or a withdrawal of an earlier acceptance: tool_policy updates
 * a row only when its status changes (or when an acceptance is revoked), so a 0 row that was
 * ever updated is a withdrawal. "Updated" is timemodified > timecreated, or, for a change in
 * the same second, an acceptance_updated event in the standard log.
 *
 * @package    local_moderatordesk
 * @copyright  2026 Moderator Desk contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class policy_states {
    /** The one site policy handler whose records this class reads. */
    public const HANDLER = 'tool_policy';

    /**
     * Refuse plainly when the site's policies are not kept by tool_policy.
     */
    public static function require_tool_policy(): void {
        global $CFG;
        $handler = $CFG->sitepolicyhandler ?? '';
        if ($handler !== self::HANDLER) {
            throw new \moodle_exception('nottoolpolicy', 'local_moderatordesk', '', $handler === '' ? 'none' : $handler);
        }
    }

    /**
     * The current policy versions that logged-in users answer, in the site's order.
     *
     * @return \stdClass[] rows of {tool_policy_versions} with the policy's sortorder
     */
    public static function current_versions(): array {
        global $DB;
        // AUDIENCE_ALL (0) and AUDIENCE_LOGGEDIN (1); guest-only versions concern no participant.
        $sql = "SELECT v.id, v.policyid, v.name, v.revision, v.type, v.optional, v.timemodified
                  FROM {tool_policy} p
                  JOIN {tool_policy_versions} v ON v.id = p.currentversionid
                 WHERE v.audience IN (0, 1)
              ORDER BY p.sortorder, v.id";
        return array_values($DB->get_records_sql($sql));
    }

    /**
     * Each user's state for each version.
     *
     * @param int[] $userids
     * @param \stdClass[] $versions from current_versions()
     * @return array userid => list of ['versionid', 'status', 'timemodified', 'onbehalf']
     */
    public static function states(array $userids, array $versions): array {
        global $DB;
        $out = [];
        foreach ($userids as $userid) {
            $out[$userid] = [];
        }
        if (!$userids || !$versions) {
            return $out;
        }
        $versionids = array_map(fn($v) => (int) $v->id, $versions);
        [$usql, $uparams] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED, 'u');
        [$vsql, $vparams] = $DB->get_in_or_equal($versionids, SQL_PARAMS_NAMED, 'v');
        $rows = $DB->get_records_select('tool_policy_acceptances', "userid $usql AND policyversionid $vsql",
            $uparams + $vparams, '', 'id, userid, policyversionid, status, timecreated, timemodified, usermodified');
        $withdrawn = self::updated_in_log($rows);
        $byuser = [];
        foreach ($rows as $row) {
            $byuser[$row->userid][$row->policyversionid] = $row;
        }
        foreach ($userids as $userid) {
            foreach ($versionids as $versionid) {
                $row = $byuser[$userid][$versionid] ?? null;
                $out[$userid][] = self::state($versionid, $row, $withdrawn);
            }
        }
        return $out;
    }

    /**
     * One answer, in words.
     *
     * @param int $versionid
     * @param \stdClass|null $row the acceptance row, null if the user never answered
     * @param array $updated acceptance ids that the log shows updated
     * @return array
     */
    private static function state(int $versionid, ?\stdClass $row, array $updated): array {
        if ($row === null || $row->status === null) {
            return ['versionid' => $versionid, 'status' => 'pending', 'timemodified' => 0, 'onbehalf' => 0];
        }
        if ((int) $row->status === 1) {
            $status = 'accepted';
        } else if ($row->timemodified > $row->timecreated || isset($updated[$row->id])) {
            $status = 'withdrawn';
        } else {
            $status = 'declined';
        }
        return [
            'versionid' => $versionid,
            'status' => $status,
            'timemodified' => (int) $row->timemodified,
            'onbehalf' => (int) ($row->usermodified != $row->userid),
        ];
    }

    /**
     * Acceptance rows with status 0 that the standard log shows were updated.
     *
     * Only needed for a change within the second of the row's creation; found through the
     * log's relateduserid index.
     *
     * @param \stdClass[] $rows acceptance rows
     * @return array acceptance id => true
     */
    private static function updated_in_log(array $rows): array {
        global $DB;
        $candidates = [];
        foreach ($rows as $row) {
            if ($row->status !== null && (int) $row->status === 0 && $row->timemodified == $row->timecreated) {
                $candidates[(int) $row->id] = (int) $row->userid;
            }
        }
        if (!$candidates || !in_array('logstore_standard', explode(',', get_config('tool_log', 'enabled_stores') ?: ''))) {
            return [];
        }
        [$usql, $uparams] = $DB->get_in_or_equal(array_values(array_unique($candidates)), SQL_PARAMS_NAMED, 'r');
        [$osql, $oparams] = $DB->get_in_or_equal(array_keys($candidates), SQL_PARAMS_NAMED, 'o');
        $ids = $DB->get_fieldset_select('logstore_standard_log', 'DISTINCT objectid',
            "relateduserid $usql AND eventname = :ev AND objectid $osql",
            $uparams + $oparams + ['ev' => '\\tool_policy\\event\\acceptance_updated']);
        return array_fill_keys(array_map('intval', $ids), true);
    }
}
