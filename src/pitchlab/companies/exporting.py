"""The company list as CSV or XLSX, in the columns the import reads (issue 13: deal terms
included), so an exported file can be edited and imported into another pitchlab."""

import csv
import io

from sqlmodel import Session, col, select

from ..compare.export import neutralized_text
from ..deals.money import major_text
from ..models import Company, User
from .data import company_query
from .importing import COLUMNS

MAX_EXPORT_ROWS = 10_000
MONEY = frozenset({"amount_raising", "pre_money", "check_size"})
EXTRA_COLUMNS = ("owner_email",)  # shown for reference; the import ignores it


def _cell(company: Company, name: str, owners: dict[int, str]) -> str:
    if name == "owner_email":
        return owners.get(company.owner_id, "")
    if name in MONEY:
        return major_text(getattr(company, name), company.currency)
    value = getattr(company, name)
    if name == "tags":
        return ", ".join(company.tag_list)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def export_rows(session: Session, filters: dict) -> list[list[str]]:
    """Header and one row per company matching the list's filters: two statements."""
    companies = session.exec(company_query(**filters).limit(MAX_EXPORT_ROWS)).all()
    owners = dict(
        session.exec(
            select(User.id, User.email).where(
                col(User.id).in_({c.owner_id for c in companies if c.owner_id})
            )
        ).all()
    )
    header = [*COLUMNS, *EXTRA_COLUMNS]
    return [header, *([_cell(c, name, owners) for name in header] for c in companies)]


def rows_csv(rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel reads Chinese names right), formula-safe text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralized_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def rows_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook  # imported on use: 12 MiB in every worker otherwise

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Companies")
    for row in rows:
        sheet.append([neutralized_text(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
