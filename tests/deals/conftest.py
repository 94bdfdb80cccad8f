"""Shared helpers for the deal-workflow tests (issue 13)."""

import pytest
from bs4 import BeautifulSoup
from sqlmodel import select

from pitchlab.auth.users import find_user
from pitchlab.models import Company

EMAILS = {
    "admin": "admin@pitchlab.example",
    "partner": "partner@pitchlab.example",
    "partner2": "partner2@pitchlab.example",
    "analyst": "analyst@pitchlab.example",
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def user_id(session):
    def factory(who: str) -> int:
        session.rollback()
        return find_user(session, EMAILS[who]).id

    return factory


@pytest.fixture
def company_named(session):
    def factory(name: str) -> Company:
        session.rollback()
        return session.exec(select(Company).where(Company.name == name)).one()

    return factory
