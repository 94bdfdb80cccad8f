"""Every limit on an uploaded document, in one place, each refused with its own message.

Cheap checks (size, what the bytes are, the zip's declared sizes) run while the upload waits;
the rest (encryption, damage, page count, picture sizes) run in the extraction job, which
marks the document failed with the message. Nothing else is lost either way.
"""

import io
import zipfile
from dataclasses import dataclass

from ..web.i18n import gettext as _

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
# A PPTX is a zip: refuse one that would inflate past this, or whose parts inflate
# suspiciously far (a zip bomb), before python-pptx reads a byte of it.
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
MAX_COMPRESSION_RATIO = 200
# Pictures inside a PPTX and PDF page sizes: anything larger would exhaust memory on render.
MAX_IMAGE_PIXELS = 80_000_000
MAX_PAGE_POINTS = 14_400  # 200 inches, PDF's own limit for a page side
FILENAME_MAX = 255

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
FORMATS = {
    ".pdf": ("pdf", "application/pdf"),
    ".pptx": (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}


class DocumentRefused(ValueError):
    """The file breaks a limit; the message says which, in the user's language."""


@dataclass(frozen=True)
class UploadFormat:
    kind: str  # "pdf" or "pptx"
    content_type: str


def _extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot >= 0 else ""


def check_upload(filename: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> UploadFormat:
    """The file's format, or DocumentRefused when it may not be stored at all."""
    if not filename.strip():
        raise DocumentRefused(_("Choose a file to upload."))
    if len(filename) > FILENAME_MAX:
        raise DocumentRefused(_("The file name is too long."))
    found = FORMATS.get(_extension(filename))
    if found is None:
        raise DocumentRefused(_("Upload a PDF (.pdf) or PowerPoint (.pptx) file."))
    if not data:
        raise DocumentRefused(_("The file is empty."))
    if len(data) > max_bytes:
        raise DocumentRefused(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}
        )
    kind, content_type = found
    if kind == "pdf" and PDF_MAGIC not in data[:1024]:
        raise DocumentRefused(_("This file is not a PDF, although its name ends in .pdf."))
    if kind == "pptx":
        if not data.startswith(ZIP_MAGIC):
            raise DocumentRefused(
                _("This file is not a PowerPoint file, although its name ends in .pptx.")
            )
        check_zip_archive(data)
    return UploadFormat(kind, content_type)


def check_zip_archive(data: bytes) -> None:
    """Refuse a damaged zip, a zip bomb, or a zip that is no PowerPoint presentation.

    The lead is unifying this with pitchlab.uploads.check_zip_archive (written in parallel).
    The declared sizes are checked here; the extraction job also counts the real ones."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentRefused(_("The file is damaged and cannot be read.")) from error
    if len(entries) > MAX_ZIP_ENTRIES:
        raise DocumentRefused(_("The file holds too many parts to be a presentation."))
    total = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries)
    if total > MAX_UNZIPPED_BYTES or total > max(packed, 1) * MAX_COMPRESSION_RATIO:
        raise DocumentRefused(_("The file unpacks to far more than its size (a zip bomb)."))
    names = {entry.filename for entry in entries}
    if "ppt/presentation.xml" not in names:
        raise DocumentRefused(
            _("This file is not a PowerPoint file, although its name ends in .pptx.")
        )


def read_zip_capped(data: bytes, limit: int = MAX_UNZIPPED_BYTES) -> None:
    """Inflate every part, counting real bytes: declared sizes can lie."""
    seen = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            with archive.open(entry) as part:
                while chunk := part.read(1024 * 1024):
                    seen += len(chunk)
                    if seen > limit:
                        raise DocumentRefused(
                            _("The file unpacks to far more than its size (a zip bomb).")
                        )
