"""Gunicorn settings for `make run` (used as `-c python:community.gunicorn`)."""

import os
import threading

bind = f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", "2"))
timeout = 60
accesslog = "-"
# The model takes a few seconds to load; warm it in the background so the first search does not wait.
preload_app = False


def post_worker_init(worker) -> None:
    def warm() -> None:
        from recommender import encoder

        encoder.get_model()

    threading.Thread(target=warm, daemon=True).start()
