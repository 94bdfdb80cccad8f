"""@mentions in comments: who a comment names, and their notifications (issue 13).

`@token` names the user whose display name, without spaces, is the token (`@TobiasOkafor`,
`@陈思远`), whose email starts with it (`@partner2`), or whose first name it is when no one else
shares that first name (`@Tobias`). Case does not matter.
"""

import re

from sqlmodel import Session, select

from ..models import Activity, Notification, User

MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]*)")


def _keys(user: User) -> set[str]:
    local = user.email.split("@", 1)[0].casefold()
    return {local, "".join(user.display_name.split()).casefold()}


def mentioned_users(body: str, users: list[User]) -> list[User]:
    """The active users a comment names, each once, in the order of the list."""
    tokens = {token.rstrip(".-").casefold() for token in MENTION.findall(body)}
    if not tokens:
        return []
    first_names: dict[str, list[User]] = {}
    for user in users:
        first = user.display_name.split()[0].casefold() if user.display_name.split() else ""
        first_names.setdefault(first, []).append(user)
    found = []
    for user in users:
        first = user.display_name.split()[0].casefold() if user.display_name.split() else ""
        unique_first = len(first_names.get(first, [])) == 1 and first in tokens
        if user.is_active and (tokens & _keys(user) or unique_first):
            found.append(user)
    return found


def notify_mentions(session: Session, comment: Activity, *, exclude: set[int]) -> list[User]:
    """Notify everyone the comment names (but its author or anyone in `exclude`)."""
    users = list(session.exec(select(User)))
    named = [
        user
        for user in mentioned_users(comment.body, users)
        if user.id != comment.actor_id and user.id not in exclude
    ]
    session.add_all(
        Notification(user_id=user.id, activity_id=comment.id, reason="mention") for user in named
    )
    return named
