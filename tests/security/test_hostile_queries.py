"""Every page that reads its query string, given a NUL byte, bytes that are not UTF-8, 100 KB or text that is
no slug: never a 500. A NUL byte gets a 400 page naming the parameter (PostgreSQL cannot compare text with one).
"""

import pytest

from tests.factories import old_user

pytestmark = pytest.mark.django_db
# Each page with the parameters it reads from its address.
PAGES = {
    "/questions/": ["q", "tag", "sort", "page"],
    "/questions/ask/": ["title", "body", "tags"],
    "/questions/similar/": ["title"],
    "/tags/drift/": ["sort", "page"],
    "/tools/": ["search", "stage", "hosting", "cloud", "language", "domain", "open_source", "sort", "page"],
    "/stages/monitoring/": ["page"],
    "/search/": ["q"],
    "/compare/": ["tools", "add"],
    "/compare/suggest/": ["add"],
    "/ethics/": ["search", "kind", "topic", "region", "stage", "tool", "page"],
    "/ethics/risk-profiles/": ["use_case"],
    "/pipelines/runs/compare/": ["a", "b"],
    "/recommendations/": ["page"],
}
VALUES = {"nul": "drift%00check", "not-utf8": "%ED%A0%80%FF", "100kb": "x" * 100_000, "not-a-slug": "a b/c?d"}


@pytest.mark.parametrize("value", list(VALUES), ids=list(VALUES))
def test_hostile_query_strings_on_pages(client, value: str) -> None:
    client.force_login(old_user())  # the ask page and "my recommendations" are for signed-in people
    problems = []
    for page, names in PAGES.items():
        for name in names:
            url = f"{page}?{name}={VALUES[value]}"
            response = client.get(url)
            if response.status_code >= 500 or (value == "nul" and response.status_code != 400):
                problems.append(f"{url[:80]}: {response.status_code}")
            elif value == "nul" and name.encode() not in response.content:
                problems.append(f"{url[:80]}: 400 without naming {name}")
    assert not problems, "\n".join(problems)
