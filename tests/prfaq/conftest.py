"""PR/FAQ test helpers: seeded drafts by title, a draft's current form, extra accounts."""

import pytest
from sqlmodel import Session, select

from pitchlab.auth.users import create_user
from pitchlab.models import Company, Conflict, PrfaqDraft, PrfaqRevision
from pitchlab.prfaq.store import Content, latest_revision

from ..conftest import DEMO_EMAILS

GOOD_EN = "Clausemint launch PR/FAQ"
WEAK_EN = "Blurbcraft PR (first try)"
GOOD_ZH = "栖语智能客服助手发布稿"
VIEWER_EMAIL = "viewer@pitchlab.example"
VIEWER_PASSWORD = "viewer-password-1"
OTHER_ANALYST_EMAIL = "analyst2@pitchlab.example"
OTHER_ANALYST_PASSWORD = "analyst2-password-1"
HTMX = {"HX-Request": "true"}


def draft_by_title(session: Session, title: str) -> PrfaqDraft:
    session.rollback()  # end the read snapshot, so the app's commits are seen
    return session.exec(select(PrfaqDraft).where(PrfaqDraft.title == title)).one()


def revisions(session: Session, draft_id: int) -> list[PrfaqRevision]:
    session.rollback()  # end the read snapshot, so the app's commits are seen
    return list(
        session.exec(
            select(PrfaqRevision)
            .where(PrfaqRevision.draft_id == draft_id)
            .order_by(PrfaqRevision.number)
        )
    )


def current_content(session: Session, draft_id: int) -> Content:
    session.rollback()  # end the read snapshot, so the app's commits are seen
    return Content.of(latest_revision(session, session.get(PrfaqDraft, draft_id)))


def draft_form(session: Session, draft_id: int, **changes: str) -> dict:
    """The editor form as the page renders it now, with `changes` (section key -> text)."""
    session.rollback()  # end the read snapshot, so the app's commits are seen
    draft = session.get(PrfaqDraft, draft_id)
    content = Content.of(latest_revision(session, draft))
    form: dict = {f"section-{key}": text for key, text in content.sections.items()}
    form.update({f"section-{key.replace('_', '-')}": text for key, text in changes.items()})
    for part, rows in content.faqs.items():
        form[f"faq-{part}-present"] = "1"
        form[f"faq-{part}-question"] = [row["question"] for row in rows]
        form[f"faq-{part}-answer"] = [row["answer"] for row in rows]
    form["base_revision"] = str(draft.current_revision)
    return form


@pytest.fixture
def viewer_client(session, make_client):
    create_user(
        session,
        email=VIEWER_EMAIL,
        display_name="Vera Viewer",
        role="viewer",
        password=VIEWER_PASSWORD,
    )
    client = make_client()
    client.post("/login", data={"email": VIEWER_EMAIL, "password": VIEWER_PASSWORD, "next": "/"})
    return client


@pytest.fixture
def conflicted_analyst(session):
    """The demo analyst, with a declared conflict on Clausemint."""
    from pitchlab.auth.users import find_user

    analyst = find_user(session, DEMO_EMAILS["analyst"])
    company = session.exec(select(Company).where(Company.name == "Clausemint")).one()
    session.add(Conflict(company_id=company.id, user_id=analyst.id, reason="Advisor"))
    session.commit()
    return analyst


@pytest.fixture
def other_analyst(session):
    """An analyst who wrote none of the demo drafts (the demo analyst wrote them all)."""
    return create_user(
        session,
        email=OTHER_ANALYST_EMAIL,
        display_name="Otto Other",
        role="analyst",
        password=OTHER_ANALYST_PASSWORD,
    )
