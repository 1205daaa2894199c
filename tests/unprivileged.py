"""Run a command as a user whom file permissions bind.

The test machine may run as root, whom a read-only folder does not stop. There the
command runs under `setpriv` without CAP_DAC_OVERRIDE, so a 0500 folder refuses writes
as it does for any user; elsewhere it runs as is.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest


def python_argv() -> list[str]:
    """argv that starts this Python bound by file permissions (skips the test if none)."""
    if os.name != "posix":
        pytest.skip("read-only folders are tested on POSIX")
    if os.geteuid() != 0:
        return [sys.executable]
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot bind")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", sys.executable]
