"""Write a new migration: `python -m moderator_app.store.revision ID "message" [--head REV]`.

Builds a scratch database at the current heads and lets Alembic autogenerate the
difference to models.py. Read and tidy the generated file before committing it.
A feature's migration on its own branch uses `--head 0001` (or a later id).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command

from moderator_app.store.db import make_engine
from moderator_app.store.migrate import alembic_config, upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rev_id", help='short id, e.g. "0002"')
    parser.add_argument("message")
    parser.add_argument("--head", default="head", help="the revision to branch from")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scratch.sqlite"
        upgrade(path, make_engine)
        engine = make_engine(path)
        try:
            with engine.begin() as connection:
                command.revision(
                    alembic_config(connection),
                    message=args.message,
                    autogenerate=True,
                    rev_id=args.rev_id,
                    head=args.head,
                )
        finally:
            engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
