"""Reading, writing and validating scenarios: the edge between files and the model.

Scenario sets are JSON Lines (one scenario per line); canonical cases are YAML files under
`scenarios/canonical/`. Any command that takes a scenario accepts a canonical id (`HG-01`), a
file (`.json`, `.yaml`) or `set.jsonl#ID` for one scenario out of a set.

pydantic is imported lazily: the CLI's `--help` must stay fast.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenario.model import Scenario

if TYPE_CHECKING:
    from pydantic import TypeAdapter

REPO_ROOT = Path(__file__).resolve().parents[1]
CANONICAL_ID = re.compile(r"^HG-\d{2}$", re.IGNORECASE)


class ScenarioError(Exception):
    """A scenario file or reference that cannot be used. The message is Dutch, for the user."""


def scenarios_dir() -> Path:
    """Where the project's scenario sets live (overridable for installed copies)."""
    return Path(os.environ.get("MELDTRAINER_SCENARIOS", REPO_ROOT / "scenarios"))


@cache
def _adapter() -> TypeAdapter[Scenario]:
    from pydantic import TypeAdapter

    return TypeAdapter(Scenario)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario, as committed in scenario/scenario.schema.json."""
    schema = _adapter().json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Meldtrainer-scenario"
    return schema


def to_json(scenario: Scenario) -> str:
    """One scenario as a compact, deterministic JSON line (no trailing newline)."""
    return _adapter().dump_json(scenario).decode("utf-8")


def to_dict(scenario: Scenario) -> dict[str, Any]:
    return _adapter().dump_python(scenario, mode="json")


@cache
def _adapter_for(kind: type) -> TypeAdapter:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def plain(obj: Any) -> Any:
    """Any dataclass (a ground truth, say) as plain JSON-compatible data."""
    return _adapter_for(type(obj)).dump_python(obj, mode="json")


def from_data(data: Any, where: str) -> Scenario:
    """Validate parsed JSON/YAML data as a scenario; raise ScenarioError with Dutch details."""
    from pydantic import ValidationError

    try:
        return _adapter().validate_python(data)
    except ValidationError as exc:
        raise ScenarioError(_dutch_validation_message(exc, where)) from None


def from_json(line: str, where: str) -> Scenario:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            f"{where}: geen geldige JSON ({exc.msg}, kolom {exc.colno}). "
            "Controleer of het bestand een scenarioset is die met "
            "'meldtrainer scenario generate' is gemaakt."
        ) from None
    return from_data(data, where)


def _dutch_validation_message(exc: Any, where: str) -> str:
    lines = [f"{where}: het scenario klopt niet met het scenariomodel."]
    for err in exc.errors()[:8]:
        loc = ".".join(str(p) for p in err["loc"]) or "(hoofdniveau)"
        kind = err["type"]
        if kind == "missing":
            what = "dit veld ontbreekt"
        elif kind == "literal_error":
            allowed = err.get("ctx", {}).get("expected", "")
            what = f"onbekende waarde {err.get('input')!r}; toegestaan: {allowed}"
        elif kind in ("date_from_datetime_parsing", "date_parsing", "datetime_parsing"):
            what = f"geen geldige datum/tijd: {err.get('input')!r} (gebruik JJJJ-MM-DD)"
        elif kind == "unexpected_keyword_argument":
            what = "onbekend veld; verwijder het of controleer de spelling"
        else:
            what = f"ongeldige waarde ({kind})"
        lines.append(f"  - {loc}: {what}")
    extra = exc.error_count() - 8
    if extra > 0:
        lines.append(f"  ... en nog {extra} fout(en)")
    lines.append("Pas het bestand aan en probeer het opnieuw.")
    return "\n".join(lines)


def iter_jsonl(path: Path) -> Iterator[Scenario]:
    """Stream the scenarios of a set, one line at a time (memory stays flat)."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"Kan {path} niet openen: {exc.strerror}.") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield from_json(line, f"{path}, regel {number}")


def write_jsonl(scenarios: Iterable[Scenario], path: Path) -> int:
    """Write a set atomically: a failure leaves no partial file behind."""
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as out:
            for scenario in scenarios:
                out.write(to_json(scenario))
                out.write("\n")
                count += 1
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


def canonical_path(case_id: str) -> Path:
    return scenarios_dir() / "canonical" / f"{case_id.upper()}.yaml"


def canonical_ids() -> list[str]:
    return sorted(p.stem for p in (scenarios_dir() / "canonical").glob("HG-*.yaml"))


def load_file(path: Path) -> Scenario:
    """Load one scenario from a .yaml/.yml/.json file (or the first one of a .jsonl set)."""
    if not path.exists():
        raise ScenarioError(
            f"Het bestand {path} bestaat niet. Geef een bestaand scenariobestand "
            f"of een canoniek id ({', '.join(canonical_ids()) or 'HG-01 … HG-08'})."
        )
    suffix = path.suffix.lower()
    text = path.read_text(encoding="utf-8")
    if suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ScenarioError(f"{path}: geen geldige YAML ({exc}).") from None
        return from_data(data, str(path))
    if suffix == ".jsonl":
        for scenario in iter_jsonl(path):
            return scenario
        raise ScenarioError(f"{path}: de scenarioset is leeg.")
    return from_json(text, str(path))


def load(ref: str) -> Scenario:
    """Resolve a scenario reference: canonical id, file, or SET.jsonl#ID."""
    ref = ref.strip()
    if CANONICAL_ID.match(ref):
        path = canonical_path(ref)
        if not path.exists():
            raise ScenarioError(
                f"Onbekend canoniek scenario {ref!r}. Beschikbaar: {', '.join(canonical_ids())}."
            )
        return load_file(path)
    if "#" in ref:
        file_part, _, wanted = ref.partition("#")
        path = Path(file_part)
        if not path.exists():
            raise ScenarioError(f"Het bestand {path} bestaat niet.")
        for scenario in iter_jsonl(path):
            if scenario.id == wanted:
                return scenario
        raise ScenarioError(f"Scenario {wanted!r} staat niet in {path}.")
    return load_file(Path(ref))


def load_many(ref: str) -> Iterator[Scenario]:
    """A whole set (.jsonl), a canonical id, the word 'canoniek' (all eight), or one file."""
    if ref.strip().lower() == "canoniek":
        for case_id in canonical_ids():
            yield load(case_id)
        return
    path = Path(ref)
    if path.suffix.lower() == ".jsonl" and "#" not in ref:
        if not path.exists():
            raise ScenarioError(f"Het bestand {path} bestaat niet.")
        yield from iter_jsonl(path)
        return
    yield load(ref)
