"""What /healthz/ checks: the database, the cache and the broker, each with a short timeout."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection

BROKER_TIMEOUT = 2.0


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("a value written to the cache did not read back")
    cache.delete(key)


def check_broker() -> None:
    with Connection(settings.CELERY_BROKER_URL, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS) as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


def run_checks() -> dict[str, str]:
    """Each component's state: "ok", or what went wrong in one line (never a traceback)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # a health check reports every failure, whatever its kind
            results[name] = f"{type(exc).__name__}: {str(exc)[:200]}"
    return results
