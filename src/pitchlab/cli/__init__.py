"""The `pitchlab` command line."""

import typer
from pydantic import ValidationError

from . import (  # noqa: F401 (export_* register their commands when imported)
    backup,
    bench,
    database,
    export,
    export_comparison,
    export_memo,
    export_prfaq,
    prfaq,
    rubrics,
    users,
)

app = typer.Typer(
    help="pitchlab: evaluate AI startups with rubrics, scorecards and PR/FAQs.",
    no_args_is_help=True,
    add_completion=False,
)
database.register(app)
users.register(app)
backup.register(app)
bench.register(app)
app.add_typer(rubrics.app, name="rubrics")
app.add_typer(prfaq.app, name="prfaq")
app.add_typer(export.app, name="export")


def _settings_problems(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        cause = item.get("ctx", {}).get("error") or item["msg"]
        field = "".join(str(part) for part in item["loc"])
        problems.append(f"PITCHLAB_{field.upper()}: {cause}" if field else str(cause))
    return "; ".join(problems)


def main() -> None:
    try:
        app()
    except ValidationError as error:
        if error.title != "Settings":
            raise
        # Bad configuration is the operator's to fix: say what, without a traceback (issue 7).
        typer.echo(f"pitchlab cannot start: {_settings_problems(error)}", err=True)
        raise SystemExit(2) from None
