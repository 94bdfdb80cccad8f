"""Login rate limits: per account and per client address, shared through the database."""

from datetime import timedelta

from sqlmodel import func, select

from pitchlab.auth.ratelimit import FAILURE_WINDOW, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL
from pitchlab.auth.users import authenticate
from pitchlab.models import LoginAttempt, utcnow

from .conftest import ADMIN, ANALYST, DEMO_PASSWORD, PARTNER, log_in

LIMITED = "Too many failed logins"
CLIENT_ADDRESS = "testclient"  # what TestClient reports as the client's host


def _add_failures(session, count, *, email, address, age=timedelta(0)):
    for _ in range(count):
        session.add(
            LoginAttempt(email=email, address=address, succeeded=False, created_at=utcnow() - age)
        )
    session.commit()


def test_account_is_locked_after_repeated_failures_even_with_the_right_password(client, session):
    for _ in range(MAX_FAILURES_PER_EMAIL):
        assert log_in(client, ANALYST, "not-the-password").status_code == 422
    response = log_in(client, ANALYST, DEMO_PASSWORD)
    assert response.status_code == 429
    assert LIMITED in response.text and response.headers["retry-after"] == "900"
    assert "pitchlab_session" not in response.headers.get("set-cookie", "")
    failures = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.email == ANALYST)
    assert session.exec(failures).one() == MAX_FAILURES_PER_EMAIL  # the refused try is not stored


def test_account_lock_holds_from_every_address_and_spares_other_accounts(client, session):
    _add_failures(session, MAX_FAILURES_PER_EMAIL, email=ANALYST, address="203.0.113.7")
    assert log_in(client, ANALYST).status_code == 429
    # Other accounts from this address are not affected by one account's lock.
    assert log_in(client, PARTNER).status_code == 303


def test_address_limit_covers_every_account_tried_from_it(client, session):
    for number in range(MAX_FAILURES_PER_ADDRESS):
        _add_failures(session, 1, email=f"guess{number}@pitchlab.example", address=CLIENT_ADDRESS)
    response = log_in(client, ADMIN)
    assert response.status_code == 429 and LIMITED in response.text
    # The same account from another address logs in: the limit is the address's.
    user = authenticate(session, email=ADMIN, password=DEMO_PASSWORD, address="198.51.100.4")
    assert user is not None and user.email == ADMIN


def test_failures_older_than_the_window_do_not_count(client, session):
    _add_failures(
        session,
        MAX_FAILURES_PER_ADDRESS,
        email=ANALYST,
        address=CLIENT_ADDRESS,
        age=FAILURE_WINDOW + timedelta(minutes=1),
    )
    assert log_in(client, ANALYST).status_code == 303


def test_a_successful_login_clears_the_accounts_count(session):
    _add_failures(
        session,
        MAX_FAILURES_PER_EMAIL - 1,
        email=ANALYST,
        address="192.0.2.1",
        age=timedelta(minutes=2),
    )
    assert authenticate(session, email=ANALYST, password=DEMO_PASSWORD, address="192.0.2.1")
    _add_failures(session, MAX_FAILURES_PER_EMAIL - 1, email=ANALYST, address="192.0.2.1")
    assert authenticate(session, email=ANALYST, password=DEMO_PASSWORD, address="192.0.2.1")


def test_emails_are_limited_whatever_their_case(client, session):
    _add_failures(session, MAX_FAILURES_PER_EMAIL, email=ANALYST, address="203.0.113.9")
    assert log_in(client, "  Analyst@PitchLab.example ").status_code == 429
