"""The grader's optional compiled build: the same source modules compiled with mypyc.

`scripts/compile_grader.py` (run by `make start` and `make test`) compiles MODULES into
build/grader/ and writes a stamp there last: the fingerprint of the sources it was built from and
of the Python it was built for. `import grading` puts the compiled modules ahead of the source
ones (`activate`) only when that stamp matches this tree now, so an edited source, a switched
branch or another Python silently gets the source modules, never a stale build. With
MELDTRAINER_GRADER=python the source modules are always used (the test suite runs the grading
tests that way too). The build is about a fifth faster and gives identical results
(docs/benchmarks.md); without it the grader is complete, only slower.

This module and grading/__init__.py are never compiled: they decide which build is imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The modules compiled, in no particular order: all of grading's hot path.
MODULES = ("normalize", "match", "facts", "decisions", "report", "sections", "leaks",
           "result", "pipeline")
# The packages the compiled modules were type-checked against, grading itself included.
TYPED_BY = ("grading", "policy", "scenario")
PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
BUILD_DIR = ROOT / "build" / "grader"
STAMP_NAME = "stamp.txt"
# Set to "python" to use the source modules even when a fresh build is there.
ENV = "MELDTRAINER_GRADER"


def fingerprint(root: Path = ROOT) -> str:
    """What a build is valid for: the sources of TYPED_BY under `root` (the compiled modules
    and the modules whose types they were compiled against: a changed field type there would
    make compiled code raise where the source runs), and this Python's version and
    extension-module ABI."""
    import hashlib  # here, not at the top: `import grading` stays light without a build
    import sysconfig

    digest = hashlib.sha256()
    digest.update(f"{sys.version}\n{sysconfig.get_config_var('EXT_SUFFIX')}\n".encode())
    for package in TYPED_BY:
        for source in sorted((root / package).glob("*.py")):
            digest.update(f"{package}/{source.name}\n".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


def is_fresh(build_dir: Path = BUILD_DIR, root: Path = ROOT) -> bool:
    """True if build_dir holds a build of exactly the sources under `root`, for this Python."""
    try:
        stamp = (build_dir / STAMP_NAME).read_text(encoding="utf-8").strip()
        return stamp == fingerprint(root)
    except (OSError, UnicodeDecodeError):
        return False


def activate(package_path: list[str], build_dir: Path = BUILD_DIR) -> bool:
    """Put a fresh build's modules ahead of the sources on the package's search path
    (`grading.__path__`); True if it did. The modules' shared runtime library (build_dir/lib)
    goes on sys.path, where the compiled modules import it from."""
    if os.environ.get(ENV) == "python" or not is_fresh(build_dir):
        return False
    package_path.insert(0, str(build_dir / "grading"))
    lib = str(build_dir / "lib")
    if lib not in sys.path:
        sys.path.append(lib)
    return True
