import json
from pathlib import Path

import jsonschema

from scenario import io

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "scenario" / "scenario.schema.json"


def test_committed_schema_matches_the_model():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == io.json_schema(), (
        "scenario/scenario.schema.json is outdated: run "
        "'meldtrainer scenario schema --uit scenario/scenario.schema.json'"
    )


def test_canonical_scenarios_validate_against_the_schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for case_id in io.canonical_ids():
        jsonschema.validate(io.to_dict(io.load(case_id)), schema)


def test_malformed_scenario_gets_a_dutch_message_naming_the_field():
    data = io.to_dict(io.load("HG-01"))
    data["persons"][0]["sex"] = "X"
    del data["incident"]
    try:
        io.from_data(data, "test.json")
    except io.ScenarioError as exc:
        text = str(exc)
    else:
        raise AssertionError("invalid scenario was accepted")
    assert "persons.0.sex" in text and "onbekende waarde" in text
    assert "incident: dit veld ontbreekt" in text
