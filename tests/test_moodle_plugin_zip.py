"""The companion plugin's zip (packaging/build_moodle_plugin.py) and the plugin's own files.

Moodle's installer wants one top folder named as the plugin goes under local/, holding
version.php and the language file; the plugin itself must name every string it throws and
keep table names within Moodle's limit. Installing the zip on a real Moodle is in
tests/live/test_plugin.py.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
PLUGIN = REPO / "moodle" / "local_moderatordesk"
REQUIRED = (
    "version.php",
    "lang/en/local_moderatordesk.php",
    "db/access.php",
    "db/install.xml",
    "db/services.php",
    "classes/privacy/provider.php",
    "README.md",
    "CONTRACT.md",
)
MAX_TABLE_NAME = 28  # xmldb's limit without the site prefix


def _builder() -> ModuleType:
    path = REPO / "packaging" / "build_moodle_plugin.py"
    spec = importlib.util.spec_from_file_location("build_moodle_plugin", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    return _builder()


@pytest.fixture
def built(builder: ModuleType, tmp_path: Path) -> Path:
    path = builder.build(PLUGIN, tmp_path)
    assert isinstance(path, Path)
    return path


def _version() -> int:
    text = (PLUGIN / "version.php").read_text(encoding="utf-8")
    found = re.search(r"\$plugin->version\s*=\s*(\d+);", text)
    assert found is not None
    return int(found.group(1))


def test_zip_is_named_by_the_plugin_version(built: Path) -> None:
    assert built.name == f"local_moderatordesk-{_version()}.zip"


def test_zip_has_one_top_folder_named_as_under_local(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names} == {"moderatordesk"}
    for required in REQUIRED:
        assert f"moderatordesk/{required}" in names


def test_zip_holds_every_plugin_file_and_nothing_else(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        names = set(archive.namelist())
    on_disk = {
        "moderatordesk/" + p.relative_to(PLUGIN).as_posix()
        for p in PLUGIN.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert names == on_disk


def test_zip_contents_are_the_sources(built: Path) -> None:
    with zipfile.ZipFile(built) as archive:
        assert archive.testzip() is None
        shipped = archive.read("moderatordesk/version.php")
    assert shipped == (PLUGIN / "version.php").read_bytes()


def test_two_builds_are_byte_for_byte_equal(builder: ModuleType, tmp_path: Path) -> None:
    first = builder.build(PLUGIN, tmp_path / "one").read_bytes()
    second = builder.build(PLUGIN, tmp_path / "two").read_bytes()
    assert first == second


def test_a_folder_without_a_version_is_refused(builder: ModuleType, tmp_path: Path) -> None:
    fake = tmp_path / "local_moderatordesk"
    fake.mkdir()
    (fake / "version.php").write_text(
        "<?php\n$plugin->component = 'local_moderatordesk';\n", encoding="utf-8"
    )
    with pytest.raises(builder.NotAPlugin, match="version"):
        builder.build(fake, tmp_path / "dist")
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_a_folder_of_another_component_is_refused(builder: ModuleType, tmp_path: Path) -> None:
    fake = tmp_path / "other"
    fake.mkdir()
    (fake / "version.php").write_text(
        "<?php\n$plugin->component = 'local_other';\n$plugin->version = 2026010100;\n",
        encoding="utf-8",
    )
    with pytest.raises(builder.NotAPlugin, match="component"):
        builder.build(fake, tmp_path / "dist")


def test_every_service_function_has_its_class() -> None:
    services = (PLUGIN / "db" / "services.php").read_text(encoding="utf-8")
    classes = re.findall(r"\\local_moderatordesk\\external\\(\w+)::class", services)
    functions = re.findall(r"'(local_moderatordesk_\w+)' =>", services)
    assert len(classes) == len(functions) == 5
    for name, function in zip(classes, functions, strict=True):
        assert function == f"local_moderatordesk_{name}"
        source = (PLUGIN / "classes" / "external" / f"{name}.php").read_text(encoding="utf-8")
        assert f"class {name} extends external_api" in source
    assert services.count("[MOODLE_OFFICIAL_MOBILE_SERVICE]") == len(functions)


def test_every_string_the_plugin_uses_is_defined() -> None:
    lang = (PLUGIN / "lang" / "en" / "local_moderatordesk.php").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\$string\['([^']+)'\]", lang, re.MULTILINE))
    used: set[str] = set()
    for php in PLUGIN.rglob("*.php"):
        text = php.read_text(encoding="utf-8")
        used |= set(re.findall(r"'([a-z0-9:_]+)', 'local_moderatordesk'", text))
    access = (PLUGIN / "db" / "access.php").read_text(encoding="utf-8")
    used |= {
        cap.replace("local/", "", 1).replace("/", ":", 1)
        for cap in re.findall(r"'(local/moderatordesk:\w+)'", access)
    }
    assert used, "the scan found no strings: the pattern no longer matches the code"
    assert used <= defined, f"missing strings: {sorted(used - defined)}"
    assert "pluginname" in defined


def test_tables_are_named_within_moodles_limit() -> None:
    tree = ET.parse(PLUGIN / "db" / "install.xml")
    tables = [t.get("NAME", "") for t in tree.getroot().iter("TABLE")]
    assert tables
    for name in tables:
        assert name.startswith("local_moderatordesk_")
        assert len(name) <= MAX_TABLE_NAME


@pytest.mark.skipif(shutil.which("php") is None, reason="php is not installed")
def test_every_php_file_parses() -> None:
    for php in sorted(PLUGIN.rglob("*.php")):
        done = subprocess.run(
            ["php", "-l", str(php)], capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
