"""The grader's optional compiled build: the same source modules compiled with mypyc.

`scripts/compile_grader.py` (run by `make start` and `make test`) compiles MODULES into a new
directory under build/grader/, named after the fingerprint of the sources it was built from and
the Python it was built for, and made visible in one step (a rename) when complete. At
`import grading`, `activate` looks for a build named after this tree's fingerprint now: an
edited source, a switched branch or another Python finds none and gets the source modules,
never a stale build. A found build's runtime library is loaded at once, by its path, and its
modules go ahead of the sources on the package's search path; they load on first use, from a
directory no later build replaces (a rebuild makes a new one; the script removes only older
ones). The check is made once per process: a process keeps the build it chose, as it keeps
modules it has loaded, when sources change while it runs.

MELDTRAINER_GRADER=python always uses the source modules; =compiled is the default, named (the
test suite then checks that the build is the one in use). The build is about 30% faster and
gives the same results (docs/benchmarks.md); without it the grader is complete, only slower.

This module and grading/__init__.py are never compiled: they decide which build is imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

# The modules compiled: grading's hot path. grading.result is left out: results are read back
# from stored JSON (from_dict) and changed by callers, where a compiled class's strict field
# types would make it differ from the source.
MODULES = ("normalize", "match", "facts", "decisions", "report", "sections", "leaks",
           "pipeline")
# The packages the compiled modules were type-checked against, grading itself included.
TYPED_BY = ("grading", "policy", "scenario")
PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
BUILD_DIR = ROOT / "build" / "grader"
ENV = "MELDTRAINER_GRADER"
CHOICES = ("python", "compiled", "")


def fingerprint(root: Path = ROOT) -> str:
    """What a build is valid for: the sources of TYPED_BY under `root` (the compiled modules
    and the modules whose types they were compiled against: a changed field type there would
    make compiled code raise where the source runs), and this Python's version and
    extension-module ABI. 20 hex digits: a build's directory is named after it."""
    import hashlib  # here, not at the top: `import grading` stays light without a build
    import sysconfig

    digest = hashlib.sha256()
    digest.update(f"{sys.version}\n{sysconfig.get_config_var('EXT_SUFFIX')}\n".encode())
    for package in TYPED_BY:
        for source in sorted((root / package).glob("*.py")):
            digest.update(f"{package}/{source.name}\n".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def builds(fp: str, build_root: Path = BUILD_DIR) -> list[Path]:
    """The complete builds for fingerprint `fp`, oldest first (named '<fp>-<time>-<pid>')."""
    return [build_root / name for name in _entries(build_root) if name.startswith(f"{fp}-")]


def _entries(build_root: Path) -> list[str]:
    try:
        return sorted(os.listdir(build_root))
    except OSError:
        return []


def fresh_build(build_root: Path = BUILD_DIR, root: Path = ROOT) -> Path | None:
    """The newest build of exactly the sources under `root`, for this Python, or None. The
    sources are fingerprinted only when some build is there (most installs have none)."""
    if not any(not name.startswith(".") for name in _entries(build_root)):
        return None
    try:
        found = builds(fingerprint(root), build_root)
    except OSError:
        return None
    return found[-1] if found else None


def activate(package_path: list[str], build_root: Path = BUILD_DIR) -> bool:
    """Put a fresh build's modules ahead of the sources on the package's search path
    (`grading.__path__`), after loading its runtime library by path; True if it did. Anything
    amiss (no fresh build, a library that will not load) leaves the sources in place."""
    choice = os.environ.get(ENV, "")
    if choice not in CHOICES:
        import warnings

        warnings.warn(f"{ENV}={choice!r} wordt niet herkend; kies 'python' (broncode) of "
                      f"'compiled' (gecompileerd, de standaard). Nu: de standaard.",
                      stacklevel=2)
    if choice == "python":
        return False
    build = fresh_build(build_root)
    if build is None or not _load_runtime(build / "lib"):
        return False
    package_path.insert(0, str(build / "grading"))
    return True


# The name of a build's shared runtime library ends so (each compiled module imports it).
RUNTIME_SUFFIX: Final = "__mypyc"


def _load_runtime(lib: Path) -> bool:
    """Load the build's shared runtime library (each compiled module imports it by name) from
    its path, so no other module of that name on sys.path can stand in for it."""
    import importlib.util
    import sysconfig

    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    try:
        names = [n for n in os.listdir(lib) if n.endswith(RUNTIME_SUFFIX + suffix)]
        if len(names) != 1:
            return False
        name = names[0][: -len(suffix)]
        if name not in sys.modules:
            spec = importlib.util.spec_from_file_location(name, lib / names[0])
            if spec is None or spec.loader is None:
                return False
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[name] = module
    except (ImportError, OSError):
        return False
    return True
