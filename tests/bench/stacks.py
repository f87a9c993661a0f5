"""`make bench` (or `python -m tests.bench.run --stacks`): POST /api/recommendations/ against the real server.

The floor it is held to (at most 3 times) is one encode of the use case plus the vector searches a recommendation needs:
the stage-need and risk-example products, the catalog's tool vectors and a question search, timed in a fresh
process on the same texts. Measured with the shipped catalog and again with 10,000 synthetic tools.
"""

import subprocess
import sys

from tests.bench.run import REQUESTS, ROOT, Server, post_ms, timed_median_ms

N = max(60, REQUESTS // 3)


def bodies() -> list[dict]:
    from recommender.stacks.evaluation import load_cases

    return [{"use_case": c["use_case"], **c["constraints"]} for c in load_cases()]


def _reference(n: int) -> float:
    from recommender import encoder, index

    def once(body: dict) -> None:
        vector = encoder.encode_one(body["use_case"])
        for kind in ("stage_need", "risk_example"):
            index.matrix(kind).vectors @ vector
        index.matrix("tool").search(vector, k=100)
        index.matrix("question").search(vector, k=5)

    return timed_median_ms(once, bodies(), n)


def reference_ms(n: int = N) -> float:
    code = f"import tests.bench.stacks as b; print(b._reference({n}))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def stacks_phase(label: str) -> dict:
    from community.catalog.models import Tool

    reference = reference_ms()
    with Server(API_WRITE_RATE="100000/minute") as server:
        served = post_ms(server.port, "/api/recommendations/", bodies(), n=N, expect=201)
    return {"phase": label, "tools": Tool.objects.count(), "reference_ms": reference, "post_ms": served}


def table(rows: list[dict]) -> str:
    lines = [
        "| figure | target | " + " | ".join(f"{r['phase']} ({r['tools']} tools)" for r in rows) + " |",
        "|---|---|" + "---|" * len(rows),
        "| encode + searches, median |  | " + " | ".join(f"{r['reference_ms']:.2f} ms" for r in rows) + " |",
        "| `POST /api/recommendations/`, median | ≤ 3× encode + searches | "
        + " | ".join(f"{r['post_ms']:.2f} ms ({r['post_ms'] / r['reference_ms']:.2f}×)" for r in rows)
        + " |",
    ]
    return "\n".join(lines)
