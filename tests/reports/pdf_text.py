"""Reading PDFs and Word files in tests: text per page and the fonts a PDF embeds (pypdfium2),
headings and paragraphs of a DOCX (python-docx)."""

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from docx import Document


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page, as a reader's copy and paste would give it."""
    document = pdfium.PdfDocument(content)
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


def pdf_text(content: bytes) -> str:
    # Lines end where the layout broke them: join them with spaces to search phrases.
    return " ".join(" ".join(pdf_pages(content)).split())


def pdf_fonts(content: bytes) -> set[tuple[str, bool]]:
    """(font name without the subset prefix, embedded?) of every text object on every page."""
    document = pdfium.PdfDocument(content)
    found = set()
    try:
        for index in range(len(document)):
            for item in document[index].get_objects(max_depth=4):
                if item.type != pdfium_raw.FPDF_PAGEOBJ_TEXT:
                    continue
                font = pdfium_raw.FPDFTextObj_GetFont(item)
                buffer = ctypes.create_string_buffer(256)
                pdfium_raw.FPDFFont_GetBaseFontName(font, buffer, 256)
                name = buffer.value.decode().split("+", 1)[-1]
                found.add((name, bool(pdfium_raw.FPDFFont_GetIsEmbedded(font))))
    finally:
        document.close()
    return found


def docx_blocks(content: bytes) -> tuple[list[tuple[str, str]], str]:
    """[(style name, text)] of the paragraphs, and every table cell's text joined."""
    document = Document(io.BytesIO(content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    cells = " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    return paragraphs, cells


def compact(text: str) -> str:
    """Text without any whitespace: Chinese lines break anywhere, and a PDF's line breaks
    would split the phrase a test looks for."""
    return "".join(text.split())
