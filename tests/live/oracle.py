"""The waiting queue computed by SQL from Moodle's own tables: the truth the app must match.

DESIGN.md's rule, for the account of user U: a discussion U can see waits when its last
post U can see is by a learner, someone holding no editingteacher, teacher or manager
role in the course (U's own posts always count as answers). A locked discussion does
not wait. It waits since the oldest learner post after the last staff post.

What U can see, as Moodle decides it: the discussions of the courses U is enrolled in;
in a separate-groups forum only U's groups and "all participants" unless U may access
all groups (editingteacher, manager); private replies only when U is staff, wrote it or
is its recipient; deleted posts never.
"""

from __future__ import annotations

from tests.live.lab import Lab

STAFF_ROLES = "('editingteacher', 'teacher', 'manager')"
ALL_GROUPS_ROLES = "('editingteacher', 'manager')"
SEPARATEGROUPS = 1


def _roles_in_course(roles: str) -> str:
    return f"""
        SELECT DISTINCT ra.userid, cx.instanceid AS course
        FROM mdl_role_assignments ra
        JOIN mdl_role r ON r.id = ra.roleid AND r.shortname IN {roles}
        JOIN mdl_context cx ON cx.id = ra.contextid AND cx.contextlevel = 50
    """


def waiting_query(user_id: int) -> str:
    u = int(user_id)
    return f"""
    WITH staff AS ({_roles_in_course(STAFF_ROLES)}),
    all_groups AS ({_roles_in_course(ALL_GROUPS_ROLES)}),
    my_courses AS (
        SELECT DISTINCT e.courseid FROM mdl_user_enrolments ue
        JOIN mdl_enrol e ON e.id = ue.enrolid WHERE ue.userid = {u}
    ),
    visible_d AS (
        SELECT d.id, d.course, d.timelocked FROM mdl_forum_discussions d
        JOIN mdl_course_modules cm ON cm.instance = d.forum
        JOIN mdl_modules mo ON mo.id = cm.module AND mo.name = 'forum'
        JOIN mdl_course c ON c.id = d.course
        WHERE d.course IN (SELECT courseid FROM my_courses)
          AND (
            (CASE WHEN c.groupmodeforce = 1 THEN c.groupmode ELSE cm.groupmode END)
                <> {SEPARATEGROUPS}
            OR d.groupid = -1
            OR d.groupid IN (SELECT groupid FROM mdl_groups_members WHERE userid = {u})
            OR EXISTS (SELECT 1 FROM all_groups a WHERE a.userid = {u} AND a.course = d.course)
          )
    ),
    visible_p AS (
        SELECT p.id, p.discussion, p.userid, p.created,
               (p.userid = {u} OR EXISTS (
                    SELECT 1 FROM staff s WHERE s.userid = p.userid AND s.course = d.course
               )) AS answers
        FROM mdl_forum_posts p JOIN visible_d d ON d.id = p.discussion
        WHERE p.deleted = 0
          AND (p.privatereplyto = 0 OR p.privatereplyto = {u} OR p.userid = {u}
               OR EXISTS (SELECT 1 FROM staff s WHERE s.userid = {u} AND s.course = d.course))
    ),
    last_answer AS (
        SELECT discussion, max(id) AS id FROM visible_p WHERE answers GROUP BY discussion
    )
    SELECT p.discussion AS id, min(p.created) AS since
    FROM visible_p p
    JOIN visible_d d ON d.id = p.discussion
    LEFT JOIN last_answer la ON la.discussion = p.discussion
    WHERE NOT p.answers AND p.id > coalesce(la.id, 0) AND d.timelocked = 0
    GROUP BY p.discussion
    ORDER BY since, id
    """


def waiting_by_sql(lab: Lab, user_id: int) -> list[tuple[int, int]]:
    """(discussion id, waiting since), oldest first, as Moodle's tables say."""
    return [(int(r["id"]), int(r["since"])) for r in lab.sql(waiting_query(user_id))]
