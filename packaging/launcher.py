"""The bundle's entry point: the same `moderator-app` command as a pip install."""

import sys

from moderator_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
