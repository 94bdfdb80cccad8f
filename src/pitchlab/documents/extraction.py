"""Pages and their text out of a PDF (pypdfium2) or a PPTX (python-pptx), within the limits.

Plain functions from bytes to data: no database here, so the job and the tests share them.
"""

import io
import re
import threading
import zipfile
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from ..web.i18n import gettext as _
from .limits import (
    MAX_IMAGE_PIXELS,
    MAX_PAGE_POINTS,
    MAX_PAGES,
    DocumentRefused,
    check_zip_archive,
    read_zip_capped,
)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CHINESE_SHARE = 0.15  # of the letters: a deck this Chinese is answered in Chinese
TITLE_MAX = 200
# PDFium is not thread-safe: two threads in it at once crashed the process (a thumbnail strip
# asks for many page images together). Every use of pypdfium2 holds this lock.
PDFIUM_LOCK = threading.RLock()
SLIDE_PART = re.compile(r"ppt/slides/slide\d+\.xml")


@dataclass(frozen=True)
class PageText:
    number: int
    title: str
    text: str
    notes: str = ""


@dataclass(frozen=True)
class Extracted:
    pages: list[PageText]
    language: str
    # A PPTX's slides as PDF (LibreOffice), for page images; None for a PDF or without it.
    rendition: bytes | None = None


def guess_language(text: str) -> str:
    """ "zh" when enough of the letters are Chinese characters, else "en"."""
    letters = sum(1 for char in text if char.isalpha())
    chinese = len(CJK.findall(text))
    return "zh" if letters and chinese / letters >= CHINESE_SHARE else "en"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:TITLE_MAX]
    return ""


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """The PDF, or DocumentRefused when it is encrypted or damaged."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise DocumentRefused(
                _("The PDF is protected by a password; upload a copy without one.")
            ) from error
        raise DocumentRefused(_("The file is damaged and cannot be read.")) from error


def extract_pdf(data: bytes, *, max_pages: int = MAX_PAGES) -> Extracted:
    with PDFIUM_LOCK:
        return _extract_pdf(data, max_pages)


def _extract_pdf(data: bytes, max_pages: int) -> Extracted:
    pdf = open_pdf(data)
    try:
        count = len(pdf)
        if count == 0:
            raise DocumentRefused(_("The PDF has no pages."))
        if count > max_pages:
            raise DocumentRefused(
                _("The document has %(count)s pages; at most %(max)s are accepted.")
                % {"count": count, "max": max_pages}
            )
        pages = []
        for index in range(count):
            page = pdf[index]
            width, height = page.get_size()
            if max(width, height) > MAX_PAGE_POINTS:
                raise DocumentRefused(
                    _("Page %(number)s is of absurd dimensions.") % {"number": index + 1}
                )
            text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            pages.append(PageText(index + 1, _first_line(text), text.strip()))
    except pdfium.PdfiumError as error:
        raise DocumentRefused(_("The file is damaged and cannot be read.")) from error
    finally:
        pdf.close()
    return Extracted(pages, guess_language(" ".join(page.text for page in pages)))


def _check_picture(blob: bytes) -> None:
    try:
        with Image.open(io.BytesIO(blob)) as picture:  # reads the header only
            width, height = picture.size
    except Exception:  # noqa: BLE001 - a picture PIL cannot read is PowerPoint's business
        return
    if width * height > MAX_IMAGE_PIXELS:
        raise DocumentRefused(_("A picture in the file is of absurd dimensions."))


def _shape_text(shapes) -> list[str]:
    lines = []
    for shape in shapes:
        if shape.shape_type == 13:  # a picture
            _check_picture(shape.image.blob)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            lines.extend(p.text for p in shape.text_frame.paragraphs if p.text.strip())
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
        if shape.shape_type == 6:  # a group
            lines.extend(_shape_text(shape.shapes))
    return lines


def extract_pptx(data: bytes, *, max_pages: int = MAX_PAGES) -> Extracted:
    from pptx import Presentation

    check_zip_archive(data)
    read_zip_capped(data)
    try:
        deck = Presentation(io.BytesIO(data))
        slides = list(deck.slides)
    except Exception as error:  # noqa: BLE001 - python-pptx raises many kinds on bad XML
        raise DocumentRefused(_("The file is damaged and cannot be read.")) from error
    if not slides:
        raise DocumentRefused(_("The presentation has no slides."))
    if len(slides) > max_pages:
        raise DocumentRefused(
            _("The document has %(count)s pages; at most %(max)s are accepted.")
            % {"count": len(slides), "max": max_pages}
        )
    pages = []
    for number, slide in enumerate(slides, start=1):
        lines = _shape_text(slide.shapes)
        title_shape = slide.shapes.title
        title = (
            title_shape.text.strip() if title_shape is not None else _first_line("\n".join(lines))
        )
        notes = ""
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame.text.strip()
        pages.append(PageText(number, title[:TITLE_MAX], "\n".join(lines).strip(), notes))
    language = guess_language(" ".join(page.text + page.notes for page in pages))
    return Extracted(pages, language)


def count_pages(kind: str, data: bytes, *, max_pages: int = MAX_PAGES) -> int:
    """The page or slide count, checked while the upload waits (it takes milliseconds):
    encrypted, damaged and too-long files are refused at once."""
    if kind == "pdf":
        with PDFIUM_LOCK:
            pdf = open_pdf(data)
            try:
                count = len(pdf)
            finally:
                pdf.close()
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            count = sum(1 for name in archive.namelist() if SLIDE_PART.fullmatch(name))
    if count == 0:
        raise DocumentRefused(_("The document has no pages."))
    if count > max_pages:
        raise DocumentRefused(
            _("The document has %(count)s pages; at most %(max)s are accepted.")
            % {"count": count, "max": max_pages}
        )
    return count


def extract(kind: str, data: bytes, *, max_pages: int = MAX_PAGES) -> Extracted:
    """The pages of a file already checked by limits.check_upload."""
    if kind == "pdf":
        return extract_pdf(data, max_pages=max_pages)
    return extract_pptx(data, max_pages=max_pages)
