"""API bearer tokens: shown once, stored hashed, revocable."""

import hashlib

from sqlmodel import select

from pitchlab.auth.tokens import create_token, revoke_token
from pitchlab.auth.users import find_user
from pitchlab.models import ApiToken

from .conftest import ANALYST, PARTNER, log_in


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_bearer_token_authenticates_api_reads_and_writes(client, session, probes):
    raw = create_token(session, user=find_user(session, ANALYST), name="notebook")
    assert client.get("/api/v1/probe/me", headers=_bearer(raw)).json()["email"] == ANALYST
    assert client.post("/api/v1/probe/me", headers=_bearer(raw)).status_code == 200


def test_only_the_tokens_hash_is_stored(session):
    raw = create_token(session, user=find_user(session, ANALYST), name="ci")
    stored = session.exec(select(ApiToken).where(ApiToken.name == "ci")).one()
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in stored.token_hash


def test_revoked_token_gets_401(client, session, probes):
    raw = create_token(session, user=find_user(session, ANALYST), name="old")
    token_id = session.exec(select(ApiToken.id).where(ApiToken.name == "old")).one()
    assert revoke_token(session, token_id)
    assert client.get("/api/v1/probe/me", headers=_bearer(raw)).status_code == 401
    assert not revoke_token(session, token_id)


def test_unknown_token_is_not_rescued_by_a_session_cookie(client, probes):
    log_in(client, PARTNER)
    response = client.get("/api/v1/probe/me", headers=_bearer("pl_not-a-real-token"))
    assert response.status_code == 401


def test_token_of_a_deactivated_user_gets_401(client, session, probes):
    user = find_user(session, ANALYST)
    raw = create_token(session, user=user, name="leaver")
    user.is_active = False
    session.add(user)
    session.commit()
    assert client.get("/api/v1/probe/me", headers=_bearer(raw)).status_code == 401
