"""The demo IC meeting from seeds/meetings/ (issue 14), once per title, through the same
functions as the pages: the chair and attendees are checked, votes stay hidden."""

from datetime import timedelta
from pathlib import Path

import yaml
from sqlmodel import Session, select

from ..auth.users import find_user
from ..companies.data import find_by_name
from ..models import Meeting, utcnow
from .agenda import agenda, save_meeting
from .record import cast_vote


def seed_demo_meetings(session: Session, folder: Path, report) -> None:
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for raw in document.get("meetings", []):
            if session.exec(select(Meeting.id).where(Meeting.title == raw["title"])).first():
                continue
            chair = find_user(session, raw["chair"])
            companies = [find_by_name(session, name) for name in raw["agenda"]]
            meeting = save_meeting(
                session,
                None,
                user=chair,
                title=raw["title"],
                held_on=utcnow().date() + timedelta(days=raw.get("held_in_days", 0)),
                chair_id=chair.id,
                attendee_ids=[find_user(session, email).id for email in raw["attendees"]],
                company_ids=[company.id for company in companies],
            )
            items = {item.company_id: item for item in agenda(session, meeting.id)}
            for vote in raw.get("votes", []):
                company = find_by_name(session, vote["company"])
                cast_vote(
                    session,
                    meeting,
                    items[company.id],
                    user=find_user(session, vote["voter"]),
                    choice=vote["choice"],
                    note=vote.get("note", ""),
                )
            report.count("IC meetings")
