from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from community.core import health as health_checks


def health(request: HttpRequest) -> JsonResponse:
    """200 when the database, the cache and the broker all answer; 503 naming the one that does not."""
    checks = health_checks.run_checks()
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "degraded", "checks": checks}, status=200 if healthy else 503)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # An API client asked for an address no route matches (an id that is not a number, a slug with odd
    # characters): it gets the API's JSON error, as for an id that matches no row, not the site's page.
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Django refuses a request before any view sees it (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a bad Host):
    # an API client still gets JSON saying why.
    if request.path.startswith("/api/"):
        too_big = isinstance(exception, RequestDataTooBig)
        detail = "The request body is too large." if too_big else "The request could not be read."
        return JsonResponse({"detail": detail}, status=400)
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that could fail again: the page must render when something is already broken.
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error."}, status=500)
    return render(request, "500.html", status=500)
