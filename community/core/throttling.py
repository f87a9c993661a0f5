from functools import wraps
from math import ceil

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle


class WriteRateThrottle(SimpleRateThrottle):
    """Throttle writes (POST, PATCH, PUT, DELETE) per user, or per address for anonymous clients; reads are free.

    The API uses it as a DRF throttle, and the site's forms through `throttle_writes`, so one limit covers both.
    DRF's own throttle reads a list from the cache, appends and writes it back, so parallel requests can all read
    the same list and all pass. Here the count is one atomic increment (Redis INCR, or the local cache's lock)
    in a fixed window that starts with the first write.
    """

    scope = "writes"

    def allow_request(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS") or self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        self.now = self.timer()
        if self.cache.add(self.key, 1, self.duration):
            self.cache.set(f"{self.key}:start", self.now, self.duration)
            return True
        try:
            count = self.cache.incr(self.key)
        except ValueError:  # the window ended between add and incr: this write opens the next one
            self.cache.add(self.key, 1, self.duration)
            self.cache.set(f"{self.key}:start", self.now, self.duration)
            return True
        return count <= self.num_requests

    def wait(self) -> float:
        started = self.cache.get(f"{self.key}:start", self.now)
        return max(1.0, self.duration - (self.now - started))

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
