from typing import Any

from django.http import HttpRequest
from django.utils.encoding import iri_to_uri


def absolute(payload: Any, request: HttpRequest) -> Any:
    """The payload with every site path under a `page` or `url` key made an absolute URL for this request.

    Payloads are cached with paths, not URLs, so one cached copy serves every host name the site answers to.
    """
    origin: list[str] = []

    def link(path: str) -> str:
        # What build_absolute_uri does for a plain path, with the scheme and host worked out once: a stack's
        # payload holds a few hundred links.
        if path.startswith("//") or "/./" in path or "/../" in path:
            return request.build_absolute_uri(path)
        if not origin:
            origin.append(request.build_absolute_uri("/")[:-1])
        return iri_to_uri(origin[0] + path)

    def walk(value: Any) -> Any:
        if isinstance(value, list):
            return [walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        return {
            key: link(item) if key in ("page", "url") and isinstance(item, str) and item.startswith("/") else walk(item)
            for key, item in value.items()
        }

    return walk(payload)
