"""Build the one-folder desktop app and prove it works: `python packaging/build.py`.

Steps, each printed: check the tools (installs nothing), compile the translations and
icons (prepare.py), run PyInstaller on moderator-desk.spec, name the output folder and
its size, check it carries no test files, caches or paths of this machine, then run
the bundle's own --self-test (in English and in Dutch) and fail when it fails.

Exit codes: 0 built and passed, 1 the bundle is broken, 2 a tool is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC = HERE / "moderator-desk.spec"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
EXE_NAME = "moderator-desk"
MAC_APP_NAME = "Moderator Desk.app"
SELF_TEST_TIMEOUT = 600  # seconds: a hung bundle must not hang the build

# Names that have no business in an app: test code and caches.
FORBIDDEN_DIRS = frozenset(
    {"__pycache__", "tests", ".pytest_cache", ".mypy_cache", ".ruff_cache", "benchmarks"}
)
FORBIDDEN_SUFFIXES = (".pyc", ".pyo")


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


# -- tools ---------------------------------------------------------------------------


def missing_tools() -> list[str]:
    missing = []
    if sys.version_info < (3, 11):  # noqa: UP036 (build.py may be run by any python)
        missing.append(f"Python 3.11 or newer (this is {sys.version.split()[0]})")
    for module, package in (("PyInstaller", "pyinstaller"), ("PIL", "Pillow")):
        if importlib.util.find_spec(module) is None:
            missing.append(package)
    if importlib.util.find_spec("moderator_app") is None:
        missing.append("the app itself (moderator-desk)")
    return missing


# -- the bundle ----------------------------------------------------------------------


def bundle_root() -> Path:
    return DIST / MAC_APP_NAME if sys.platform == "darwin" else DIST / EXE_NAME


def bundle_executable(root: Path) -> Path:
    if sys.platform == "darwin":
        return root / "Contents" / "MacOS" / EXE_NAME
    return root / (f"{EXE_NAME}.exe" if sys.platform == "win32" else EXE_NAME)


def files_below(root: Path) -> Iterator[Path]:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            yield Path(folder) / name


def folder_size(root: Path) -> int:
    return sum(path.stat().st_size for path in files_below(root) if not path.is_symlink())


def human(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def largest_parts(root: Path, count: int = 6) -> list[tuple[str, int]]:
    """Sizes of the biggest top-level parts (below _internal/ too), to see what to trim."""
    tops: dict[str, int] = {}
    for path in files_below(root):
        relative = path.relative_to(root).parts
        if relative[0] in ("_internal", "Contents"):
            key = "/".join(relative[:2]) if len(relative) > 2 else f"{relative[0]}/ (its own files)"
        else:
            key = relative[0]
        if not path.is_symlink():
            tops[key] = tops.get(key, 0) + path.stat().st_size
    return sorted(tops.items(), key=lambda item: -item[1])[:count]


def _archive_members(path: Path) -> Iterator[tuple[str, bytes]]:
    """The Python code PyInstaller packed into the executable, entry by entry."""
    try:
        from PyInstaller.archive.readers import CArchiveReader, NotAnArchiveError
    except ImportError:
        return
    try:
        archive = CArchiveReader(str(path))
    except Exception:  # not a PyInstaller executable
        return
    for name, entry in archive.toc.items():
        typecode = entry[-1]
        if typecode == "z":
            try:
                pyz = archive.open_embedded_archive(name)
            except NotAnArchiveError:
                continue
            for module in pyz.toc:
                data = pyz.extract(module, raw=True)
                if data:
                    yield f"{path.name}:{name}:{module}", data
        elif typecode in ("s", "m", "M", "o"):
            yield f"{path.name}:{name}", archive.extract(name)


def scan_bundle(root: Path, machine_paths: Iterable[str]) -> list[str]:
    """Everything in the bundle that should not be there, as readable lines; [] is clean.

    Looks for test folders, caches and bytecode files by name, and for this machine's
    paths (the source tree, the virtualenv) inside every file and inside the Python
    code packed into the executable.
    """
    needles = sorted({p.encode() for p in machine_paths if p}, key=len, reverse=True)
    problems = []
    for path in sorted(files_below(root)):
        relative = path.relative_to(root)
        bad_dirs = FORBIDDEN_DIRS.intersection(relative.parts[:-1])
        if bad_dirs:
            problems.append(f"{relative}: inside {'/'.join(sorted(bad_dirs))}/")
        elif path.name.startswith("test_") and path.suffix == ".py" or path.name == "conftest.py":
            problems.append(f"{relative}: a test file")
        elif path.suffix in FORBIDDEN_SUFFIXES:
            problems.append(f"{relative}: a bytecode cache file")
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        problems.extend(
            f"{relative}: contains {needle.decode()}" for needle in needles if needle in data
        )
        for member, code in _archive_members(path) if data[:4] != b"PK\x03\x04" else ():
            problems.extend(
                f"{member}: contains {needle.decode()}" for needle in needles if needle in code
            )
    return problems


def machine_paths() -> list[str]:
    """The build machine's own places that must not leak into the bundle."""
    found = [str(REPO)]
    if not Path(sys.prefix).resolve().is_relative_to(REPO):
        found.append(str(Path(sys.prefix).resolve()))
    return found


# -- the self-test -------------------------------------------------------------------


def run_self_test(executable: Path, lang: str) -> tuple[bool, str]:
    """The bundle's --self-test in a fresh data folder, run from outside the source tree."""
    with tempfile.TemporaryDirectory(prefix="md-selftest-") as tmp:
        data = Path(tmp) / "data"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MODERATOR_"))}
        env.pop("QT_PLUGIN_PATH", None)
        env.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
        started = time.monotonic()
        try:
            result = subprocess.run(
                [str(executable), "--self-test", "--lang", lang, "--data-dir", str(data)],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                timeout=SELF_TEST_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return False, f"no answer within {SELF_TEST_TIMEOUT} s"
        took = time.monotonic() - started
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            return False, f"exit {result.returncode}: {output}"
        problem = translation_problem(data, lang)
        if problem:
            return False, problem
        return True, f"{output} ({took:.1f} s)"


def translation_problem(data: Path, lang: str) -> str | None:
    """For a translated run: was the shipped .qm used (no compile, no fallback to English)?"""
    if lang == "en":
        return None
    log_file = data / "logs" / "moderator-desk.log"
    log_text = log_file.read_text("utf-8", errors="replace") if log_file.is_file() else ""
    for symptom in ("no translation for", "lrelease not found", "lrelease failed"):
        if symptom in log_text:
            line = next(line for line in log_text.splitlines() if symptom in line)
            return f"the {lang} translation did not load from the bundle: {line.strip()}"
    compiled = list((data / "cache" / "translations").glob("*.qm"))
    if compiled:
        return f"the bundle compiled {compiled[0].name} instead of using the shipped one"
    return None


# -- the steps -----------------------------------------------------------------------


def build(clean: bool) -> int:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        "--log-level",
        "WARN",
    ]
    if clean:
        command.append("--clean")
    say("running PyInstaller (a few minutes)")
    return subprocess.run(command, cwd=REPO, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-clean", action="store_true", help="reuse PyInstaller's cache")
    parser.add_argument("--skip-build", action="store_true", help="only check the last build")
    args = parser.parse_args(argv)

    missing = missing_tools()
    if missing:
        say(f"missing: {', '.join(missing)}")
        say("install the build tools with:  pip install -e '.[packaging]'")
        return 2

    sys.path.insert(0, str(HERE))
    import prepare

    try:
        inputs = prepare.prepare()
    except prepare.PrepareError as exc:
        say(f"cannot prepare the bundle inputs: {exc}")
        return 2
    for path in [*inputs.qm_files, inputs.ico, inputs.icns]:
        say(f"prepared {path.relative_to(REPO)}")

    if not args.skip_build and build(clean=not args.no_clean) != 0:
        say("PyInstaller failed (its messages are above)")
        return 1

    root = bundle_root()
    executable = bundle_executable(root)
    if not executable.is_file():
        say(f"no executable at {executable}")
        return 1
    say(f"output: {root}")
    say(f"size: {human(folder_size(root))} in {sum(1 for _ in files_below(root))} files")
    for part, size in largest_parts(root):
        say(f"  {human(size):>10}  {part}")

    say("scanning for test files, caches and this machine's paths")
    before = set(files_below(root))
    problems = scan_bundle(root, machine_paths())
    for problem in problems[:50]:
        say(f"  found {problem}")
    if problems:
        say(f"the bundle is not clean: {len(problems)} problem(s)")
        return 1
    say("  clean: no tests/, __pycache__, .pyc files or paths of this machine")

    failed = False
    for lang in ("en", "nl"):
        ok, message = run_self_test(executable, lang)
        say(f"self-test ({lang}): {'passed' if ok else 'FAILED'}: {message}")
        failed = failed or not ok
    written = sorted(str(p.relative_to(root)) for p in set(files_below(root)) - before)
    if written:
        say(f"the self-test wrote into the bundle: {', '.join(written[:10])}")
        failed = True
    if failed:
        return 1
    say(f"done: {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
