"""Translations: pick the language, compile the .ts sources, install the translators.

The sources are Qt Linguist files (resources/translations/moderator_<lang>.ts,
refreshed with pyside6-lupdate over moderator_app/gui, ui and settings.py). They are
compiled to .qm on first use into a cache folder with the lrelease that ships with
PySide6, and compiled again when the .ts is newer, so a binary can never go stale
and none is committed. A bundle (packaging/) ships a .qm compiled at build time next
to the .ts; it is used when it is not older than the .ts.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from moderator_app import paths

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# Shown in the settings dialog in their own language, never translated.
LANGUAGES: dict[str, str] = {"en": "English", "nl": "Nederlands"}

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def translations_dir() -> Path:
    return Path(str(resources.files("moderator_app.resources") / "translations"))


def ts_path(lang: str) -> Path:
    return translations_dir() / f"moderator_{lang}.ts"


def shipped_languages() -> list[str]:
    """English (the source) plus every language with a .ts file."""
    found = sorted(p.stem.removeprefix("moderator_") for p in translations_dir().glob("*.ts"))
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


def cache_dir() -> Path:
    path = paths.data_dir() / "cache" / "translations"
    path.mkdir(parents=True, exist_ok=True)
    return path


def lrelease_path() -> Path:
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(PySide6.__file__).parent / name


def compiled_qm(lang: str) -> Path | None:
    """The .qm for `lang`, compiled now if missing or older than its .ts; None if impossible."""
    source = ts_path(lang)
    if not source.is_file():
        return None
    # A bundle ships the .qm compiled at build time beside its .ts (and no lrelease).
    shipped = source.with_suffix(".qm")
    if shipped.is_file() and shipped.stat().st_mtime >= source.stat().st_mtime:
        return shipped
    target = cache_dir() / f"moderator_{lang}.qm"
    if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = lrelease_path()
    if not tool.is_file():
        if shipped.is_file():  # older than its .ts, but better than no translation
            log.warning("lrelease not found; using the shipped %s", shipped.name)
            return shipped
        log.warning("lrelease not found at %s; the user interface stays in English", tool)
        return None
    result = subprocess.run(
        [str(tool), "-silent", str(source), "-qm", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not target.is_file():
        log.warning("lrelease failed for %s (exit %s): %s", lang, result.returncode, result.stderr)
        return None
    return target


def system_language() -> str:
    return QLocale.system().name().split("_")[0]


def resolve_language(requested: str | None, setting: str = "") -> str:
    """--lang beats the setting, the setting beats the system; unknown means English."""
    for candidate in (requested, setting, system_language()):
        if candidate:
            code = candidate.replace("-", "_").split("_")[0].lower()
            return code if code in LANGUAGES else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def current_language() -> str:
    return _current


def install(lang: str) -> str:
    """Make `lang` the language of every string translated from now on; returns it.

    Replaces any translators installed before, so switching back to English works.
    Qt sends LanguageChange events to every widget; forms loaded by QUiLoader with
    language change enabled retranslate themselves, other widgets are rebuilt.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = SOURCE_LANGUAGE
    QLocale.setDefault(QLocale.system())
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return _current

    qm = compiled_qm(lang)
    ours = QTranslator(app)
    if qm is None or not ours.load(str(qm)):
        log.warning("no translation for %s; using English", lang)
        return _current
    # Qt's own strings (standard buttons, context menus) where Qt ships them.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(QLocale(lang), "qtbase", "_", qt_dir):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    app.installTranslator(ours)
    _installed.append(ours)
    _current = lang
    QLocale.setDefault(QLocale(lang))
    return _current


def lupdate_path() -> Path:
    name = "lupdate.exe" if sys.platform == "win32" else "lupdate"
    return Path(PySide6.__file__).parent / name


def translatable_sources() -> list[Path]:
    """Where translatable strings live: gui code, the .ui forms, the settings labels."""
    from moderator_app import settings as settings_module

    # Files, not folders: lupdate reads Python only when named one by one.
    forms = Path(str(resources.files("moderator_app.forms")))
    gui = Path(__file__).parent
    return [
        *sorted(gui.glob("*.py")),
        *sorted(forms.glob("*.ui")),
        Path(settings_module.__file__),
    ]


# A module may wrap QCoreApplication.translate in a helper (`_tr(text[, n])`, `tr(...)`)
# with one fixed context. lupdate cannot follow a helper, so it reads a copy of such a
# module in which each call of the helper is spelled out as the translate() it makes.
_WRAPPER = re.compile(
    r"^def (\w+)\([^)]*\)[^:]*:\s*(?:\"\"\"[^\"]*\"\"\"\s*)?"
    r"return QCoreApplication\.translate\(\s*\"([^\"]+)\"",
    re.MULTILINE,
)
_LITERALS = r"((?:\s*(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'))+)"


def expand_tr_helpers(source: str) -> str:
    """`source` with `_tr("x")` written out as `QCoreApplication.translate("Ctx", "x")`."""
    for name, context in _WRAPPER.findall(source):
        call = f'QCoreApplication.translate("{context}", '
        start = r"(?<![\w.])" + re.escape(name) + r"\(" + _LITERALS
        source = re.sub(start + r"\s*,", _spelled_out(call, ", None,"), source)
        source = re.sub(start + r"\s*\)", _spelled_out(call, ")"), source)
    return source


def _spelled_out(call: str, end: str) -> Callable[[re.Match[str]], str]:
    return lambda match: f"{call}{match.group(1)}{end}"


def update_ts(ts: Path) -> subprocess.CompletedProcess[str]:
    """Refresh `ts` from the sources (new strings arrive unfinished, gone ones dropped).

    For maintainers: `python -c "from moderator_app.gui.i18n import *;
    update_ts(ts_path('nl'))"`, then translate what is unfinished.
    """
    with tempfile.TemporaryDirectory(prefix="md-lupdate-") as tmp:
        sources: list[Path] = []
        for path in translatable_sources():
            if path.suffix == ".py":
                text = path.read_text(encoding="utf-8")
                expanded = expand_tr_helpers(text)
                if expanded != text:
                    path = Path(tmp) / path.name
                    path.write_text(expanded, encoding="utf-8")
            sources.append(path)
        return _run_lupdate(sources, ts)


def _run_lupdate(sources: list[Path], ts: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(lupdate_path()),
        *map(str, sources),
        "-locations",
        "none",
        "-no-obsolete",
        "-ts",
        str(ts),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)
