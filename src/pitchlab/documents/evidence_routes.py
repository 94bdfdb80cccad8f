"""The evidence finder's page and the founders' questions as Markdown or DOCX (issue 12)."""

import io

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from ..auth.deps import UserDep, require
from ..companies.deps import CompanyDep
from ..db import SessionDep
from ..permissions import Action
from ..rubrics.store import latest_versions
from ..web.i18n import gettext as _
from ..web.templating import render
from .finder import (
    company_evidence,
    founders_questions,
    highlighted,
    insufficient_questions,
    questions_markdown,
)

router = APIRouter(include_in_schema=False, dependencies=[Depends(require(Action.READ))])
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DEFAULT_PACK = "problem-space"


def _result(session, company, pack: str, user):
    result = company_evidence(session, company.id, pack, user=user)
    if result is None:
        raise HTTPException(404, _("No rubric pack with this key and version."))
    return result


@router.get("/companies/{company_id}/evidence")
def evidence_page(
    request: Request,
    session: SessionDep,
    user: UserDep,
    company: CompanyDep,
    pack: str = DEFAULT_PACK,
):
    """For each criterion of a pack, the deck pages most likely to answer it."""
    result = _result(session, company, pack, user)
    context = {
        "company": company,
        "result": result,
        "packs": latest_versions(session),
        "questions": founders_questions(result),
        "insufficient_questions": insufficient_questions(result),
        "highlighted": highlighted,
    }
    return render(
        request, "documents/evidence.html", context, partial="documents/_evidence_side.html"
    )


@router.get("/companies/{company_id}/evidence/questions.{extension}")
def questions_file(
    session: SessionDep,
    user: UserDep,
    company: CompanyDep,
    extension: str,
    pack: str = DEFAULT_PACK,
):
    """The questions for the founders as Markdown (.md) or Word (.docx)."""
    result = _result(session, company, pack, user)
    text = questions_markdown(result, company.name)
    name = f"questions-{company.id}-{result.pack.key}.{extension}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if extension == "md":
        return Response(text, media_type="text/markdown; charset=utf-8", headers=disposition)
    if extension == "docx":
        return Response(_docx(text), media_type=DOCX_TYPE, headers=disposition)
    raise HTTPException(404, _("Choose md or docx."))


def _docx(markdown: str) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    for line in markdown.splitlines():
        if line.startswith("# "):
            word.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            word.add_heading(line[3:], level=2)
        elif line.strip():
            word.add_paragraph(line.strip("*"))
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
