"""The real Moodle the live suite talks to, and the world it makes there.

Everything comes from the environment that `setup.sh` writes to LABDIR/env:
MOODLE_LAB_URL, MOODLE_LAB_ADMIN, MOODLE_LAB_ADMIN_PASSWORD, MOODLE_LAB_DIR (the Moodle
code, for PHP CLI scripts), MOODLE_LAB_DB (a psql command line) and REQUESTS_CA_BUNDLE
(requests reads it itself). No token or password is written anywhere: they live in
these objects for the length of the test session.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moderator_app.platform.errors import AuthError
from moderator_app.platform.moodle import MoodleClient, login
from moderator_app.platform.types import DiscussionOptions

PHP_DIR = Path(__file__).resolve().parent / "php"
MAKE_WORLD = PHP_DIR / "make_world.php"

# The variables that name a site; REQUESTS_CA_BUNDLE is optional (a public CA needs none).
SITE_VARS = (
    "MOODLE_LAB_URL",
    "MOODLE_LAB_ADMIN",
    "MOODLE_LAB_ADMIN_PASSWORD",
    "MOODLE_LAB_DIR",
    "MOODLE_LAB_DB",
)
PHP_TIMEOUT = 300.0  # seconds: a world is made in about one on two busy cores
SQL_TIMEOUT = 60.0
UPGRADE_WAIT = 180.0  # seconds a shared lab may spend upgrading a plugin


class LabError(RuntimeError):
    """A PHP script or SQL query against the lab failed; the message says which and why."""


def site_vars_given(environ: Mapping[str, str]) -> list[str]:
    return [name for name in SITE_VARS if environ.get(name)]


def new_password() -> str:
    """A password Moodle's default policy accepts (digit, lower, upper, symbol, 8+)."""
    return f"Lv-{secrets.token_hex(8)}-A1!"


@dataclass
class Lab:
    """One real Moodle site: its address, admin token, CLI scripts and database."""

    url: str
    admin_username: str
    admin_password: str = field(repr=False)
    moodle_dir: Path
    db_command: tuple[str, ...]
    ca_bundle: str | None
    admin_token: str = field(default="", repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Lab:
        return cls(
            url=environ["MOODLE_LAB_URL"].rstrip("/"),
            admin_username=environ["MOODLE_LAB_ADMIN"],
            admin_password=environ["MOODLE_LAB_ADMIN_PASSWORD"],
            moodle_dir=Path(environ["MOODLE_LAB_DIR"]),
            db_command=tuple(shlex.split(environ["MOODLE_LAB_DB"])),
            ca_bundle=environ.get("REQUESTS_CA_BUNDLE") or None,
        )

    def token(self, username: str, password: str) -> str:
        """A token for the Moodle app's service, from login/token.php as the app gets it.

        Waits while the site is upgrading (others install plugins on a shared lab).
        """
        deadline = time.monotonic() + UPGRADE_WAIT
        while True:
            try:
                return login(self.url, username, password).token
            except AuthError as exc:
                if exc.code != "upgraderunning" or time.monotonic() > deadline:
                    raise
            time.sleep(1.0)  # polling the site's own state, not guessing a delay

    def client(self, token: str) -> MoodleClient:
        return MoodleClient(self.url, token)

    def admin_client(self) -> MoodleClient:
        return self.client(self.admin_token)

    def php(
        self, script_path: str | Path, *args: object, env: Mapping[str, str] | None = None
    ) -> Any:
        """Run `php SCRIPT MOODLE_DIR ARGS...`; its stdout's last line is JSON, returned.

        Secrets go in `env`, never in args (a process list shows args).
        """
        command = ["php", str(script_path), str(self.moodle_dir), *(str(a) for a in args)]
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=PHP_TIMEOUT,
                env={**os.environ, **(env or {})},
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise LabError(f"{Path(script_path).name} ran over {PHP_TIMEOUT} s") from exc
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            raise LabError(
                f"{Path(script_path).name} failed ({done.returncode}):\n"
                f"{done.stderr[-2000:]}\n{done.stdout[-2000:]}"
            )
        try:
            return json.loads(lines[-1])
        except ValueError as exc:
            raise LabError(f"{Path(script_path).name} printed no JSON:\n{lines[-1][:500]}") from exc

    def sql(self, query: str) -> list[dict[str, Any]]:
        """The rows of one SELECT, as dicts with JSON types (numbers are ints)."""
        wrapped = f"SELECT coalesce(json_agg(q), '[]') FROM ({query.rstrip().rstrip(';')}) q"
        return list(self._psql(wrapped) or [])

    def execute(self, statement: str) -> None:
        """Run a statement that returns no rows (UPDATE, DELETE...). Use sparingly:
        the real site's own API (REST, a PHP script) is what the app meets."""
        self._psql(statement, parse=False)

    def _psql(self, query: str, *, parse: bool = True) -> Any:
        command = [*self.db_command, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
        try:
            done = subprocess.run(
                [*command, "-c", query],
                capture_output=True,
                text=True,
                timeout=SQL_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise LabError(f"SQL ran over {SQL_TIMEOUT} s: {query[:200]}") from exc
        if done.returncode != 0:
            raise LabError(f"SQL failed: {done.stderr.strip()}\n{query[:500]}")
        return json.loads(done.stdout) if parse else None


@dataclass(frozen=True)
class WorldUser:
    key: str  # "editor", "teacher", "learner1".."learner4"
    id: int
    username: str
    fullname: str
    token: str = field(repr=False)


@dataclass(frozen=True)
class World:
    """What make_world.php made (ids as Moodle stored them) plus each user's token.

    Shared by the whole session: read it, and make your own discussions for writes
    (see README.md) so other tests still find it as described.
    """

    suffix: str
    courses: dict[str, dict[str, Any]]
    users: dict[str, WorldUser]
    groups: dict[str, int]
    forums: dict[str, dict[str, Any]]
    discussions: dict[str, dict[str, Any]]
    posts: dict[str, int]
    choices: dict[str, dict[str, Any]]
    password: str = field(repr=False)  # every world user's; made for this run only

    def user(self, key: str) -> WorldUser:
        return self.users[key]

    def course_id(self, key: str = "main") -> int:
        return int(self.courses[key]["id"])

    def forum_id(self, key: str) -> int:
        return int(self.forums[key]["id"])

    def discussion_id(self, key: str) -> int:
        return int(self.discussions[key]["id"])


def make_world(lab: Lab, suffix: str | None = None) -> World:
    """Make a fresh world on the site (unique names) and sign every user in."""
    suffix = suffix or secrets.token_hex(4)
    password = new_password()
    made = lab.php(MAKE_WORLD, suffix, env={"MOODLE_WORLD_PASSWORD": password})
    users = {
        key: WorldUser(
            key=key,
            id=int(u["id"]),
            username=u["username"],
            fullname=u["fullname"],
            token=lab.token(u["username"], password),
        )
        for key, u in made["users"].items()
    }
    return World(
        suffix=suffix,
        courses=made["courses"],
        users=users,
        groups={k: int(v) for k, v in made["groups"].items()},
        forums=made["forums"],
        discussions=made["discussions"],
        posts={k: int(v) for k, v in made["posts"].items()},
        choices=made["choices"],
        password=password,
    )


def act_over_rest(client_of: Callable[[str], MoodleClient], world: World) -> None:
    """What learners do themselves with their own tokens, as the app's sync will see it.

    learner3 starts a discussion ('rest_new'), learner4 answers the editor's 'staff'
    opener ('staff.rest'), learner1 answers the choice (its first option).
    `client_of(token)` makes a client for the site (the lab or the sandbox mirror).
    """
    learner3 = client_of(world.user("learner3").token)
    new_id = learner3.start_discussion(
        world.forum_id("general"),
        f"Live rest_new {world.suffix}",
        "<p>Started over REST: does anyone read this?</p>",
        DiscussionOptions(),
    )
    first_post = learner3.discussion_posts(new_id).posts[0].id
    world.discussions["rest_new"] = {
        "id": new_id,
        "forum_id": world.forum_id("general"),
        "first_post_id": first_post,
        "author": "learner3",
        "group_id": -1,
        "pinned": False,
        "locked": False,
    }
    world.posts["rest_new.0"] = first_post
    learner4 = client_of(world.user("learner4").token)
    posted = learner4.reply(
        world.discussions["staff"]["first_post_id"], "Re: staff", "<p>A learner's answer</p>"
    )
    world.posts["staff.rest"] = posted.post_id
    choice = world.choices["times"]
    learner1 = client_of(world.user("learner1").token)
    learner1.call(
        "mod_choice_submit_choice_response",
        {"choiceid": choice["id"], "responses": [choice["options"][0]["id"]]},
        write=True,
    )
