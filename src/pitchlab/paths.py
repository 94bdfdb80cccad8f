"""Where the templates, static files and seeds are, in a checkout and in an installed wheel."""

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
# A wheel carries the folders under pitchlab/_bundled (pyproject's force-include).
_BUNDLED = _PACKAGE_DIR / "_bundled"
# An editable checkout keeps them at the top of the repository, two levels above src/pitchlab.
_CHECKOUT = _PACKAGE_DIR.parent.parent


def resource_dir(name: str) -> Path:
    """Return the folder `name` (templates, static or seeds) wherever this install keeps it."""
    for base in (_BUNDLED, _CHECKOUT):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pitchlab cannot find its {name!r} folder")


TRANSLATIONS_DIR = _PACKAGE_DIR / "translations"
MIGRATIONS_DIR = _PACKAGE_DIR / "migrations"
