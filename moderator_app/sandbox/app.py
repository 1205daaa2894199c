"""Sandbox: start the Moodle-compatible site in a daemon thread, seed it, stop it."""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from types import TracebackType

from moderator_app.sandbox.faults import Faults, RequestCounter
from moderator_app.sandbox.seed_big import BigSeed, seed_big
from moderator_app.sandbox.seed_demo import DEMO_PASSWORD, seed_demo
from moderator_app.sandbox.server import SiteApp, SiteMode, make_server
from moderator_app.sandbox.state import SandboxState


class Sandbox:
    """A running sandbox site. Use `Sandbox.start(...)`; stop it (or use `with`)."""

    def __init__(self, app: SiteApp, db_path: Path, tmpdir: Path | None, port: int) -> None:
        self._app = app
        self.db_path = db_path
        self._tmpdir = tmpdir
        self._server = make_server(app, port)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="sandbox-http",
            daemon=True,
        )

    @classmethod
    def start(
        cls,
        db_path: Path | None = None,
        seed: str | BigSeed | None = "demo",
        plugin: bool = True,
        port: int = 0,
    ) -> Sandbox:
        """Serve on 127.0.0.1:port (0: a free port).

        The seed is applied only to an empty database, so an existing db_path with
        seed=None (or any seed) reopens its state, as a restarted site would.
        """
        tmpdir = None
        if db_path is None:
            tmpdir = Path(tempfile.mkdtemp(prefix="md-sandbox-"))
            db_path = tmpdir / "sandbox.sqlite"
        state = SandboxState(Path(db_path))
        if state.is_empty():
            if seed == "demo":
                seed_demo(state)
            elif isinstance(seed, BigSeed):
                seed_big(state, seed.courses, seed.discussions, seed.posts)
            elif seed is not None:
                raise ValueError(f"unknown seed {seed!r}: use 'demo', a BigSeed or None")
        sandbox = cls(SiteApp(state, plugin), Path(db_path), tmpdir, port)
        sandbox._thread.start()
        return sandbox

    # -- what tests use --------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._app.site_url

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def state(self) -> SandboxState:
        return self._app.state

    @property
    def faults(self) -> Faults:
        return self._app.faults

    @property
    def requests(self) -> RequestCounter:
        return self._app.requests

    @property
    def plugin(self) -> bool:
        return self._app.plugin

    @plugin.setter
    def plugin(self, on: bool) -> None:
        self._app.plugin = on

    @property
    def mode(self) -> SiteMode:
        return self._app.mode

    @mode.setter
    def mode(self, mode: SiteMode) -> None:
        self._app.mode = mode

    @property
    def type_of_login(self) -> int:
        """tool_mobile typeoflogin in the public config; launch.php answers when not 1."""
        return self._app.type_of_login

    @type_of_login.setter
    def type_of_login(self, value: int) -> None:
        self._app.type_of_login = value

    def token_for(self, username: str) -> str:
        """A fresh token for a user, without a login request (tests' shortcut)."""
        return self.state.issue_token(self.state.user_id(username))

    def stop(self) -> None:
        self._app.faults.stop()
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join(timeout=5)
        self.state.close()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


__all__ = ["Sandbox", "BigSeed", "DEMO_PASSWORD", "SiteMode"]
