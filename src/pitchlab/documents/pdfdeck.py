"""Write a simple slide deck as a PDF (reportlab): the demo decks and the tests' files.

Chinese text uses reportlab's built-in CID font STSong-Light, which needs no font file.
"""

import io
from dataclasses import dataclass, field

# reportlab is imported when a deck is written (seeding, tests): a server never needs it.
SLIDE = (960, 540)  # 16:9 in points, landscape
LATIN, CHINESE = "Helvetica", "STSong-Light"
MARGIN = 48
LINE_WIDTH_CHARS = {"en": 72, "zh": 38}
TITLE_SIZE, TEXT_SIZE, LEADING = 34, 21, 28


@dataclass
class Slide:
    title: str
    lines: list[str] = field(default_factory=list)


def _wrap(text: str, width: int) -> list[str]:
    if " " not in text.strip():  # Chinese: break anywhere
        return [text[i : i + width] for i in range(0, len(text), width)] or [""]
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line]


def deck_pdf(slides: list[Slide], *, language: str = "en", title: str = "") -> bytes:
    """The slides as a PDF, one page each: a title at the top, the lines below it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = CHINESE if language == "zh" else LATIN
    if font == CHINESE and CHINESE not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CHINESE))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=SLIDE, pageCompression=1)
    pdf.setTitle(title)
    width, height = SLIDE
    for slide in slides:
        pdf.setFillColorRGB(0.11, 0.3, 0.6)
        pdf.rect(0, height - 8, width, 8, stroke=0, fill=1)
        pdf.setFillColorRGB(0.1, 0.1, 0.1)
        pdf.setFont(font, TITLE_SIZE)
        pdf.drawString(MARGIN, height - 76, slide.title)
        pdf.setFont(font, TEXT_SIZE)
        y = height - 130
        for line in slide.lines:
            for part in _wrap(line, LINE_WIDTH_CHARS.get(language, 80)):
                pdf.drawString(MARGIN, y, part)
                y -= LEADING
            y -= 8
        pdf.showPage()
    pdf.save()
    return out.getvalue()
