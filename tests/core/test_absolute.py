"""Site paths in API payloads become absolute URLs of the host the request came to, as Django would build them."""

import pytest
from django.test import RequestFactory

from community.core.absolute import absolute

PATHS = ["/tools/mlflow/", "/é/?q=a b", "//elsewhere.example/x", "/a/../b", "/a/./b", "/"]


@pytest.mark.parametrize("secure", [False, True])
@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1"])
def test_links_are_built_as_django_builds_them(host: str, secure: bool) -> None:
    request = RequestFactory().get("/api/", HTTP_HOST=host, secure=secure)
    payload = {"url": PATHS[0], "items": [{"page": path, "name": path} for path in PATHS], "count": 2}
    result = absolute(payload, request)
    assert result["url"] == request.build_absolute_uri(PATHS[0])
    assert [item["page"] for item in result["items"]] == [request.build_absolute_uri(path) for path in PATHS]
    assert result["url"].startswith("https://" if secure else "http://")


def test_only_site_paths_under_link_keys_change() -> None:
    request = RequestFactory().get("/api/", HTTP_HOST="localhost")
    payload = {"url": "https://mlflow.org/", "name": "/not-a-link", "page": None, "nested": [[{"page": "/t/"}]]}
    assert absolute(payload, request) == {
        "url": "https://mlflow.org/",
        "name": "/not-a-link",
        "page": None,
        "nested": [[{"page": "http://localhost/t/"}]],
    }
