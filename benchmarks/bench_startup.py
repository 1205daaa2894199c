"""Cold start to first paint: the app's main window against a bare Qt window.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs 3]

Each figure is a fresh child process, timed from its launch by the parent to the
child's first paint event (the child prints when it sees it and exits):

- reference: a bare QMainWindow (PySide6 import, QApplication, show, paint);
- the app: what `moderator-app` does for an account that is signed in, minus the
  keyring: make_application, settings, translations, Database.open of an existing
  store (built untimed beforehand, 2,000 waiting), MainWindow shown on it.

Goal (issue 19): the app under 3x the bare window, both measured in this run. Qt
runs offscreen, so no compositor or GPU time is in either figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 3.0

_PAINTED = """
from PySide6.QtCore import QEvent, QObject


class _FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            os._exit(0)
        return False
"""

BARE = (
    "import os\n"
    + _PAINTED
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
spy = _FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""
)

APP = (
    "import os, sys\n"
    + _PAINTED
    + """
from pathlib import Path
from moderator_app.gui.app import make_application
from moderator_app import settings as settings_mod
from moderator_app.gui import i18n
app = make_application()
settings = settings_mod.load()
i18n.install(i18n.resolve_language(None, settings.language))
from moderator_app.gui.context import AppContext
from moderator_app.gui.main_window import MainWindow
from moderator_app.services.accounts import AccountRef
from moderator_app.store.db import Database
db = Database.open(Path(sys.argv[1]))
def no_platform():
    raise RuntimeError("the benchmark makes no requests")
window = MainWindow(AppContext(
    AccountRef("http://127.0.0.1", "mod"), db, no_platform,
    settings_mod.Settings(auto_sync_minutes=0, notify_new_waiting=False), None, True))
spy = _FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""
)


def first_paint(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    elapsed = time.perf_counter() - start
    if "painted" not in done.stdout:
        raise SystemExit(f"the child did not paint:\n{done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_queue_view import build

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.sqlite"
        build(store, 2000).close()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=tmp, XDG_CONFIG_HOME=tmp)
        env["MODERATOR_DESK_NO_DIALOGS"] = "1"
        first_paint(BARE, env=env)  # warm the file cache for both
        first_paint(APP, str(store), env=env)
        bare = statistics.median(first_paint(BARE, env=env) for _ in range(args.runs))
        app = statistics.median(first_paint(APP, str(store), env=env) for _ in range(args.runs))
    ratio = app / bare
    verdict = "OK" if ratio < GOAL_RATIO else "MISSED"
    print(f"median of {args.runs} cold starts each (file cache warm), offscreen Qt")
    print(f"{'bare QMainWindow to first paint (reference)':<48}{bare:>8.2f} s")
    print(f"{'moderator-app main window to first paint':<48}{app:>8.2f} s")
    print(f"{'app / bare':<48}{ratio:>8.2f}x   goal < {GOAL_RATIO:.0f}x  {verdict}")


if __name__ == "__main__":
    main()
