"""QR sign-in: the profile page's code read from an image, and the key traded for a token."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import segno

from moderator_app import credentials
from moderator_app.credentials import TokenStore
from moderator_app.platform.errors import AuthError, InvalidInput, Unavailable
from moderator_app.services.qr_login import decode_qr, parse_qr, sign_in_with_qr
from tests.replay_server import Exchange, ReplayServer

NOLOGIN = "/lib/ajax/service-nologin.php"
FN = "tool_mobile_get_tokens_for_qr_login"


@pytest.fixture(autouse=True)
def fresh_session() -> Iterator[None]:
    credentials.forget_session_tokens()
    yield
    credentials.forget_session_tokens()


def pixels(text: str, scale: int = 4) -> memoryview:
    """A grayscale image of a QR code (one byte a pixel), as a screenshot would hold it."""
    rows = []
    for row in segno.make(text, error="m").matrix_iter(scale=scale, border=4):
        rows.append(bytes(0 if dark else 255 for dark in row))
    return memoryview(b"".join(rows)).cast("B", (len(rows), len(rows[0])))


def test_decodes_the_profile_page_code_from_an_image() -> None:
    text = "moodlemobile://https://moodle.school.example/sub?qrlogin=Ab12cd&userid=42"
    assert decode_qr(pixels(text)) == text
    qr = parse_qr(decode_qr(pixels(text)))
    assert (qr.site_url, qr.key, qr.user_id) == ("https://moodle.school.example/sub", "Ab12cd", 42)


def test_an_image_without_a_code_is_said() -> None:
    blank = memoryview(bytes([255]) * 100 * 100).cast("B", (100, 100))
    with pytest.raises(InvalidInput) as raised:
        decode_qr(blank)
    assert raised.value.code == "noqrcode"


def test_a_site_address_only_code_is_told_apart() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_qr("moodlemobile://https://moodle.school.example")
    assert raised.value.code == "qrsiteonly"
    with pytest.raises(InvalidInput):
        parse_qr("https://example.org/just-a-link")


def qr_answer(server_data: object, *, error: bool = False) -> Exchange:
    body = (
        [{"error": True, "exception": server_data}]
        if error
        else [{"error": False, "data": server_data}]
    )
    return Exchange.json(NOLOGIN, body, query=[("info", FN)], match="function")


def test_the_key_is_traded_for_the_token_as_the_moodle_app() -> None:
    answer = qr_answer({"token": "qrtok", "privatetoken": "qrpriv", "warnings": []})
    with ReplayServer([answer, "007-site-info"], match="function") as server:
        result = sign_in_with_qr(f"moodlemobile://{server.url}?qrlogin=K3y&userid=7")
        sent = server.received[0]
        assert "MoodleMobile" in sent.headers["User-Agent"]  # tool_mobile asks for the app
        body = sent.form[0][0]  # the JSON body, as the replay server splits a form
        assert json.loads(body)[0]["args"] == {"qrloginkey": "K3y", "userid": 7}
    assert TokenStore().load(result.ref.key) == "qrtok"


@pytest.mark.parametrize(
    ("code", "kind"),
    [("qrcodedisabled", Unavailable), ("invalidkey", AuthError), ("expiredkey", AuthError)],
)
def test_refusals_are_typed(code: str, kind: type[Exception]) -> None:
    answer = qr_answer({"message": "no", "errorcode": code}, error=True)
    with ReplayServer([answer], match="function") as server, pytest.raises(kind) as raised:
        sign_in_with_qr(f"moodlemobile://{server.url}?qrlogin=K3y&userid=7")
    assert raised.value.code == code  # type: ignore[attr-defined]


def test_a_code_for_another_site_than_the_one_typed_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        sign_in_with_qr(
            "moodlemobile://https://other.example?qrlogin=K&userid=1",
            expected_site="https://moodle.school.example",
        )
    assert raised.value.code == "qrothersite"
