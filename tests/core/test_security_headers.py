"""Every page carries the security headers, and no page runs inline script (the CSP forbids it)."""

import re

import pytest

pytestmark = pytest.mark.django_db
PAGES = [
    "/",
    "/tools/",
    "/tools/mlflow/",
    "/stages/monitoring/",
    "/compare/?tools=mlflow,weights-biases",
    "/search/?q=drift",
    "/questions/",
    "/tags/",
    "/ethics/",
    "/ethics/checklists/monitoring/",
    "/ethics/risk-profiles/?use_case=loans+for+small+shops",
    "/recommend/",
    "/pipelines/",
    "/accounts/login/",
    "/accounts/signup/",
    "/api/docs/",
    "/api/tools/",
    "/no-such-page/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.parametrize("path", PAGES)
def test_headers_and_no_inline_script(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
        assert not HANDLER_ATTRIBUTE.search(re.sub(r"<pre.*?</pre>", "", html, flags=re.S))
