"""Enqueue work without letting a broker outage break the request that asked for it.

The write that needs the work is already committed when this runs (it is called from on_commit); if Redis is
unreachable the request still succeeds and the failure is logged. Embeddings catch up at the next sync (their
text hashes show what is stale); a pipeline run that could not be queued says so on its page.
"""

import logging

from celery import Task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)
# A web request waits at most this long for the broker before giving up on the enqueue.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def enqueue(task: Task, *args: object) -> bool:
    """True when the broker took the task."""
    try:
        task.apply_async(args, retry=True, retry_policy=PUBLISH_RETRY)
        return True
    except (OperationalError, ConnectionError, OSError) as exc:
        logger.warning("could not enqueue %s%r: %s", task.name, args, exc)
        return False
