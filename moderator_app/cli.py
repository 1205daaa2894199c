"""The `moderator-app` command: the desktop app, the demo, the sandbox and headless commands.

Each command's work lives in its own module and is imported only when that command
runs, so `moderator-app sync` never loads Qt.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from moderator_app import __version__, paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moderator-app",
        description="Moderator Desk: the waiting queue, prompts, polls and consent for Moodle.",
        epilog="Exit codes of the commands: 0 done, 1 the sync failed in part, 2 not signed in "
        "or refused, 3 the app is already open for this account, 4 the local database "
        "cannot be used.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, help="keep all data, settings and logs below this folder"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the built-in demo site and open the app signed in to it",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start without a window, sign in to the demo, sync, check the queue, exit",
    )
    parser.add_argument("--lang", help="user interface language (en, nl); default: the system's")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sandbox = commands.add_parser("sandbox", help="run the Moodle-compatible sandbox site")
    sandbox.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    sandbox.add_argument(
        "--seed",
        default="demo",
        help="'demo' for the Dutch demo, or COURSES,DISCUSSIONS,POSTS for a big seed",
    )
    sandbox.add_argument(
        "--no-plugin", action="store_true", help="act as a site without the plugin"
    )

    login = commands.add_parser("login", help="sign in to a site and keep the token in the keyring")
    login.add_argument(
        "--site", required=True, help="the site's address, e.g. https://moodle.example.org"
    )
    login.add_argument("--username", help="needed for a password sign-in only")
    how = login.add_mutually_exclusive_group()
    how.add_argument(
        "--browser",
        action="store_true",
        help="sign in in the browser (single sign-on); then paste the moodlemobile:// address",
    )
    how.add_argument(
        "--qr", metavar="IMAGE", help="sign in with the QR code of your profile page (a screenshot)"
    )

    sync = commands.add_parser(
        "sync", help="pull new posts and send the outbox; non-zero exit on failure"
    )
    sync.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="how long to wait while the app works on this account (default 30, "
        "or MODERATOR_DESK_LOCK_WAIT); then exit 3",
    )
    sync.add_argument(
        "--fresh-database",
        action="store_true",
        help="if the account's database is damaged or from a newer version, keep it aside "
        "(NAME.corrupt-DATE or NAME.newer-DATE) and start a fresh one",
    )

    queue = commands.add_parser("queue", help="list the waiting discussions, oldest first")
    queue.add_argument("--json", action="store_true", help="print JSON for scripts")

    thread = commands.add_parser(
        "thread", help="one discussion as the app holds it, read from the site first"
    )
    thread.add_argument("discussion", type=int, help="the discussion's id")
    thread.add_argument("--json", action="store_true", help="print JSON for scripts")

    outbox = commands.add_parser("outbox", help="what is waiting to be sent, and why")
    outbox.add_argument("--json", action="store_true", help="print JSON for scripts")

    participation = commands.add_parser(
        "participation",
        help="per learner and course: posts, last visit and state (from the last sync)",
    )
    participation.add_argument("--course", type=int, help="only this course's learners")
    participation.add_argument(
        "--peer-answers",
        action="store_true",
        help="instead: per forum and week, how many learner questions a learner answered first",
    )
    participation.add_argument("--json", action="store_true", help="print JSON for scripts")

    reply = commands.add_parser(
        "reply", help="queue a reply to a discussion; the next `sync` sends it"
    )
    reply.add_argument("discussion", type=int, help="the discussion's id")
    reply.add_argument(
        "--message-file", required=True, help="the reply as plain text (UTF-8); - for stdin"
    )
    reply.add_argument("--post", type=int, help="the post replied to (default: the first)")
    reply.add_argument(
        "--private", action="store_true", help="only the author of that post sees the reply"
    )
    return parser


# What the site sends the browser to after a browser sign-in (launch.php); the system
# hands it to us as an argument when we are the moodlemobile:// handler.
SIGN_IN_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://token=")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    address = next((a for a in argv if SIGN_IN_ADDRESS.match(a)), None)
    args = build_parser().parse_args([a for a in argv if a is not address])
    if args.data_dir is not None:
        paths.set_data_dir(args.data_dir)
    if address is not None:
        return _hand_over_sign_in(address)

    if args.command == "sandbox":
        from moderator_app.sandbox.cli import run_sandbox

        return run_sandbox(args)
    if args.command in {"login", "sync", "queue", "outbox", "thread", "reply", "participation"}:
        from moderator_app import headless

        try:
            code = headless.run_command(args.command, args)
            sys.stdout.flush()  # a reader that left shows here, not at the exit's flush
            return code
        except BrokenPipeError:
            return _reader_gone()

    from moderator_app.gui.app import run_gui

    return run_gui(args)


def _hand_over_sign_in(address: str) -> int:
    """Give the browser's answer to the Moderator Desk whose sign-in waits for it."""
    from moderator_app.gui.single_instance import send_message, sign_in_server_name

    if send_message(sign_in_server_name(), address):
        print("The sign-in was handed to the open Moderator Desk.")
        return 0
    print(
        "No sign-in waits for this address: start 'Sign in in the browser' in Moderator "
        "Desk (or `moderator-app login --browser`) and sign in again.",
        file=sys.stderr,
    )
    return 2


EXIT_READER_GONE = 141  # what a shell reports for a command stopped by SIGPIPE


def _reader_gone() -> int:
    """The command's output went to a reader that stopped (`moderator-app queue | head`).

    Not an error worth a traceback: stop quietly. Standard output is pointed at the null
    device so the interpreter's last flush at exit does not fail the same way again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_READER_GONE


if __name__ == "__main__":
    sys.exit(main())
