"""Whole-response caching for read-heavy anonymous pages, keyed on a version token that writes change.

Entries are never invalidated one by one: a write gives the data a new version, and keys of the old version
simply stop being asked for (and expire).
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse


def page_cache(version: Callable[[], str], skip: Callable[[HttpRequest], bool] | None = None) -> Callable:
    """`skip` names requests to answer fresh every time (say, searches, whose variety a cache would not repay)."""

    def decorator(view: Callable) -> Callable:
        name = f"{view.__module__}.{getattr(view, '__qualname__', view.__class__.__name__)}"

        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            seconds = settings.PAGE_CACHE_SECONDS
            if (
                not seconds
                or request.method not in ("GET", "HEAD")
                or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
                or (skip is not None and skip(request))
            ):
                return view(request, *args, **kwargs)
            raw = f"{name}|{version()}|{request.get_full_path()}|{request.headers.get('Accept', '')}|{args}|{kwargs}"
            key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
            if response.status_code == 200 and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), seconds)
            return response

        return wrapper

    return decorator
