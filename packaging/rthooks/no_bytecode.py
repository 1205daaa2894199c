# Runs first in the bundle. Alembic loads the migration scripts from .py files; without
# this Python would write __pycache__ folders into the installed app at first start.
import sys

sys.dont_write_bytecode = True
