import pytest
from sqlmodel import select

from pitchlab.models import Company


@pytest.fixture
def blank_company_id(session) -> int:
    """A demo company with no demo worksheets (seeds/worksheets/demo.yaml leaves it out)."""
    return session.exec(select(Company.id).where(Company.name == "Tablevoice")).one()
