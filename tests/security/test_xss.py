"""Hostile text through every field the site shows back: none of it survives as live markup.

Each payload goes in as a question (title, body, tags), an answer, a profile bio, a recommendation's use case,
a risk-profile use case and a search; every page that shows it back is parsed, and must hold no script element
beyond the site's own files, no event-handler attribute and no javascript: link.
"""

from html.parser import HTMLParser

import pytest

from community.accounts.models import Profile
from community.qa import services as qa
from tests.factories import old_user

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select onfocus=alert(1) autofocus>",
    "<textarea autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script/xss src=x></script>",
    '<img src="x` `<script>alert(1)</script>"` `>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<p onmouseover=alert(1)>hover</p>",
    "<table background=javascript:alert(1)>",
    "<isindex action=javascript:alert(1) type=image>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "<x onclick=alert(1)>click",
    "<button formaction=javascript:alert(1)>x</button>",
    "\u202e<script>alert(1)</script>",
    "<img src=x onerror=&#97;lert(1)>",
]


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href")


class Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(k == "src" and (v or "").startswith("/static/") for k, v in attrs):
            self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            target = (value or "").replace("\t", "").replace("\n", "").strip().lower()
            if name in URL_ATTRIBUTES and target.startswith(("javascript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "base", "svg", "math"):
            self.problems.append(f"<{tag}>")  # the site's own pages use none of these


def assert_inert(html: str) -> None:
    parser = Markup()
    parser.feed(html)
    assert parser.problems == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert_everywhere(client, payload: str) -> None:
    author, other = old_user(), old_user()
    question = qa.question_ask(
        author=author, title=f"How to serve this {payload}"[:150], body=f"Body {payload}\n\n{payload}", tags=["serving"]
    )
    qa.answer_create(author=other, question=question, body=f"Answer {payload}")
    Profile.objects.filter(user=author).update(bio=payload[:200])
    pages = [
        question.get_absolute_url(),
        "/questions/",
        f"/accounts/people/{author.username}/",
        f"/questions/?q={payload}",
        f"/search/?q={payload}",
        f"/ethics/?search={payload}",
        f"/ethics/risk-profiles/?use_case=loans+for+shops+{payload}",
    ]
    client.force_login(old_user())  # writes are throttled per person; one recommendation each
    response = client.post("/recommend/", {"use_case": f"We score loans for shops {payload}", "hosting": "any"})
    assert response.status_code == 302
    pages.append(response["Location"])
    for url in pages:
        page = client.get(url)
        assert page.status_code in (200, 400), url
        assert_inert(page.content.decode())
