"""What a bundle needs that the source tree does not hold: built before PyInstaller runs.

- the compiled translations (.qm), from resources/translations/*.ts with PySide6's
  lrelease, so the bundle needs no lrelease at run time;
- the Windows .ico and the macOS .icns, from the committed PNGs in resources/icons/
  (Pillow writes both; it is in the `packaging` extra).

Everything goes below build/bundle-inputs/, never into the source tree. Both
packaging/build.py and the spec call prepare(): a second call finds the outputs up
to date and does nothing.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "resources" / "translations"
ICON_PNGS = REPO / "resources" / "icons"
ICON_NAME = "moderator-desk"
OUT = REPO / "build" / "bundle-inputs"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


@dataclass(frozen=True)
class Prepared:
    qm_files: list[Path]
    ico: Path
    icns: Path


class PrepareError(Exception):
    """A bundle input could not be made; the message says what to do."""


def lrelease() -> Path:
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    tool = Path(PySide6.__file__).parent / name
    if not tool.is_file():
        raise PrepareError(f"PySide6's lrelease is missing ({tool}); reinstall PySide6-Essentials")
    return tool


def _fresh(target: Path, *sources: Path) -> bool:
    return target.is_file() and all(
        target.stat().st_mtime >= source.stat().st_mtime for source in sources
    )


def compile_translations(out: Path = OUT / "translations") -> list[Path]:
    """One .qm per .ts; lrelease fails loudly rather than shipping a half translation."""
    out.mkdir(parents=True, exist_ok=True)
    compiled = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = out / f"{ts.stem}.qm"
        if not _fresh(qm, ts):
            result = subprocess.run(
                [str(lrelease()), "-silent", str(ts), "-qm", str(qm)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0 or not qm.is_file():
                raise PrepareError(f"lrelease failed for {ts.name}: {result.stderr.strip()}")
        compiled.append(qm)
    return compiled


def _pngs(sizes: tuple[int, ...]) -> list[Path]:
    files = [ICON_PNGS / f"{ICON_NAME}-{size}.png" for size in sizes]
    missing = [path.name for path in files if not path.is_file()]
    if missing:
        raise PrepareError(
            f"icon PNGs missing: {', '.join(missing)}; run packaging/icons/make_icons.py"
        )
    return files


def _pillow() -> object:
    try:
        from PIL import Image
    except ImportError as exc:
        raise PrepareError(
            "Pillow is needed for the .ico and .icns: pip install -e '.[packaging]'"
        ) from exc
    return Image


def make_ico(target: Path = OUT / f"{ICON_NAME}.ico") -> Path:
    """A Windows icon holding each size as drawn, not scaled down from the largest."""
    pngs = _pngs(ICO_SIZES)
    if _fresh(target, *pngs):
        return target
    image_module = _pillow()
    images = [image_module.open(path).convert("RGBA") for path in pngs]  # type: ignore[attr-defined]
    target.parent.mkdir(parents=True, exist_ok=True)
    largest = images[-1]
    largest.save(
        target,
        format="ICO",
        sizes=[image.size for image in images],
        append_images=images[:-1],
    )
    return target


def make_icns(target: Path = OUT / f"{ICON_NAME}.icns") -> Path:
    pngs = _pngs(ICNS_SIZES)
    if _fresh(target, *pngs):
        return target
    image_module = _pillow()
    images = [image_module.open(path).convert("RGBA") for path in pngs]  # type: ignore[attr-defined]
    target.parent.mkdir(parents=True, exist_ok=True)
    images[-1].save(target, format="ICNS", append_images=images[:-1])
    return target


def prepare() -> Prepared:
    return Prepared(qm_files=compile_translations(), ico=make_ico(), icns=make_icns())


if __name__ == "__main__":
    done = prepare()
    for path in [*done.qm_files, done.ico, done.icns]:
        print(path.relative_to(REPO))
