"""The sandbox site's state in its own SQLite file, and helpers to seed and inspect it.

One connection shared by the server's threads, serialised by a lock: the sandbox is
small and correctness (every write visible to the next read) matters more than
parallel reads.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from moderator_app.sandbox.schema import SCHEMA

# Sandbox-only password hashing: salted PBKDF2, few rounds so seeding 30 users is quick.
_PW_ROUNDS = 2000

Row = dict[str, Any]


def hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _PW_ROUNDS)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SandboxState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)
        # Reads asked for per post (authors, their groups), remembered until the next
        # write: total_changes moves with every row this (only) connection changes.
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._memo_at = -1

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # -- low level ---------------------------------------------------------------------

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; nested calls join the outer one."""
        with self.lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        with self.lock:
            return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

    def row(self, sql: str, args: Sequence[Any] = ()) -> Row | None:
        with self.lock:
            r = self.conn.execute(sql, args).fetchone()
        return dict(r) if r is not None else None

    def value(self, sql: str, args: Sequence[Any] = ()) -> Any:
        with self.lock:
            r = self.conn.execute(sql, args).fetchone()
        return r[0] if r is not None else None

    def _remembered(self, key: tuple[Any, ...], load: Callable[[], Any]) -> Any:
        """load(), reused until the next write; never inside a transaction (it may roll back)."""
        with self.lock:
            if self.conn.in_transaction:
                return load()
            if self.conn.total_changes != self._memo_at:
                self._memo.clear()
                self._memo_at = self.conn.total_changes
            if key not in self._memo:
                self._memo[key] = load()
            return self._memo[key]

    def insert(self, sql: str, args: Sequence[Any] = ()) -> int:
        with self.tx() as conn:
            cur = conn.execute(sql, args)
            return int(cur.lastrowid or 0)

    @staticmethod
    def now() -> int:
        return int(time.time())

    def meta(self, key: str, default: str = "") -> str:
        value = self.value("SELECT value FROM meta WHERE key = ?", (key,))
        return str(value) if value is not None else default

    def set_meta(self, key: str, value: str) -> None:
        self.insert("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def is_empty(self) -> bool:
        return not self.value("SELECT COUNT(*) FROM users")

    # -- users and tokens --------------------------------------------------------------

    def add_user(
        self,
        username: str,
        firstname: str,
        lastname: str,
        *,
        password: str | None = None,
        email: str | None = None,
        policy_agreed: bool = True,
    ) -> int:
        salt = secrets.token_bytes(16) if password is not None else None
        pwhash = hash_password(password, salt) if password is not None and salt else None
        return self.insert(
            "INSERT INTO users (username, firstname, lastname, email, pwsalt, pwhash, policyagreed)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                username,
                firstname,
                lastname,
                email if email is not None else f"{username}@example.org",
                salt,
                pwhash,
                int(policy_agreed),
            ),
        )

    def user(self, user_id: int) -> Row | None:
        row = self._remembered(
            ("user", user_id), lambda: self.row("SELECT * FROM users WHERE id = ?", (user_id,))
        )
        return dict(row) if row is not None else None  # a copy: callers may change theirs

    def user_id(self, username: str) -> int:
        value = self.value("SELECT id FROM users WHERE username = ?", (username,))
        if value is None:
            raise KeyError(username)
        return int(value)

    def check_password(self, username: str, password: str) -> int | None:
        user = self.row("SELECT * FROM users WHERE username = ?", (username,))
        if user is None or user["pwhash"] is None or user["suspended"]:
            return None
        if not hmac.compare_digest(hash_password(password, user["pwsalt"]), user["pwhash"]):
            return None
        return int(user["id"])

    def issue_token(self, user_id: int, valid_for: int = 0) -> str:
        """A new token; only its hash is stored."""
        token = secrets.token_hex(16)
        now = self.now()
        self.insert(
            "INSERT INTO tokens (tokenhash, userid, created, validuntil) VALUES (?, ?, ?, ?)",
            (hash_token(token), user_id, now, now + valid_for if valid_for else 0),
        )
        return token

    def set_policy_agreed(self, user_id: int, agreed: bool) -> None:
        with self.tx() as conn:
            conn.execute("UPDATE users SET policyagreed = ? WHERE id = ?", (int(agreed), user_id))

    def expire_tokens(self, user_id: int) -> None:
        """Make every token of this user past its validuntil (Moodle's accessexception)."""
        with self.tx() as conn:
            conn.execute("UPDATE tokens SET validuntil = ? WHERE userid = ?", (1, user_id))

    # -- courses, roles, groups --------------------------------------------------------

    def add_course(self, shortname: str, fullname: str, summary: str = "") -> int:
        now = self.now()
        return self.insert(
            "INSERT INTO courses (shortname, fullname, summary, startdate, timemodified)"
            " VALUES (?, ?, ?, ?, ?)",
            (shortname, fullname, summary, now - 30 * 86400, now),
        )

    def enrol(self, course_id: int, user_id: int, role: str = "student") -> None:
        self.insert(
            "INSERT OR IGNORE INTO enrolments (courseid, userid, role) VALUES (?, ?, ?)",
            (course_id, user_id, role),
        )

    def record_course_access(self, course_id: int, user_id: int, at: int | None = None) -> None:
        """The user opened the course (Moodle's user_lastaccess row, kept per course)."""
        self.insert(
            "INSERT OR REPLACE INTO user_lastaccess (userid, courseid, timeaccess)"
            " VALUES (?, ?, ?)",
            (user_id, course_id, self.now() if at is None else at),
        )

    def access_times(self, course_id: int, user_id: int) -> tuple[int, int, int]:
        """(firstaccess, lastaccess, lastcourseaccess) as Moodle answers them; 0 = never.

        The site-wide times follow the per-course rows: the sandbox has no other visits.
        """
        row = self.rows(
            "SELECT COALESCE(MIN(timeaccess), 0) AS first, COALESCE(MAX(timeaccess), 0) AS last,"
            " COALESCE(MAX(CASE WHEN courseid = ? THEN timeaccess END), 0) AS here"
            " FROM user_lastaccess WHERE userid = ?",
            (course_id, user_id),
        )[0]
        return int(row["first"]), int(row["last"]), int(row["here"])

    def add_group(self, course_id: int, name: str, members: Sequence[int] = ()) -> int:
        with self.tx() as conn:
            group_id = int(
                conn.execute(
                    "INSERT INTO groups (courseid, name) VALUES (?, ?)", (course_id, name)
                ).lastrowid
                or 0
            )
            conn.executemany(
                "INSERT OR IGNORE INTO group_members (groupid, userid) VALUES (?, ?)",
                [(group_id, m) for m in members],
            )
        return group_id

    def roles(self, course_id: int, user_id: int) -> list[str]:
        return [
            r["role"]
            for r in self.rows(
                "SELECT role FROM enrolments WHERE courseid = ? AND userid = ? ORDER BY role",
                (course_id, user_id),
            )
        ]

    def user_groups(self, course_id: int, user_id: int) -> list[Row]:
        rows = self._remembered(
            ("user_groups", course_id, user_id),
            lambda: self.rows(
                "SELECT g.* FROM groups g JOIN group_members m ON m.groupid = g.id"
                " WHERE g.courseid = ? AND m.userid = ? ORDER BY g.id",
                (course_id, user_id),
            ),
        )
        return [dict(r) for r in rows]

    # -- forums, discussions, posts ----------------------------------------------------

    def add_cm(self, course_id: int, modname: str, section: int = 0, idnumber: str = "") -> int:
        return self.insert(
            "INSERT INTO cms (courseid, modname, section, idnumber) VALUES (?, ?, ?, ?)",
            (course_id, modname, section, idnumber),
        )

    def add_forum(
        self, course_id: int, name: str, type: str = "general", intro: str = "", groupmode: int = 0
    ) -> int:
        with self.tx() as conn:
            cmid = self.add_cm(course_id, "forum")
            forum_id = int(
                conn.execute(
                    "INSERT INTO forums (courseid, cmid, type, name, intro, groupmode,"
                    " timemodified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (course_id, cmid, type, name, intro, groupmode, self.now()),
                ).lastrowid
                or 0
            )
            conn.execute("UPDATE cms SET instance = ? WHERE id = ?", (forum_id, cmid))
        return forum_id

    def forum(self, forum_id: int) -> Row | None:
        return self.row("SELECT * FROM forums WHERE id = ?", (forum_id,))

    def forum_id(self, name: str) -> int:
        value = self.value("SELECT id FROM forums WHERE name = ? ORDER BY id", (name,))
        if value is None:
            raise KeyError(name)
        return int(value)

    def add_discussion(
        self,
        forum_id: int,
        user_id: int,
        subject: str,
        message: str,
        *,
        created: int | None = None,
        group_id: int = -1,
        pinned: bool = False,
        locked: bool = False,
        mailnow: bool = False,
    ) -> int:
        when = created if created is not None else self.now()
        with self.tx() as conn:
            discussion_id = int(
                conn.execute(
                    "INSERT INTO discussions (forumid, name, userid, groupid, timemodified,"
                    " usermodified, pinned, timelocked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        forum_id,
                        subject,
                        user_id,
                        group_id,
                        when,
                        user_id,
                        int(pinned),
                        when if locked else 0,
                    ),
                ).lastrowid
                or 0
            )
            post_id = int(
                conn.execute(
                    "INSERT INTO posts (discussionid, parent, userid, created, modified, subject,"
                    " message, mailnow) VALUES (?, 0, ?, ?, ?, ?, ?, ?)",
                    (discussion_id, user_id, when, when, subject, message, int(mailnow)),
                ).lastrowid
                or 0
            )
            conn.execute(
                "UPDATE discussions SET firstpost = ? WHERE id = ?", (post_id, discussion_id)
            )
        return discussion_id

    def discussion(self, discussion_id: int) -> Row | None:
        return self.row("SELECT * FROM discussions WHERE id = ?", (discussion_id,))

    def discussion_id(self, name: str) -> int:
        value = self.value("SELECT id FROM discussions WHERE name = ? ORDER BY id", (name,))
        if value is None:
            raise KeyError(name)
        return int(value)

    def discussions_in(self, forum_id: int) -> list[Row]:
        return self.rows(
            "SELECT * FROM discussions WHERE forumid = ? ORDER BY timemodified DESC, id DESC",
            (forum_id,),
        )

    def add_post(
        self,
        discussion_id: int,
        user_id: int,
        message: str,
        *,
        parent: int | None = None,
        subject: str | None = None,
        created: int | None = None,
        private_to: int = 0,
    ) -> int:
        """A reply; the discussion's timemodified/usermodified follow it, as in Moodle."""
        when = created if created is not None else self.now()
        with self.tx() as conn:
            disc = conn.execute(
                "SELECT name, firstpost FROM discussions WHERE id = ?", (discussion_id,)
            ).fetchone()
            if disc is None:
                raise KeyError(discussion_id)
            post_id = int(
                conn.execute(
                    "INSERT INTO posts (discussionid, parent, userid, created, modified, subject,"
                    " message, privatereplyto) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        discussion_id,
                        parent if parent is not None else disc["firstpost"],
                        user_id,
                        when,
                        when,
                        subject if subject is not None else f"Re: {disc['name']}",
                        message,
                        private_to,
                    ),
                ).lastrowid
                or 0
            )
            conn.execute(
                "UPDATE discussions SET timemodified = ?, usermodified = ?"
                " WHERE id = ? AND timemodified <= ?",
                (when, user_id, discussion_id, when),
            )
        return post_id

    def post(self, post_id: int) -> Row | None:
        return self.row("SELECT * FROM posts WHERE id = ?", (post_id,))

    def edit_post(
        self, post_id: int, message: str, subject: str | None = None, when: int | None = None
    ) -> None:
        """An author's edit, as forum_update_post does it: the post's `modified` moves,
        an opener's subject renames the discussion, and the discussion's time (its last
        post's) stays: edits do not move a discussion in the lists."""
        when = self.now() if when is None else when
        with self.tx() as conn:
            post = conn.execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
            if post is None:
                raise KeyError(post_id)
            subject = post["subject"] if subject is None else subject
            conn.execute(
                "UPDATE posts SET message = ?, subject = ?, modified = ? WHERE id = ?",
                (message, subject, when, post_id),
            )
            if not post["parent"]:
                conn.execute(
                    "UPDATE discussions SET name = ? WHERE id = ?", (subject, post["discussionid"])
                )

    def posts_in(self, discussion_id: int) -> list[Row]:
        """Every post of a discussion, oldest first, whoever may see it."""
        return self.rows(
            "SELECT * FROM posts WHERE discussionid = ? ORDER BY created, id", (discussion_id,)
        )

    def delete_post(self, post_id: int) -> None:
        """Delete a post and its replies (or the whole discussion for a first post)."""
        with self.tx() as conn:
            post = conn.execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
            if post is None:
                return
            discussion_id = post["discussionid"]
            if post["parent"] == 0:
                conn.execute("DELETE FROM posts WHERE discussionid = ?", (discussion_id,))
                conn.execute("DELETE FROM discussions WHERE id = ?", (discussion_id,))
                return
            doomed = [post_id]
            frontier = [post_id]
            while frontier:
                marks = ",".join("?" * len(frontier))
                frontier = [
                    r[0]
                    for r in conn.execute(
                        f"SELECT id FROM posts WHERE parent IN ({marks})", frontier
                    ).fetchall()
                ]
                doomed += frontier
            marks = ",".join("?" * len(doomed))
            conn.execute(f"DELETE FROM posts WHERE id IN ({marks})", doomed)
            newest = conn.execute(
                "SELECT userid, modified FROM posts WHERE discussionid = ?"
                " ORDER BY modified DESC, id DESC LIMIT 1",
                (discussion_id,),
            ).fetchone()
            conn.execute(
                "UPDATE discussions SET timemodified = ?, usermodified = ? WHERE id = ?",
                (newest["modified"], newest["userid"], discussion_id),
            )

    # -- choices ---------------------------------------------------------------------

    def add_choice(
        self,
        course_id: int,
        name: str,
        options: Sequence[str | tuple[str, int]],
        *,
        intro: str = "",
        section: int = 0,
        publish: bool = False,
        showresults: int = 1,
        allowupdate: bool = False,
        allowmultiple: bool = False,
        limitanswers: bool = False,
        showunanswered: bool = False,
        timeopen: int = 0,
        timeclose: int = 0,
        visible: bool = True,
        idnumber: str = "",
    ) -> int:
        with self.tx() as conn:
            cmid = self.add_cm(course_id, "choice", section, idnumber)
            conn.execute("UPDATE cms SET visible = ? WHERE id = ?", (int(visible), cmid))
            choice_id = int(
                conn.execute(
                    "INSERT INTO choices (courseid, cmid, name, intro, publish, showresults,"
                    " allowupdate, allowmultiple, limitanswers, showunanswered, timeopen,"
                    " timeclose, timemodified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        course_id,
                        cmid,
                        name,
                        intro,
                        int(publish),
                        showresults,
                        int(allowupdate),
                        int(allowmultiple),
                        int(limitanswers),
                        int(showunanswered),
                        timeopen,
                        timeclose,
                        self.now(),
                    ),
                ).lastrowid
                or 0
            )
            conn.execute("UPDATE cms SET instance = ? WHERE id = ?", (choice_id, cmid))
            for option in options:
                text, maxanswers = (option, 0) if isinstance(option, str) else option
                conn.execute(
                    "INSERT INTO choice_options (choiceid, text, maxanswers) VALUES (?, ?, ?)",
                    (choice_id, text, maxanswers),
                )
        return choice_id

    def choice(self, choice_id: int) -> Row | None:
        return self.row("SELECT * FROM choices WHERE id = ?", (choice_id,))

    def choices_in(self, course_id: int) -> list[Row]:
        return self.rows("SELECT * FROM choices WHERE courseid = ? ORDER BY id", (course_id,))

    def choice_options(self, choice_id: int) -> list[Row]:
        return self.rows(
            "SELECT * FROM choice_options WHERE choiceid = ? ORDER BY id", (choice_id,)
        )

    def answer_choice(self, choice_id: int, user_id: int, option_ids: Sequence[int]) -> list[int]:
        """Replace this user's answers (Moodle deletes and re-adds on update)."""
        now = self.now()
        with self.tx() as conn:
            conn.execute(
                "DELETE FROM choice_answers WHERE choiceid = ? AND userid = ?", (choice_id, user_id)
            )
            return [
                int(
                    conn.execute(
                        "INSERT INTO choice_answers (choiceid, userid, optionid, timemodified)"
                        " VALUES (?, ?, ?, ?)",
                        (choice_id, user_id, option_id, now),
                    ).lastrowid
                    or 0
                )
                for option_id in option_ids
            ]

    def choice_answers(self, choice_id: int) -> list[Row]:
        return self.rows(
            "SELECT * FROM choice_answers WHERE choiceid = ? ORDER BY id", (choice_id,)
        )

    # -- messages and policies ---------------------------------------------------------

    def messages_to(self, user_id: int) -> list[Row]:
        return self.rows("SELECT * FROM messages WHERE useridto = ? ORDER BY id", (user_id,))

    def add_policy(self, name: str, summary: str = "", optional: bool = True) -> int:
        return self.insert(
            "INSERT INTO policies (name, summary, optional) VALUES (?, ?, ?)",
            (name, summary, int(optional)),
        )

    def accept_policy(self, policy_id: int, user_id: int, accepted: bool = True) -> None:
        self.insert(
            "INSERT OR REPLACE INTO policy_acceptances (policyid, userid, status, timemodified)"
            " VALUES (?, ?, ?, ?)",
            (policy_id, user_id, int(accepted), self.now()),
        )

    def policy_acceptances(self, policy_id: int | None = None) -> list[Row]:
        if policy_id is None:
            return self.rows("SELECT * FROM policy_acceptances ORDER BY policyid, userid")
        return self.rows(
            "SELECT * FROM policy_acceptances WHERE policyid = ? ORDER BY userid", (policy_id,)
        )
