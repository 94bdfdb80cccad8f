"""Notification emails: optional and off by default (PITCHLAB_SMTP_HOST unset).

Sent after the change is committed, one message per person, through the fund's own SMTP server;
a failure is logged and never undoes the comment.
"""

import logging
import smtplib
from email.message import EmailMessage

log = logging.getLogger("pitchlab.email")


def email_enabled(settings) -> bool:
    return bool(getattr(settings, "smtp_host", ""))


def send_mention_emails(settings, *, comment, company, author, to) -> int:
    """Email everyone in `to` that `author` mentioned them; returns the number sent."""
    if not email_enabled(settings):
        return 0
    sent = 0
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            for person in to:
                message = EmailMessage()
                message["From"] = settings.smtp_from
                message["To"] = person.email
                message["Subject"] = (
                    f"[pitchlab] {author.display_name} mentioned you on {company.name}"
                )
                link = (
                    f"{settings.base_url.rstrip('/')}/companies/{company.id}#activity-{comment.id}"
                )
                message.set_content(f"{comment.body}\n\n{link}\n")
                smtp.send_message(message)
                sent += 1
    except (OSError, smtplib.SMTPException):
        log.exception("sending mention emails failed")
    return sent
