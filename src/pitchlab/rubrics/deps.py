"""Load-or-404 for the rubric pack (and version) in the URL."""

from typing import Annotated

from fastapi import Depends, HTTPException

from ..db import RowId, SessionDep
from ..web.i18n import gettext as _
from .store import PackVersion, get_pack_version


def get_pack(key: str, session: SessionDep, version: RowId | None = None) -> PackVersion:
    """The pack named by the path at ?version=N (the newest by default), or a 404."""
    entry = get_pack_version(session, key, version)
    if entry is None:
        raise HTTPException(status_code=404, detail=_("No rubric pack with this key and version."))
    return entry


PackDep = Annotated[PackVersion, Depends(get_pack)]
