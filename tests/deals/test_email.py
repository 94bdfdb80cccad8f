"""Mention emails (issue 13): off by default, sent through the SMTP server when configured."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from pitchlab.app import create_app
from pitchlab.config import Settings

from ..conftest import echo_csrf
from .conftest import EMAILS


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_no_email_is_sent_by_default(settings, inbox, make_client, company_named):
    assert settings.smtp_host == ""  # email is off unless PITCHLAB_SMTP_HOST is set
    company = company_named("Clausemint")
    make_client("partner").post(f"/companies/{company.id}/comments", data={"body": "@Priya hi"})
    assert inbox[1].messages == []
    count = make_client("analyst").get("/notifications/count").text
    assert 'data-unread="1"' in count  # the in-app notification still arrives


def test_a_mention_is_emailed_through_the_configured_server(
    settings, inbox, make_client, company_named
):
    from fastapi.testclient import TestClient

    from ..conftest import log_in

    controller, handler = inbox
    mailing = Settings(
        **{**settings.model_dump(), "smtp_host": "127.0.0.1", "smtp_port": controller.port}
    )
    with TestClient(create_app(mailing)) as client:
        client.get("/healthz")
        echo_csrf(client)
        log_in(client, EMAILS["partner"])
        company = company_named("Clausemint")
        response = client.post(
            f"/companies/{company.id}/comments", data={"body": "@Priya see the churn table"}
        )
        assert response.status_code == 200
    assert len(handler.messages) == 1
    message = handler.messages[0]
    assert message["To"] == EMAILS["analyst"]
    assert "Tobias Okafor mentioned you on Clausemint" in message["Subject"]
    assert "see the churn table" in message.get_payload(decode=True).decode()
