"""Compile the grader with mypyc into build/grader/ (see grading/compiled.py).

    .venv/bin/python scripts/compile_grader.py              # build unless fresh; fail loudly
    .venv/bin/python scripts/compile_grader.py --optioneel  # a failed build only warns
    .venv/bin/python scripts/compile_grader.py --opnieuw    # build even when fresh

The packages of grading.compiled.TYPED_BY are copied to a temporary directory and the modules
of grading.compiled.MODULES compiled there (the others give them their types), so the source
tree never holds compiled modules. The build goes to a new directory named after the sources'
fingerprint, renamed into place when complete; the newest KEEP builds are kept. Takes about
half a minute; needs mypy (a dev dependency), a C compiler and Python's headers (Debian: gcc,
python3-dev).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["MELDTRAINER_GRADER"] = "python"  # this script never needs the compiled modules

from grading import compiled  # noqa: E402
from progress.errors import os_reason  # noqa: E402  (the system's reason, in Dutch)

# The packages whose versions a build depends on besides the sources: mypyc itself and the
# libraries whose type information the compiled code was checked against. A build made with
# other versions is rebuilt by this script (import grading looks at the sources only).
VERSIONED = ("mypy", "rapidfuzz", "simplemma", "PyYAML", "types-PyYAML")
VERSIONS_NAME = "versies.txt"
KEEP = 3  # builds kept: a running process may still load modules from an older one


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def of(dist: str) -> str:
        try:
            return version(dist)
        except PackageNotFoundError:
            return "-"

    return "".join(f"{dist} {of(dist)}\n" for dist in VERSIONED)


def up_to_date() -> Path | None:
    """The newest build of this tree made with these versions, or None."""
    build = compiled.fresh_build()  # the build import grading would take
    try:
        if build is not None and (build / VERSIONS_NAME).read_text(encoding="utf-8") == versions():
            return build
    except OSError:
        pass
    return None


def build(target: Path) -> str:
    """Compile into the empty directory `target` (grading/, lib/ and the versions); returns
    the fingerprint of the sources compiled."""
    mypyc = Path(sys.executable).with_name("mypyc")
    if not mypyc.exists():
        raise RuntimeError(f"mypyc niet gevonden ({mypyc}). Installeer de ontwikkelpakketten: "
                           f"{sys.executable} -m pip install -e '.[dev]'")
    with tempfile.TemporaryDirectory(prefix="meldtrainer-compile-") as tmp:
        work = Path(tmp)
        for package in compiled.TYPED_BY:
            shutil.copytree(ROOT / package, work / package,
                            ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        sources = [f"grading/{name}.py" for name in compiled.MODULES]
        run = subprocess.run([str(mypyc), "--ignore-missing-imports", *sources], cwd=work,
                             capture_output=True, text=True, check=False)
        if run.returncode != 0:
            tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-20:])
            raise RuntimeError(f"mypyc gaf een fout:\n{tail}\nInstalleer een C-compiler en de "
                               f"Python-headers (Debian: gcc python3-dev), of bouw met "
                               f"--optioneel.")
        (target / "grading").mkdir()
        (target / "lib").mkdir()
        for name in compiled.MODULES:
            found = list((work / "grading").glob(f"{name}.*.so"))
            if len(found) != 1:
                raise RuntimeError(f"mypyc maakte {len(found)} modules voor {name} in plaats van "
                                   f"één; compileer opnieuw met --opnieuw.")
            shutil.move(found[0], target / "grading" / found[0].name)
        for shared in work.glob(f"*{compiled.RUNTIME_SUFFIX}.*.so"):  # the shared runtime library
            shutil.move(shared, target / "lib" / shared.name)
        (target / VERSIONS_NAME).write_text(versions(), encoding="utf-8")
        # The fingerprint of the copies that were compiled: a source edited during the build
        # gives the build a name no later import looks for.
        return compiled.fingerprint(work)


def prune(keep: list[Path]) -> None:
    """Remove what build/grader/ holds besides the `keep` builds and the lock: older builds,
    left-over staging directories of builds that were killed, an older layout."""
    for entry in compiled.BUILD_DIR.iterdir():
        if entry.name != ".lock" and entry not in keep:
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def newest(count: int) -> list[Path]:
    complete = [p for p in compiled.BUILD_DIR.iterdir()
                if p.is_dir() and not p.name.startswith(".") and (p / VERSIONS_NAME).exists()]
    return sorted(complete, key=lambda p: p.stat().st_mtime)[-count:]


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Compileer de beoordelaar (grading) met mypyc naar build/grader/: ongeveer "
                    "30% sneller, met dezelfde uitkomsten. Zonder deze build werkt de "
                    "beoordelaar ook, vanuit de broncode.")
    parser.add_argument("--optioneel", action="store_true",
                        help="een mislukte build is geen fout: de beoordelaar draait dan "
                             "vanuit de broncode")
    parser.add_argument("--opnieuw", action="store_true",
                        help="ook bouwen als de build al bij de broncode past")
    args = parser.parse_args()
    try:
        return _compile(args)
    except OSError as error:  # build/ cannot be written, the lock cannot be taken
        print(f"Compileren van de beoordelaar is mislukt: {os_reason(error)} "
              f"({getattr(error, 'filename', None) or compiled.BUILD_DIR}). Controleer of u in "
              f"{compiled.BUILD_DIR} mag schrijven.", file=sys.stderr)
        return 0 if args.optioneel else 1


def _compile(args: argparse.Namespace) -> int:
    compiled.BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with (compiled.BUILD_DIR / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time; the next finds it done
        current = up_to_date()
        if current is not None and not args.opnieuw:
            prune([*newest(KEEP), current])
            print(f"Gecompileerde beoordelaar is actueel ({current.relative_to(ROOT)}).")
            return 0
        staging = Path(tempfile.mkdtemp(prefix=".bouw-", dir=compiled.BUILD_DIR))
        try:
            built = build(staging)
        except (RuntimeError, OSError) as error:
            shutil.rmtree(staging, ignore_errors=True)
            why = error if isinstance(error, RuntimeError) else os_reason(error)
            print(f"Compileren van de beoordelaar is mislukt: {why}", file=sys.stderr)
            if args.optioneel:
                print("De beoordelaar draait vanuit de broncode (trager, dezelfde uitkomsten).",
                      file=sys.stderr)
                return 0
            return 1
        final = compiled.BUILD_DIR / f"{built}-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        staging.chmod(0o755)  # mkdtemp makes it private; other users' processes read it too
        staging.rename(final)  # complete, and visible to import grading, in one step
        prune(newest(KEEP))
    if built != compiled.fingerprint():
        print("De broncode is tijdens het compileren gewijzigd; compileer opnieuw "
              "(make grader).", file=sys.stderr)
        return 0 if args.optioneel else 1
    print(f"Gecompileerde beoordelaar gebouwd in {final.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
