"""Extract interface strings and merge them into the Chinese catalog (a developer's tool).

Usage: python scripts/update_catalog.py [--fill FILE.json]
Prints the messages that still lack a translation; tests/test_i18n.py fails while any do.
--fill merges {"msgid": "translation"} pairs (a plural takes a list) into the catalog.
"""

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "src/pitchlab/translations/zh/LC_MESSAGES/messages.po"
TEMPLATE = ROOT / "build/messages.pot"


def main() -> None:
    TEMPLATE.parent.mkdir(exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "gettext",
            "-k",
            "ngettext:1,2",
            "--ignore-dirs=.venv",
            "--ignore-dirs=tests",
            "--ignore-dirs=build",
            "--omit-header",
            "--no-location",
            "-o",
            str(TEMPLATE),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="zh")
    catalog.update(template, no_fuzzy_matching=True)
    if "--fill" in sys.argv:
        fills = json.loads(Path(sys.argv[sys.argv.index("--fill") + 1]).read_text("utf-8"))
        for message in catalog:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key in fills:
                message.string = tuple(fills[key]) if isinstance(message.id, tuple) else fills[key]
    catalog.obsolete.clear()
    with CATALOG.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True)
    missing = [
        m.id
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    for msgid in missing:
        print("untranslated:", msgid)
    print(f"{len(catalog)} messages, {len(missing)} untranslated")


if __name__ == "__main__":
    main()
