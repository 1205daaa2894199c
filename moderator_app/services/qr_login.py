"""Signing in with the QR code of the moderator's Moodle profile page.

On https sites whose admin chose 'QR code with automatic login' (tool_mobile
qrcodetype 2), the profile page shows a QR code holding
`moodlemobile://SITE?qrlogin=KEY&userid=ID`. The key is good for one sign-in, for a
few minutes, from the same network address by default. zxing-cpp reads the code
from an image (a screenshot or the clipboard); it ships its decoder in the wheel, so
no system library is needed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit, urlunsplit

import requests

from moderator_app.platform.errors import InvalidInput
from moderator_app.platform.moodle import normalise_url
from moderator_app.platform.moodle_nologin import qr_login_tokens

if TYPE_CHECKING:
    from moderator_app.services.accounts import SignInResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QrLogin:
    site_url: str
    key: str  # secret until used: never logged
    user_id: int


def decode_qr(image: Any) -> str:
    """The text of the first QR code in `image` (a QImage, PIL image or pixel buffer)."""
    import zxingcpp

    try:
        found = zxingcpp.read_barcodes(image)
    except (TypeError, ValueError):
        raise InvalidInput("That image could not be read.", code="badimage") from None
    for code in found:
        if code.valid and code.text and code.format == zxingcpp.BarcodeFormat.QRCode:
            return str(code.text)
    raise InvalidInput("No QR code was found in that image.", code="noqrcode")


def parse_qr(text: str) -> QrLogin:
    """The site, key and user in the profile page's QR code."""
    value = text.strip()
    scheme, sep, rest = value.partition("://")
    if not sep or "://" not in rest:
        raise InvalidInput("That QR code is not a Moodle app code.", code="notmoodleqr")
    parts = urlsplit(rest)
    query = parse_qs(parts.query)
    site = normalise_url(urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")))
    keys, users = query.get("qrlogin", []), query.get("userid", [])
    if not keys or not users or not users[0].isdigit():
        raise InvalidInput(
            "This QR code holds only the site's address, not a sign-in: the site's "
            "administrator has not switched on 'QR code with automatic login'.",
            code="qrsiteonly",
        )
    log.info("QR code read (forced scheme: %s)", scheme != "moodlemobile")
    return QrLogin(site_url=site, key=keys[0], user_id=int(users[0]))


def sign_in_with_qr(
    text: str, *, expected_site: str = "", session: requests.Session | None = None
) -> SignInResult:
    """Trade the QR code's key for the app's token and keep the sign-in."""
    from moderator_app.services import accounts

    qr = parse_qr(text)
    if expected_site and normalise_url(expected_site) != qr.site_url:
        raise InvalidInput(
            f"This QR code is for {qr.site_url}, not the site you entered.", code="qrothersite"
        )
    tokens = qr_login_tokens(qr.site_url, qr.key, qr.user_id, session=session)
    return accounts.keep_sign_in(qr.site_url, tokens, session=session)
