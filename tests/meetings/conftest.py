"""Shared fixtures for the IC meeting tests (issue 14): a meeting chaired by the demo partner
with every demo user attending and three demo companies on the agenda."""

import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.meetings.agenda import agenda
from pitchlab.models import AgendaItem, Company, Conflict, Meeting

from ..conftest import DEMO_EMAILS, save_test_meeting

AGENDA = ["Clausemint", "Pixelorchard", "Burrowline Vision"]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def people(session):
    session.rollback()
    return {who: find_user(session, email) for who, email in DEMO_EMAILS.items()}


@pytest.fixture
def companies(session) -> dict[str, Company]:
    session.rollback()
    found = session.exec(select(Company).where(Company.name.in_(AGENDA))).all()
    return {company.name: company for company in found}


@pytest.fixture
def meeting(session, people, companies) -> Meeting:
    """An open meeting: the partner chairs; all four demo users attend."""
    return save_test_meeting(
        session,
        chair_email=DEMO_EMAILS["partner"],
        company_ids=[companies[name].id for name in AGENDA],
        attendee_emails=DEMO_EMAILS.values(),
    )


@pytest.fixture
def items(session, meeting) -> dict[str, AgendaItem]:
    """The meeting's agenda items by company name."""
    session.rollback()
    names = {c.id: c.name for c in session.exec(select(Company))}
    return {names[item.company_id]: item for item in agenda(session, meeting.id)}


@pytest.fixture
def conflict(session, people, companies):
    """partner2 declares a conflict with Clausemint."""
    session.add(
        Conflict(
            company_id=companies["Clausemint"].id, user_id=people["partner2"].id, reason="Angel"
        )
    )
    session.commit()
