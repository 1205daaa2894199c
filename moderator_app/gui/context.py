"""What a main window needs to run one signed-in account.

Built by the app start-up (gui/app.py) after sign-in and handed to MainWindow. Plain
values and factories only: the window never opens a network connection itself; every
sync builds a fresh platform from ``platform_factory`` on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the modules below are written by other helpers at the same time
    from moderator_app.platform.base import Platform
    from moderator_app.platform.types import SiteInfo
    from moderator_app.services.accounts import AccountRef
    from moderator_app.settings import Settings
    from moderator_app.store.db import Database


@dataclass
class AppContext:
    account: AccountRef
    db: Database
    platform_factory: Callable[[], Platform]
    settings: Settings
    site_info: SiteInfo | None
    # False when no keyring backend works and the token lives in memory only.
    token_persistent: bool
