import sys

from moderator_app.cli import main

sys.exit(main())
