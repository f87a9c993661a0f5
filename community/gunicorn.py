"""Gunicorn settings for `make run` (used as `-c python:community.gunicorn`)."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
timeout = 60
accesslog = "-"


def post_worker_init(worker) -> None:
    """Load the model and fit the recommender's stage models before the worker takes requests, so that the first
    search or recommendation does not wait for them.

    In the worker's main thread: warmed from another thread, torch kept costing ~2 ms on every later encode.
    """
    from django.urls import get_resolver

    from recommender import encoder
    from recommender.stacks import stages

    _ = get_resolver().url_patterns  # imports every view module: 1-2 s the first request would otherwise pay
    encoder.encode_one("warm-up")
    try:
        stages.warm_up()
    except Exception:  # a database not migrated yet: the first recommendation will fit them instead
        worker.log.warning("The recommender's stage models could not be fitted at boot", exc_info=True)
