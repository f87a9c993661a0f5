"""`make bench` (or `python -m tests.bench.run --ethics`): the responsible-AI library against the real server.

Pages and resource lists are compared with a static file, as the catalog's are. Search by meaning and the
risk-profile match are compared with their floor, timed in a fresh process on the same texts: one encode of the
text and one matrix product over the library's vectors.
"""

import subprocess
import sys
from urllib.parse import quote

from tests.bench.run import QUERIES, REQUESTS, ROOT, Server, medians_ms, post_ms, timed_median_ms
from tests.ethics.risk_cases import CASES

USE_CASES = [text for text, _, _ in CASES]
SEARCHES = [
    "explain individual loan decisions",
    "bias audit for a hiring model",
    "document a dataset's origin and intended use",
    "privacy law for health data in the US",
    "incident database of AI failures",
    "EU rules for high-risk AI systems",
    *QUERIES[:10],
]


def _reference(texts: list[str], kind: str, n: int) -> float:
    """One encode of the text's segments and one similarity product with every vector of the kind."""
    from community.ethics.matching import segments
    from recommender import encoder, index

    def once(text: str) -> None:
        parts = segments(text) if kind == "risk_example" else [text]
        encoder.encode(parts) @ index.matrix(kind).vectors.T

    return timed_median_ms(once, texts, n)


def reference_ms(texts: list[str], kind: str, n: int = REQUESTS) -> float:
    code = f"import tests.bench.ethics as b; print(b._reference({texts!r}, {kind!r}, {n}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def ethics_phase() -> str:
    from community.ethics.models import Resource

    search_ref = reference_ms(SEARCHES, "resource")
    match_ref = reference_ms(USE_CASES, "risk_example")
    pages = {
        "static": ["/static/css/site.css"],
        "library": ["/ethics/"],
        "eu": ["/api/resources/?kind=regulation&region=eu"],
        "checklist": ["/ethics/checklists/explainability-fairness/", "/ethics/checklists/monitoring/"],
    }
    searches = [f"/api/resources/?search={quote(q)}" for q in SEARCHES]
    # Several workers share the address, so the write throttle would answer 429 long before REQUESTS.
    env = {"API_WRITE_RATE": "100000/minute"}
    with Server(**env) as server:
        served = medians_ms(server.port, pages)
        search = medians_ms(server.port, {"search": searches})["search"]
        match = post_ms(server.port, "/api/risk-profiles/match/", [{"use_case": t} for t in USE_CASES])
    with Server(PAGE_CACHE_SECONDS="0", **env) as server:
        cold = medians_ms(
            server.port,
            {"library": ["/ethics/"], "tool": ["/tools/fairlearn/", "/tools/mlflow/"], "checklist": pages["checklist"]},
            n=60,
        )
    s = served["static"]
    rows = [
        f"| figure | target | library ({Resource.objects.count()} resources) |",
        "|---|---|---|",
        f"| static file, median |  | {s:.2f} ms |",
        f"| `/ethics/`, median | ≤ 5× static | {served['library']:.2f} ms ({served['library'] / s:.1f}×) |",
        f"| `/api/resources/?kind=regulation&region=eu`, median | ≤ 5× static | {served['eu']:.2f} ms ({served['eu'] / s:.1f}×) |",
        f"| checklist page, median | ≤ 5× static | {served['checklist']:.2f} ms ({served['checklist'] / s:.1f}×) |",
        f"| `/ethics/` / checklist page / tool page with its panel, uncached |  | {cold['library']:.1f} / {cold['checklist']:.1f} / {cold['tool']:.1f} ms |",
        f"| encode + score all resources, median |  | {search_ref:.2f} ms |",
        f"| `/api/resources/?search=`, median | ≤ 1.5× encode + score | {search:.2f} ms ({search / search_ref:.2f}×) |",
        f"| encode segments + score all risk examples, median |  | {match_ref:.2f} ms |",
        f"| `POST /api/risk-profiles/match/`, median | ≤ 1.5× encode + score | {match:.2f} ms ({match / match_ref:.2f}×) |",
    ]
    return "\n".join(rows)
