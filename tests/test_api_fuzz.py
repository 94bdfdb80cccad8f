"""Property-based fuzzing of the JSON API from its own OpenAPI schema (issue 7).

schemathesis generates valid and invalid requests for every operation in /openapi.json, sends
them in-process to the app with an admin's bearer token, and fails on any 5xx. Cases per
operation come from PITCHLAB_FUZZ_EXAMPLES: small in the normal suite, large for a soak:

    PITCHLAB_FUZZ_EXAMPLES=150 .venv/bin/python -m pytest -q tests/test_api_fuzz.py -s

Each operation is its own test on its own database. (schemathesis.pytest.from_fixture would
do the looping, but its subtest reporting breaks on pytest 9, so the loop is written here.)
"""

import os
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from sqlmodel import select

from pitchlab.app import create_app
from pitchlab.config import Settings
from pitchlab.meetings.agenda import agenda
from pitchlab.models import PrfaqDraft

from .conftest import TEST_SECRET, save_test_meeting

FUZZ_EXAMPLES = int(os.environ.get("PITCHLAB_FUZZ_EXAMPLES", "15"))
# The normal suite sends the same cases every run; a soak (the variable set) explores new ones.
SOAK = "PITCHLAB_FUZZ_EXAMPLES" in os.environ
cases_sent: dict[str, int] = {}


def _operations() -> list[tuple[str, str]]:
    # The schema is built from the routes alone; this app never opens its database.
    unused = f"sqlite:///{Path(tempfile.gettempdir()) / 'pitchlab-fuzz-unused.db'}"
    spec = create_app(
        Settings(database_url=unused, environment="test", secret_key=TEST_SECRET)
    ).openapi()
    return [(method.upper(), path) for path, methods in spec["paths"].items() for method in methods]


def _known_ids(session, company_id: int) -> dict[str, object]:
    """Path parameters that exist, so cases reach past the 404 of a random id."""
    draft_id = session.exec(
        select(PrfaqDraft.id).where(PrfaqDraft.company_id == company_id)
    ).first()
    meeting = _meeting(session, company_id)
    return {
        "company_id": company_id,
        "draft_id": draft_id,
        "key": "problem-space",
        "meeting_id": meeting.id,
        "item_id": agenda(session, meeting.id)[0].id,
    }


def _meeting(session, company_id: int):
    """An open IC meeting with the company on its agenda, the admin chairing (issue 14)."""
    return save_test_meeting(
        session, chair_email="admin@pitchlab.example", company_ids=[company_id]
    )


@pytest.mark.parametrize(("method", "path"), _operations())
def test_api_never_answers_with_a_server_error(
    method, path, app, client, session, company_id, api_token
):
    headers = api_token("admin")
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]
    known = {
        name: value
        for name, value in _known_ids(session, company_id).items()
        if f"{{{name}}}" in path
    }
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
        operation.as_strategy(GenerationMode.POSITIVE, path_parameters=known),
    )

    @given(case=cases)
    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        derandomize=not SOAK,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def no_server_error(case):
        response = case.call(headers=headers)
        cases_sent[operation.label] = cases_sent.get(operation.label, 0) + 1
        case.validate_response(response, checks=[not_a_server_error], headers=headers)

    no_server_error()


def teardown_module(_module) -> None:
    # Shown with -s: how many requests the fuzzer sent, per operation and in all.
    for label, count in sorted(cases_sent.items()):
        print(f"fuzz {label}: {count} cases")
    print(f"fuzz total: {sum(cases_sent.values())} cases")
