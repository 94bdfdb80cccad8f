"""Outside development pitchlab will not run on a placeholder secret key (issue 7), and says so
plainly instead of with a traceback."""

import os
import subprocess
import sys

import pytest
from pydantic import ValidationError

from pitchlab.app import create_app

RUN_CLI = "import sys; from pitchlab.cli import main; sys.argv[0] = 'pitchlab'; main()"
CLI_TIMEOUT_S = 60


def _production_env(tmp_path, **extra) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PITCHLAB_")}
    env.update(
        PITCHLAB_ENVIRONMENT="production",
        PITCHLAB_DATABASE_URL=f"sqlite:///{tmp_path / 'prod.db'}",
        **extra,
    )
    return env


def test_app_factory_refuses_the_default_secret_in_production(monkeypatch):
    monkeypatch.setenv("PITCHLAB_ENVIRONMENT", "production")
    monkeypatch.delenv("PITCHLAB_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="PITCHLAB_SECRET_KEY"):
        create_app()


@pytest.mark.parametrize("secret", [None, "  secret  "])  # None: the default, change-me
def test_serve_in_production_with_a_placeholder_secret_exits_with_a_message(tmp_path, secret):
    extra = {} if secret is None else {"PITCHLAB_SECRET_KEY": secret}
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "serve", "--port", "1"],
        env=_production_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
    )
    assert result.returncode == 2
    assert "pitchlab cannot start: PITCHLAB_SECRET_KEY is a placeholder" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "prod.db").exists()  # refused before touching the database
