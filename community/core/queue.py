"""Enqueue work without letting a broker outage break the request that asked for it.

The write that needs the work is already committed when this runs (it is called from on_commit); if Redis is
unreachable the request still succeeds, the failure is logged, and the person is told the work waits. Nothing is
lost: the periodic resync (community.core.services.resync) queues the runs marked waiting and embeds whatever
rows have no vector or a stale one, once the broker is back.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar

from celery import Task
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)
# A web request waits at most this long for the broker before giving up on the enqueue.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
WAITING_NOTICE = (
    "Saved. The background work that follows from it (indexing it for search by meaning, or starting the run) "
    "waits for the task queue, which cannot be reached right now. It resumes by itself when the queue is back."
)
# Whether an enqueue failed while serving the current request (set per request by QueueNoticeMiddleware).
missed: ContextVar[bool] = ContextVar("queue_missed", default=False)


def enqueue(task: Task, *args: object) -> bool:
    """True when the broker took the task."""
    try:
        task.apply_async(args, retry=True, retry_policy=PUBLISH_RETRY)
        return True
    except (OperationalError, ConnectionError, OSError) as exc:
        logger.warning("could not enqueue %s%r: %s", task.name, args, exc)
        missed.set(True)
        return False


class QueueNoticeMiddleware:
    """After a form write whose follow-up work the broker did not take, the next page says that the work waits.

    API clients are not given a message: their write's response is the same, and the work resumes all the same.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = missed.set(False)
        try:
            response = self.get_response(request)
            if missed.get() and hasattr(request, "_messages") and not request.path.startswith("/api/"):
                messages.warning(request, WAITING_NOTICE)
        finally:
            missed.reset(token)
        return response
