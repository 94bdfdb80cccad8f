"""Commands that manage accounts and API tokens."""

import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer
from sqlmodel import Session

from ..auth.passwords import WeakPassword
from ..auth.tokens import create_token, find_token, list_tokens, revoke_token
from ..auth.users import DuplicateEmail, create_user, find_user, list_users, set_password
from ..config import Settings
from ..db import create_db_engine, writer_engine
from ..migrate import has_pending_migrations
from ..models import Role, User

user_app = typer.Typer(help="Manage accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Manage API tokens for the JSON API.", no_args_is_help=True)
GENERATED_PASSWORD_BYTES = 12

PasswordOption = Annotated[
    str | None,
    typer.Option(help="The password (it stays in your shell history; prefer the prompt)."),
]
GenerateOption = Annotated[
    bool, typer.Option("--generate", help="Generate a random password and print it once.")
]
NameOption = Annotated[str | None, typer.Option(help="Display name; defaults to the email's name.")]


@contextmanager
def _session() -> Iterator[Session]:
    engine = create_db_engine(Settings().database_url)
    try:
        if has_pending_migrations(engine):
            _fail("The database schema is not up to date; run `pitchlab migrate` first.")
        # IMMEDIATE transactions: a read that turns into a write failed with "database is
        # locked" whenever the app had committed in between (4 of 4 under load, issue 11).
        with Session(writer_engine(engine)) as session:
            yield session
    finally:
        engine.dispose()


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def _existing_user(session: Session, email: str) -> User:
    user = find_user(session, email)
    if user is None:
        _fail(f"No account with the email {email}.")
    return user


def _choose_password(password: str | None, generate: bool) -> str:
    if password is not None:
        return password
    if generate:
        generated = secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
        typer.echo(f"Generated password (shown once): {generated}")
        return generated
    if not sys.stdin.isatty():
        _fail("Give --password or --generate, or run the command in a terminal to be asked.")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def add_user(
    email: str,
    role: Annotated[Role, typer.Option(help="What the account may do.")],
    name: NameOption = None,
    password: PasswordOption = None,
    generate: GenerateOption = False,
    locale: Annotated[str, typer.Option(help="Interface language: en or zh.")] = "en",
) -> None:
    """Create an account."""
    chosen = _choose_password(password, generate)
    with _session() as session:
        try:
            user = create_user(
                session,
                email=email,
                display_name=name or "",
                role=role,
                password=chosen,
                locale=locale,
            )
        except (DuplicateEmail, WeakPassword, ValueError) as error:
            _fail(str(error))
        typer.echo(f"Created {user.role} account {user.email} ({user.display_name}).")


@user_app.command("list")
def list_accounts() -> None:
    """List every account."""
    with _session() as session:
        users = list_users(session)
        if not users:
            typer.echo("No accounts yet; create one with `pitchlab user add`.")
        for user in users:
            state = "" if user.is_active else "  (inactive)"
            typer.echo(
                f"{user.id:>4}  {user.role:<8}  {user.email:<36}  {user.display_name}{state}"
            )


@user_app.command("password")
def change_password(
    email: str, password: PasswordOption = None, generate: GenerateOption = False
) -> None:
    """Set a new password; the account's existing sessions end."""
    chosen = _choose_password(password, generate)
    with _session() as session:
        user = _existing_user(session, email)
        try:
            set_password(session, user, chosen)
        except WeakPassword as error:
            _fail(str(error))
        typer.echo(f"Changed the password of {user.email}.")


@token_app.command("create")
def create_api_token(
    email: str,
    name: Annotated[str, typer.Option(help="What the token is for, to recognise it later.")] = "",
) -> None:
    """Create an API token for an account and print it once."""
    with _session() as session:
        user = _existing_user(session, email)
        raw = create_token(session, user=user, name=name)
        token = find_token(session, raw)
        typer.echo(
            f"Created token {token.id} for {user.email}. Copy it now; it is not shown again:"
        )
        typer.echo(raw)


@token_app.command("list")
def list_api_tokens() -> None:
    """List tokens (never their values) with their owner and state."""
    with _session() as session:
        owners = {user.id: user.email for user in list_users(session)}
        for token in list_tokens(session):
            state = "revoked" if token.revoked_at else "active"
            owner = owners.get(token.user_id, "?")
            typer.echo(f"{token.id:>4}  {state:<7}  {owner:<36}  {token.name}")


@token_app.command("revoke")
def revoke_api_token(token_id: int) -> None:
    """Revoke a token by its id; requests with it get 401 from then on."""
    with _session() as session:
        if not revoke_token(session, token_id):
            _fail(f"No active token with id {token_id}.")
        typer.echo(f"Revoked token {token_id}.")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
    app.add_typer(token_app, name="token")
