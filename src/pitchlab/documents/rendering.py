"""Page images of a PDF, rendered by pypdfium2 once and then served from a cache folder.

The cache is keyed by the file's SHA-256, so it never serves another file's page, and any
worker (or a restarted one) may fill or reuse it. PPTX slides have no images here: that needs
LibreOffice, which pitchlab does not require (the viewer says so).
"""

import io
import os
import shutil
import tempfile
from pathlib import Path

from .extraction import PDFIUM_LOCK, open_pdf

SIZES = {"page": 1200, "thumb": 180}  # pixel widths; only these, so the cache stays bounded
PNG_COMPRESSION = 3  # fast to write, a little larger than the default


def cache_folder(configured: str) -> Path:
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "pitchlab-pages"


def libreoffice_available() -> bool:
    return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


def cached_image(folder: Path, sha256: str, number: int, size: str) -> Path:
    return folder / sha256[:2] / sha256 / f"{number}-{size}.png"


def render_page(data: bytes, number: int, width: int) -> bytes:
    """One PDF page as PNG bytes, `width` pixels wide."""
    with PDFIUM_LOCK:
        pdf = open_pdf(data)
        try:
            page = pdf[number - 1]
            scale = width / page.get_width()
            picture = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=PNG_COMPRESSION)
    return out.getvalue()


def store_image(path: Path, image: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(image)
    os.replace(partial, path)  # readers see the whole image or none
