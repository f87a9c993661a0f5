"""Gunicorn settings for `make run` (used as `-c python:community.gunicorn`)."""

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
timeout = 60
accesslog = "-"


def post_worker_init(worker) -> None:
    """Load the model before the worker takes requests, so the first search does not wait for it.

    In the worker's main thread: warmed from another thread, torch kept costing ~2 ms on every later encode.
    """
    from recommender import encoder

    encoder.encode_one("warm-up")
