from typing import Any

from django.http import HttpRequest


def absolute(payload: Any, request: HttpRequest) -> Any:
    """The payload with every site path under a `page` or `url` key made an absolute URL for this request.

    Payloads are cached with paths, not URLs, so one cached copy serves every host name the site answers to.
    """
    if isinstance(payload, list):
        return [absolute(item, request) for item in payload]
    if not isinstance(payload, dict):
        return payload
    return {
        key: request.build_absolute_uri(value)
        if key in ("page", "url") and isinstance(value, str) and value.startswith("/")
        else absolute(value, request)
        for key, value in payload.items()
    }
