"""`moderator-app login --browser | --qr IMAGE`: sign in where the site has no password for us.

--browser prints the site's launch.php address (and opens the browser when there is
one), then reads the moodlemobile://token=… address the browser was sent to from
standard input. --qr reads the profile page's QR code from an image file.
"""

from __future__ import annotations

import argparse
import sys
import webbrowser
from typing import TYPE_CHECKING

from moderator_app.platform.errors import PlatformError

if TYPE_CHECKING:
    from moderator_app.services.accounts import SignInResult


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def sign_in_without_password(args: argparse.Namespace) -> SignInResult | None:
    """The sign-in, or None after saying on stderr why not."""
    from moderator_app.platform.moodle import check_site
    from moderator_app.platform.moodle_nologin import read_public_config

    try:
        site = check_site(args.site)
        config = read_public_config(site.url)
        if config.maintenance:
            _err("The site is in maintenance mode. Try again later.")
            return None
        if not config.usable:
            _err(
                "This site does not let the Moodle app in (web services or the mobile "
                "service are off): its administrator must switch them on."
            )
            return None
        if args.qr:
            return _with_qr(args.qr, site.url)
        return _with_browser(site.url, config)
    except PlatformError as exc:
        _err(f"Sign-in failed: {exc.message}")
        suggested = getattr(exc, "suggested_site", "")
        if suggested:
            _err(f"Run again with --site {suggested} to use that address.")
        return None


def _with_browser(site_url: str, config: object) -> SignInResult | None:
    from moderator_app.platform.moodle_nologin import PublicConfig
    from moderator_app.services.sso_login import (
        browser_sign_ins,
        finish_browser_sign_in,
        launch_url,
    )

    assert isinstance(config, PublicConfig)
    pending = browser_sign_ins.start(site_url, config)
    url = launch_url(config, pending.passport)
    print("Sign in in your browser at this address:")
    print(url)
    opened = webbrowser.open(url)
    print(
        "After signing in, the site sends the browser to an address starting with "
        "moodlemobile://token= (the browser may say it cannot open it: copy it from the "
        "address bar or the message)."
        + ("" if opened else " No browser could be opened here: open the address above.")
    )
    print("Paste that address here and press Enter:", flush=True)
    answer = sys.stdin.readline().strip()
    if not answer:
        _err("No address given.")
        return None
    return finish_browser_sign_in(answer)


def _with_qr(image_path: str, site_url: str) -> SignInResult | None:
    from PySide6.QtGui import QImage

    from moderator_app.services.qr_login import decode_qr, sign_in_with_qr

    image = QImage(image_path)
    if image.isNull():
        _err(f"Cannot read the image {image_path}.")
        return None
    text = decode_qr(image.convertToFormat(QImage.Format.Format_Grayscale8))
    return sign_in_with_qr(text, expected_site=site_url)
