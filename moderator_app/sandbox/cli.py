"""`moderator-app sandbox`: run the sandbox site on its own until Ctrl+C."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path

from moderator_app import paths
from moderator_app.sandbox.app import Sandbox
from moderator_app.sandbox.seed_big import BigSeed
from moderator_app.sandbox.seed_demo import DEMO_PASSWORD, FACILITATOR, LEARNERS, MODERATOR


def _seed(text: str) -> str | BigSeed:
    return "demo" if text == "demo" else BigSeed.parse(text)


def run_sandbox(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Serve until Ctrl+C (or until `stop` is set, for tests). Returns the exit code."""
    try:
        seed = _seed(args.seed)
    except ValueError as exc:
        print(f"moderator-app sandbox: bad --seed {args.seed!r}: {exc}")
        return 2
    # A fresh site each run: the database lives in the data dir, replaced on start.
    db_path = Path(paths.data_dir()) / "sandbox" / "sandbox.sqlite"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    try:
        sandbox = Sandbox.start(db_path, seed=seed, plugin=not args.no_plugin, port=args.port)
    except OSError as exc:
        print(f"moderator-app sandbox: cannot listen on 127.0.0.1:{args.port}: {exc}")
        return 1
    with sandbox:
        print(f"Sandbox Moodle site: {sandbox.url}", flush=True)
        print(f"Companion plugin: {'on' if sandbox.plugin else 'off'}")
        print(f"Accounts (password for all: {DEMO_PASSWORD!r}, sandbox only):")
        print(f"  {MODERATOR}    editing teacher in every course")
        print(f"  {FACILITATOR}  non-editing teacher in every course")
        if seed == "demo":
            print(f"  learners: {', '.join(name for name, _, _ in LEARNERS[:6])}, ...")
        else:
            print("  learners: learner1_1, learner2_1, ... (the first of each course)")
        print("Press Ctrl+C to stop.", flush=True)
        try:
            (stop or threading.Event()).wait()
        except KeyboardInterrupt:
            print("\nStopped.")
    return 0
