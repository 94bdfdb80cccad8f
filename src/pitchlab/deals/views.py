"""Saved views of the company list: a named query (filters, sort, columns), per user,
optionally shared with everyone (issue 13). Optional columns of the list live here too."""

from urllib.parse import parse_qsl, urlencode

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..models import SavedView, User
from ..models.deals import VIEW_NAME_MAX, VIEW_QUERY_MAX
from ..web.i18n import gettext as _
from .assignments import progress_by_company
from .panel_totals import panel_totals

# The list's optional columns, in display order (issue 13).
OPTIONAL_COLUMNS = ("owner", "round", "raising", "next_step", "total", "mine", "progress")
# Parameters a view keeps; anything else in a saved query string is dropped.
VIEW_PARAMS = frozenset({"q", "stage", "status", "archived", "sort", "dir", "col"})


class ViewInvalid(ValueError):
    """The view cannot be saved; the message says why, for the user."""


def chosen_columns(params) -> list[str]:
    return [name for name in OPTIONAL_COLUMNS if name in params.getlist("col")]


def clean_query(raw: str) -> str:
    """The query string of a view, keeping only the list's own parameters."""
    pairs = [
        (k, v) for k, v in parse_qsl(raw.lstrip("?"), keep_blank_values=False) if k in VIEW_PARAMS
    ]
    return urlencode(pairs)[:VIEW_QUERY_MAX]


def save_view(session: Session, user: User, *, name: str, query: str, shared: bool) -> SavedView:
    name = " ".join(str(name or "").split())[:VIEW_NAME_MAX]
    if not name:
        raise ViewInvalid(_("Give the view a name."))
    view = session.exec(
        select(SavedView).where(SavedView.user_id == user.id, SavedView.name == name)
    ).first() or SavedView(user_id=user.id, name=name)
    view.query, view.shared = clean_query(query), shared
    session.add(view)
    try:
        session.commit()
    except IntegrityError as error:  # the same name saved twice at once
        session.rollback()
        raise ViewInvalid(_("You already have a view with this name.")) from error
    return view


def views_for(session: Session, user: User) -> list[tuple[SavedView, str]]:
    """The user's own views and those others shared, with their owner's name."""
    return list(
        session.exec(
            select(SavedView, User.display_name)
            .join(User, col(User.id) == SavedView.user_id)
            .where(or_(SavedView.user_id == user.id, col(SavedView.shared).is_(True)))
            .order_by(col(SavedView.user_id) != user.id, col(SavedView.name))
        ).all()
    )


def column_values(session: Session, user: User, companies: list, columns: list[str]) -> dict:
    """What the chosen optional columns need for one page of companies (rows of the list's
    columns, data.LIST_COLUMNS, or Company objects: their id and owner_id): a fixed number of
    statements (none for columns not shown)."""
    ids = [company.id for company in companies]
    values: dict = {"owners": {}, "totals": {}, "progress": {}}
    owner_ids = {c.owner_id for c in companies if c.owner_id}
    if "owner" in columns and owner_ids:
        values["owners"] = dict(
            session.exec(
                select(User.id, User.display_name).where(col(User.id).in_(owner_ids))
            ).all()
        )
    if {"total", "mine"} & set(columns):
        values["totals"] = panel_totals(session, user, ids)
    if "progress" in columns:
        values["progress"] = progress_by_company(session, ids)
    return values


def sort_url(params, key: str, filters: dict) -> str:
    """The list's query string sorted by `key`: ascending first, reversed on a second click."""
    descending = filters["sort"] == key and not filters["descending"]
    kept = [(k, v) for k, v in params.multi_items() if k not in {"sort", "dir", "page"}]
    return "?" + urlencode([*kept, ("sort", key), ("dir", "desc" if descending else "asc")])
