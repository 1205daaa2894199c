"""Run as a separate process: hold an account's DataLock until killed or told to stop.

`python -m tests.store.lock_holder DB_PATH` prints "held PID" once the lock is held,
then waits for a line on stdin (or for a kill) and exits, releasing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from moderator_app.store.data_lock import DataLock

ROOT = Path(__file__).resolve().parents[2]


def start(db_path: Path) -> subprocess.Popen[str]:
    """Start a holder and return once it holds the lock (it said so on stdout)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.store.lock_holder", str(db_path)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    line = holder.stdout.readline()
    assert line == f"held {holder.pid}\n", line
    return holder


def main() -> None:
    lock = DataLock.acquire(Path(sys.argv[1]))
    print(f"held {os.getpid()}", flush=True)
    sys.stdin.readline()
    lock.release()


if __name__ == "__main__":
    main()
