"""Limits on what an uploaded zip container (XLSX, PPTX, DOCX) may unpack to.

A 499 KB XLSX whose shared strings expand to 500 MB took the server from 251 MB to 1.2 GB
(issue 11): openpyxl reads a part whole before it looks at a row. `check_zip_archive` reads
only the zip's central directory and refuses the file before any parser opens a member.

Checking the declared sizes is enough because Python's zipfile never inflates a member past
its declared size (a lying entry fails its CRC check instead), and every parser here reads
members through zipfile.
"""

import io
import zipfile

from .web.i18n import gettext as _

# An XLSX of 2,000 companies unpacks to a few MB; these leave room for ten times that.
MAX_ZIP_MEMBERS = 500
MAX_MEMBER_BYTES = 32 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# Office XML deflates about 5 to 20 times; a deflate bomb reaches 1,000. The ratio is judged
# only on members large enough to matter, since tiny parts compress oddly.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024


class UnsafeArchive(ValueError):
    """The zip cannot be opened safely; the message says why, for the user."""


class NotAZipArchive(UnsafeArchive):
    """The bytes are not a zip at all; callers may name the format they expected instead."""


def _members(data: bytes) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise NotAZipArchive(
            _("The file is not a readable zip archive (XLSX, PPTX, DOCX).")
        ) from error


def _check_member(member: zipfile.ZipInfo, *, max_member_bytes: int, max_ratio: int) -> None:
    megabytes = {"size": max_member_bytes // (1024 * 1024)}
    if member.file_size > max_member_bytes:
        raise UnsafeArchive(
            _("A part of the file unpacks to more than %(size)s MB; it was not opened.") % megabytes
        )
    if member.file_size >= RATIO_CHECKED_FROM_BYTES and (
        member.file_size > max_ratio * max(member.compress_size, 1)
    ):
        raise UnsafeArchive(
            _(
                "A part of the file is compressed more than %(ratio)s times, as a zip bomb is; "
                "it was not opened."
            )
            % {"ratio": max_ratio}
        )


def check_zip_archive(
    data: bytes,
    *,
    max_members: int = MAX_ZIP_MEMBERS,
    max_member_bytes: int = MAX_MEMBER_BYTES,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    max_ratio: int = MAX_COMPRESSION_RATIO,
) -> None:
    """Refuse a zip that has too many members or unpacks to too much, before it is parsed.

    Raises UnsafeArchive with a message for the user; returns None for an acceptable zip.
    """
    members = _members(data)
    if len(members) > max_members:
        raise UnsafeArchive(
            _("The file holds more than %(count)s parts; it was not opened.")
            % {"count": max_members}
        )
    for member in members:
        _check_member(member, max_member_bytes=max_member_bytes, max_ratio=max_ratio)
    if sum(member.file_size for member in members) > max_unpacked_bytes:
        raise UnsafeArchive(
            _("The file unpacks to more than %(size)s MB; it was not opened.")
            % {"size": max_unpacked_bytes // (1024 * 1024)}
        )
