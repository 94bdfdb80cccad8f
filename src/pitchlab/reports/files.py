"""The memo and the pack as files, for the pages, the API and the CLI alike."""

from sqlmodel import Session

from ..compare.exporting import ExportFile
from ..dossier import agenda_dossiers, company_dossier
from ..meetings.minutes import meeting_minutes
from ..models import Meeting, User
from ..web.i18n import gettext as _
from .decisions import decision_text, latest_decision
from .memo import MemoDocument, document_filename, memo_document, memo_html, memo_section
from .memo import pack_document as _pack_document
from .pdf import PDF_MEDIA_TYPE, render_pdf

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {"pdf": PDF_MEDIA_TYPE, "docx": DOCX_MEDIA_TYPE}
FORMATS = tuple(MEDIA_TYPES)


def document_bytes(document: MemoDocument, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(memo_html(document))
    if fmt == "docx":
        from .docx_writer import memo_docx

        return memo_docx(document)
    raise ValueError(f"unknown document format {fmt!r}")


def company_memo(session: Session, user: User, company_id: int) -> MemoDocument | None:
    """The memo's content for `user` (conflicts and blind review as on the pages)."""
    dossier = company_dossier(session, user, company_id)
    if dossier is None:
        return None
    decision = latest_decision(session, user, company_id)
    return memo_document(dossier, viewer_name=user.display_name, decision=decision)


def meeting_pack(session: Session, user: User, meeting: Meeting) -> MemoDocument:
    """The pack of a meeting for `user`: the agenda in order, each company's memo, the votes
    once revealed and the decisions (meetings.minutes, the meeting page's rules)."""
    record = meeting_minutes(session, meeting, user)
    dossiers = agenda_dossiers(session, user, [item.company_id for item in record.items])
    sections = [
        memo_section(
            dossiers[item.company_id],
            presenter=item.presenter_name,
            decision=decision_text(item),
        )
        for item in record.items
        if item.company_id in dossiers
    ]
    return _pack_document(
        sections,
        title=record.title,
        viewer_name=user.display_name,
        meeting_date=record.held_on.isoformat(),
        attendees=record.attendees,
        corrections=[
            f"{author or _('Someone')} · {when:%Y-%m-%d}: {body}"
            for author, when, body in record.corrections
        ],
    )


def as_file(document: MemoDocument, fmt: str, *, kind: str, ident: int) -> ExportFile:
    return ExportFile(
        content=document_bytes(document, fmt),
        filename=document_filename(kind, ident, fmt),
        media_type=MEDIA_TYPES[fmt],
    )
