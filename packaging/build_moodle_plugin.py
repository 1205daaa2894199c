"""Zip the companion Moodle plugin for its installer: `python packaging/build_moodle_plugin.py`.

Makes dist/local_moderatordesk-VERSION.zip (VERSION is `$plugin->version` from version.php)
with one top folder, `moderatordesk/`, which is what Site administration > Plugins >
Install plugins expects of a local plugin. Entries are sorted and dated by the version, so
the same source gives the same bytes. Prints the zip's path.

Exit codes: 0 built, 1 the plugin folder is not a plugin (no version.php or no version).
"""

from __future__ import annotations

import argparse
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PLUGIN = REPO / "moodle" / "local_moderatordesk"
DIST = REPO / "dist"
COMPONENT = "local_moderatordesk"
ROOT = "moderatordesk"  # the folder name under local/ in a Moodle tree
ZIP_TIME = (2020, 1, 1, 0, 0, 0)  # fixed: a rebuild of the same source is byte for byte the same
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})

_VERSION = re.compile(r"^\s*\$plugin->version\s*=\s*(\d{10})\s*;", re.MULTILINE)
_COMPONENT = re.compile(r"^\s*\$plugin->component\s*=\s*'([a-z0-9_]+)'\s*;", re.MULTILINE)


class NotAPlugin(ValueError):
    """The folder lacks what Moodle needs to recognise a plugin."""


def plugin_version(plugin_dir: Path = PLUGIN) -> int:
    """`$plugin->version` from version.php, checked against the component name."""
    version_php = plugin_dir / "version.php"
    if not version_php.is_file():
        raise NotAPlugin(f"{version_php} is missing")
    text = version_php.read_text(encoding="utf-8")
    component = _COMPONENT.search(text)
    version = _VERSION.search(text)
    if component is None or component.group(1) != COMPONENT:
        raise NotAPlugin(f"{version_php} does not declare $plugin->component = '{COMPONENT}'")
    if version is None:
        raise NotAPlugin(f"{version_php} has no ten-digit $plugin->version")
    return int(version.group(1))


def plugin_files(plugin_dir: Path = PLUGIN) -> Iterator[Path]:
    """Every file to ship, sorted; hidden files and caches stay behind."""
    for path in sorted(plugin_dir.rglob("*")):
        parts = path.relative_to(plugin_dir).parts
        if any(p.startswith(".") or p in SKIPPED_DIRS for p in parts):
            continue
        if path.is_file():
            yield path


def build(plugin_dir: Path = PLUGIN, dist: Path = DIST) -> Path:
    """Write the zip and return its path."""
    version = plugin_version(plugin_dir)
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{COMPONENT}-{version}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in plugin_files(plugin_dir):
            name = f"{ROOT}/{path.relative_to(plugin_dir).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    try:
        print(build(PLUGIN, args.dist))
    except NotAPlugin as exc:
        print(f"build_moodle_plugin: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
