"""The packaging files, checked without building (packaging/build.py builds: minutes).

The spec must name every data folder and hold no path of one machine or one system;
the desktop entry and AppStream data must carry what Linux desktops read; the icons
must exist in every size and match their SVG; the bundle scan must catch what it is
for; the app must prefer the .qm a bundle ships.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import moderator_app

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "moderator-desk.spec"
APP_ID = "nl.moderatordesk.ModeratorDesk"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def _spec_constant(name: str) -> object:
    for node in _spec_tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not assigned in the spec")


def _data_folders() -> list[tuple[str, list[str], str]]:
    folders = _spec_constant("DATA_FOLDERS")
    assert isinstance(folders, list)
    return folders


# -- the spec ------------------------------------------------------------------------


def test_spec_names_every_data_folder_that_exists() -> None:
    named = {source for source, _patterns, _target in _data_folders()}
    expected = {"ui", "resources", "moderator_app/store/migrations"}
    expected |= {
        path.relative_to(REPO).as_posix()
        for root in (REPO / "resources", REPO / "moderator_app" / "store" / "migrations")
        for path in root.iterdir()
        if path.is_dir() and path.name != "__pycache__"
    }
    assert expected <= named, f"not in the spec's DATA_FOLDERS: {sorted(expected - named)}"


def test_spec_data_patterns_find_the_files_the_app_loads() -> None:
    for source, patterns, target in _data_folders():
        folder = REPO / source
        if not folder.is_dir():
            continue
        found = [p for pattern in patterns for p in folder.glob(pattern) if p.is_file()]
        assert found, f"{source}: {patterns} match no file"
        assert target.startswith("moderator_app/"), target
    by_source = {source: patterns for source, patterns, _target in _data_folders()}
    ui = [p.name for pattern in by_source["ui"] for p in (REPO / "ui").glob(pattern)]
    assert set(ui) >= {p.name for p in (REPO / "ui").glob("*.ui")}
    versions = REPO / "moderator_app" / "store" / "migrations" / "versions"
    listed = {
        p.name
        for pattern in by_source["moderator_app/store/migrations/versions"]
        for p in versions.glob(pattern)
    }
    assert {p.name for p in versions.glob("0*.py")} <= listed


def _string_constants(tree: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_spec_holds_no_absolute_or_one_system_paths() -> None:
    strings = _string_constants(_spec_tree())
    one_machine = re.compile(
        r"^/|^[A-Za-z]:[\\/]|^~|\\|site-packages|\.venv|/usr/|/opt/|/home/|/tmp/|\.so(\.|$)|\.dll$"
    )
    bad = [s for s in strings if one_machine.search(s)]
    assert bad == [], f"one-machine or one-system paths in the spec: {bad}"
    # What differs per system is decided by sys.platform, against names that exist.
    platforms = {
        s
        for s in strings
        if s in {"win32", "darwin", "linux", "cygwin", "linux2", "windows", "macos"}
    }
    assert platforms <= {"win32", "darwin", "linux"}


def test_spec_lists_keyring_backends_qt_ui_tools_and_excludes_test_tools() -> None:
    source = SPEC.read_text(encoding="utf-8")
    assert 'collect_submodules("keyring.backends")' in source
    excludes = _spec_constant("excludes")
    assert isinstance(excludes, list)
    assert {"pytest", "_pytest", "tests", "PIL", "PyInstaller"} <= set(excludes)
    assert _spec_constant("APP_ID") == APP_ID
    # The entry point and the runtime hook the spec names exist.
    assert (PACKAGING / "launcher.py").is_file()
    assert (PACKAGING / "rthooks" / "no_bytecode.py").is_file()


# -- Linux desktop files -------------------------------------------------------------


def test_desktop_entry_has_the_keys_desktops_read() -> None:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    for key in ("Type", "Name", "Comment", "Exec", "Icon", "Categories", "Terminal"):
        assert entry.get(key), f"{key} missing"
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == _spec_constant("EXE_NAME")
    assert entry["Icon"] == APP_ID  # installed under share/icons/hicolor by the spec
    assert entry["Categories"].endswith(";") and "Education" in entry["Categories"]
    assert entry["Terminal"] == "false"


def test_the_app_is_the_handler_of_the_browser_sign_in_address() -> None:
    """Linux and macOS hand moodlemobile://token=... to the app (launch.php's redirect)."""
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert "x-scheme-handler/moodlemobile" in entry["MimeType"].split(";")
    assert entry["Exec"].split()[1:] == ["%u"]  # the address arrives as the argument
    plists = [
        node
        for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword) and node.arg == "info_plist"
    ]
    [plist] = plists
    url_types = ast.literal_eval(plist.value)["CFBundleURLTypes"]
    assert ["moodlemobile"] in [t["CFBundleURLSchemes"] for t in url_types]


def test_metainfo_is_well_formed_and_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    assert root.findtext("metadata_license") == "CC0-1.0"
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert root.findtext("project_license") == pyproject["project"]["license"]["text"]
    assert root.findtext("name") and root.findtext("summary")
    assert root.find("description/p") is not None
    releases = [r.get("version") for r in root.iterfind("releases/release")]
    assert moderator_app.__version__ in releases


@pytest.mark.parametrize(
    ("tool", "arguments", "path"),
    [
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
        ("desktop-file-validate", [], DESKTOP),
    ],
)
def test_linux_files_pass_their_validators(tool: str, arguments: list[str], path: Path) -> None:
    # Debian's appstream and desktop-file-utils; the checks above run everywhere.
    executable = shutil.which(tool)
    if executable is None:
        pytest.skip(f"{tool} is not installed")
    result = subprocess.run(
        [executable, *arguments, str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- icons ---------------------------------------------------------------------------


def test_icon_svg_parses_and_every_png_size_exists(qapp: object) -> None:
    from PySide6.QtGui import QImage

    ET.parse(PACKAGING / "icons" / "moderator-desk.svg")
    for size in SIZES:
        image = QImage(str(REPO / "resources" / "icons" / f"moderator-desk-{size}.png"))
        assert not image.isNull(), size
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


@pytest.mark.parametrize("size", [16, 48, 256])
def test_committed_pngs_match_the_svg(qapp: object, size: int) -> None:
    from PySide6.QtGui import QImage

    make_icons = _load(PACKAGING / "icons" / "make_icons.py")
    fresh = QImage.fromData(make_icons.render(size)).convertToFormat(QImage.Format.Format_ARGB32)
    committed = QImage(str(make_icons.png_path(size))).convertToFormat(QImage.Format.Format_ARGB32)
    differing = sum(
        1
        for y in range(size)
        for x in range(size)
        if _far(fresh.pixel(x, y), committed.pixel(x, y))
    )
    # Another Qt version may antialias an edge pixel differently; a changed SVG moves many.
    assert differing <= size * size // 100, "run packaging/icons/make_icons.py after an SVG change"


def _far(a: int, b: int) -> bool:
    return any(abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)) > 48 for s in (0, 8, 16, 24))


def test_window_icon_carries_every_size(qapp: object) -> None:
    from moderator_app.gui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= set(SIZES)


# -- the bundle scan -----------------------------------------------------------------


def test_bundle_scan_finds_tests_caches_and_machine_paths(tmp_path: Path) -> None:
    build = _load(PACKAGING / "build.py")
    root = tmp_path / "bundle"
    (root / "_internal" / "moderator_app").mkdir(parents=True)
    (root / "_internal" / "moderator_app" / "ok.json").write_text("{}")
    assert build.scan_bundle(root, ["/build/machine/src"]) == []

    (root / "_internal" / "pkg" / "__pycache__").mkdir(parents=True)
    (root / "_internal" / "pkg" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")
    (root / "_internal" / "tests").mkdir()
    (root / "_internal" / "tests" / "data.txt").write_text("x")
    (root / "_internal" / "test_thing.py").write_text("")
    (root / "_internal" / "lib.so").write_bytes(b"\0rpath=/build/machine/src/.venv/lib\0")
    problems = "\n".join(build.scan_bundle(root, ["/build/machine/src"]))
    assert "__pycache__" in problems
    assert "tests/" in problems
    assert "test_thing.py: a test file" in problems
    assert "lib.so: contains /build/machine/src" in problems
    assert "ok.json" not in problems


def test_build_reports_missing_tools_without_installing(monkeypatch: pytest.MonkeyPatch) -> None:
    build = _load(PACKAGING / "build.py")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        build.importlib.util,
        "find_spec",
        # Pillow present, PyInstaller missing, whatever this machine has installed.
        lambda name, *a: (
            None if name == "PyInstaller" else (object() if name == "PIL" else real(name, *a))
        ),
    )
    assert build.missing_tools() == ["pyinstaller"]
    assert build.main([]) == 2  # says how to install, builds nothing


# -- the shipped translation -----------------------------------------------------------


@pytest.fixture
def translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from moderator_app.gui import i18n

    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(i18n.ts_path("nl"), folder)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    return folder


def _stamp(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds))


def test_a_shipped_qm_not_older_than_its_ts_is_used(qapp: object, translations: Path) -> None:
    from moderator_app.gui import i18n

    ts = translations / "moderator_nl.ts"
    shipped = translations / "moderator_nl.qm"
    shutil.copy(i18n.compiled_qm("nl") or "", shipped)  # a real .qm, as a bundle ships it
    cached = i18n.cache_dir() / "moderator_nl.qm"
    cached.unlink()
    _stamp(ts, 1_000_000)
    _stamp(shipped, 1_000_000)  # same time: PyInstaller's copy, evened out by the spec
    assert i18n.compiled_qm("nl") == shipped
    assert not cached.exists()  # nothing compiled


def test_a_stale_shipped_qm_is_recompiled_or_used_without_lrelease(
    qapp: object, translations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderator_app.gui import i18n

    ts = translations / "moderator_nl.ts"
    shipped = translations / "moderator_nl.qm"
    shipped.write_bytes(b"stale")
    _stamp(shipped, 1_000_000)
    _stamp(ts, 2_000_000)
    compiled = i18n.compiled_qm("nl")
    assert compiled is not None and compiled.parent == i18n.cache_dir()
    compiled.unlink()
    monkeypatch.setattr(i18n, "lrelease_path", lambda: translations / "no-lrelease")
    assert i18n.compiled_qm("nl") == shipped  # better than falling back to English
