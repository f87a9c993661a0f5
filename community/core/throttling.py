from functools import wraps
from math import ceil

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle


class WriteRateThrottle(SimpleRateThrottle):
    """Throttle writes (POST, PATCH, PUT, DELETE) per user, or per address for anonymous clients; reads are free.

    The API uses it as a DRF throttle, and the site's forms through `throttle_writes`, so one limit covers both.
    """

    scope = "writes"

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def throttle_writes(view):
    """For a site view: past the write rate, answer 429 with a page that says when to try again."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        throttle = WriteRateThrottle()
        if not throttle.allow_request(request, None):
            return render(request, "429.html", {"wait": ceil(throttle.wait() or 1)}, status=429)
        return view(request, *args, **kwargs)

    return wrapper
