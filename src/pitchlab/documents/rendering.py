"""Page images of a PDF, rendered by pypdfium2 once and then served from a cache folder.

The cache is keyed by the file's SHA-256, so it never serves another file's page, and any
worker (or a restarted one) may fill or reuse it. PPTX slides get images when LibreOffice is
installed: the extraction job converts the file to PDF once (`to_pdf`), and its pages render
like any PDF's. pitchlab does not require LibreOffice; without it the viewer says so.
"""

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .extraction import PDFIUM_LOCK, open_pdf

SIZES = {"page": 1200, "thumb": 180}  # pixel widths; only these, so the cache stays bounded
PNG_COMPRESSION = 3  # fast to write, a little larger than the default


def cache_folder(configured: str) -> Path:
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "pitchlab-pages"


CONVERT_TIMEOUT_S = 120  # a large deck takes LibreOffice tens of seconds on 2 cores
logger = logging.getLogger(__name__)


def libreoffice_command() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    return libreoffice_command() is not None


def to_pdf(data: bytes, suffix: str = ".pptx") -> bytes | None:
    """The file converted to PDF by headless LibreOffice, or None when it is not installed,
    fails or takes too long. A profile folder of its own per run: two conversions at once
    (two workers) would otherwise fight over one profile's lock."""
    command = libreoffice_command()
    if command is None:
        return None
    with tempfile.TemporaryDirectory(prefix="pitchlab-soffice-") as folder:
        source = Path(folder) / f"slides{suffix}"
        source.write_bytes(data)
        profile = (Path(folder) / "profile").as_uri()
        arguments = [
            command,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        if not _run(arguments, folder):
            return None
        converted = source.with_suffix(".pdf")
        return converted.read_bytes() if converted.exists() else None


def _run(arguments: list[str], folder: str) -> bool:
    """Run LibreOffice; on timeout end its whole process group (soffice starts soffice.bin,
    which killing soffice alone would leave running)."""
    try:
        process = subprocess.Popen(
            arguments,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError:
        logger.warning("LibreOffice could not be started", exc_info=True)
        return False
    try:
        _out, errors = process.communicate(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        logger.warning("LibreOffice took over %s s to convert a presentation", CONVERT_TIMEOUT_S)
        return False
    if process.returncode != 0:
        logger.warning("LibreOffice failed to convert a presentation: %s", errors[-500:])
    return process.returncode == 0


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
