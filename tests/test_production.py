"""Production settings: `check --deploy` finds nothing, the default secret is refused, and a database that
cannot be reached at start-up gets one clear line and a non-zero exit."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "HTTPS", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**env: str) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "HTTPS": "1",
        "ALLOWED_HOSTS": "mlopshub.example.org",
        "SECRET_KEY": secrets.token_urlsafe(50),
        **env,
    }


def test_check_deploy_reports_nothing() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_generated_secret() -> None:
    result = manage("check", **production(SECRET_KEY=""))
    assert result.returncode != 0
    assert "needs SECRET_KEY" in result.stderr and result.stderr.count("\n") < 40


def test_an_unreachable_database_is_one_clear_line() -> None:
    result = manage("migrate", DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere")
    assert result.returncode == 2
    assert result.stderr.startswith("Cannot use the database (postgresql at 127.0.0.1)")
    assert "Traceback" not in result.stderr
