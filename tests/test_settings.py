"""Configuration comes from the environment; a bad value stops start-up with a message naming it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "PORT"}}
    code = "import community.settings as s; print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL.split(':')[0], s.PORT)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_embedded_defaults() -> None:
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.sqlite3", "filesystem", "8000"]


def test_services_from_the_environment() -> None:
    result = load_settings(
        DEBUG="1",
        DATABASE_URL="postgres://u@db.example:5432/hub",
        REDIS_URL="redis://cache.example:6379/0",
        PORT="9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.postgresql", "redis", "9000"]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe'"),
        ({"PORT": "eighty"}, "PORT='eighty'"),
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL="),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL="),
        ({"RESYNC_SECONDS": "0"}, "RESYNC_SECONDS must be a positive"),
        ({"RESEND_QUEUED_SECONDS": "-5"}, "RESEND_QUEUED_SECONDS must be a positive"),
        ({"RESEND_QUEUED_SECONDS": "soon"}, "RESEND_QUEUED_SECONDS="),
    ],
)
def test_bad_values_fail_loudly(env: dict[str, str], named: str) -> None:
    result = load_settings(**env)
    assert result.returncode != 0
    assert named in result.stderr
