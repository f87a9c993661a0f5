"""`make bench`: the catalog's performance figures, measured against the real server on the embedded default.

Phases: (1) the shipped catalog, (2) the same plus 10,000 synthetic tools, then Q&A at 100,000 questions
(`--qa` alone), the responsible-AI library (`--ethics` alone, see tests/bench/ethics.py) the stack
recommender (`--stacks` alone, see tests/bench/stacks.py) and the pipeline demos (`--pipelines` alone). In each, gunicorn (the `make run`
configuration) serves the site and this process times sequential requests: a static file, /tools/, /api/tools/
and /api/search/. The search reference, one query encode plus one vector search, is timed in this process on
the same queries. Index build throughput is compared with raw `model.encode` on the same texts.
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from community.catalog import indexing, synthetic  # noqa: E402
from community.catalog.models import Tool  # noqa: E402
from recommender import encoder, index, store  # noqa: E402
from tests import servers  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))
QUERIES = [
    "keep track of which hyperparameters made which model",
    "label images for object detection",
    "serve a pytorch model behind a REST API",
    "detect data drift in production",
    "feature store for real-time features",
    "version large datasets with git",
    "explain predictions of a credit model",
    "vector database for RAG",
    "orchestrate ML pipelines on kubernetes",
    "check incoming data quality",
    "trace LLM prompts and their cost",
    "train with differential privacy",
    "compress a model for mobile",
    "managed notebook environment on AWS",
    "A/B test two model versions in production",
    "synthetic tabular data generation",
]


def get(port: int, path: str) -> float:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


def medians_ms(port: int, groups: dict[str, list[str]], n: int = REQUESTS) -> dict[str, float]:
    """Median latency per group of paths, requests interleaved across groups so that drift hits all alike."""
    for paths in groups.values():
        for path in paths[:5]:
            get(port, path)
    times: dict[str, list[float]] = {name: [] for name in groups}
    for i in range(n):
        for name, paths in groups.items():
            times[name].append(get(port, paths[i % len(paths)]))
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def post_ms(port: int, path: str, bodies: list[dict], n: int = REQUESTS, expect: int = 200) -> float:
    """Median latency of JSON POSTs cycling through the bodies, after five warm-up requests."""

    def once(body: dict) -> float:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        data = json.dumps(body)
        started = time.perf_counter()
        conn.request("POST", path, data, {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        conn.close()
        if response.status != expect:
            raise RuntimeError(f"{path} answered {response.status}")
        return elapsed

    for body in bodies[:5]:
        once(body)
    return statistics.median(once(bodies[i % len(bodies)]) for i in range(n)) * 1000


class Server(servers.Server):
    """gunicorn as `make run` starts it, with one search served so that timings start warm."""

    def __init__(self, **env: str) -> None:
        super().__init__(warm=True, **env)


def search_reference_ms(n: int = REQUESTS, kind: str = indexing.KIND, k: int = 100) -> float:
    """One query encode plus one exact vector search over a kind's matrix, timed in a fresh process (as the
    server's workers are), so that this process's bulk encoding does not colour the figure."""
    code = f"import tests.bench.run as b; print(b._reference({n}, {kind!r}, {k}))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=os.environ, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def timed_median_ms(once, inputs: list, n: int) -> float:
    """Median time of `once(input)` over n calls cycling through the inputs, after five warm-up calls."""
    for item in inputs[:5]:
        once(item)
    times = []
    for i in range(n):
        started = time.perf_counter()
        once(inputs[i % len(inputs)])
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _reference(n: int, kind: str = indexing.KIND, k: int = 100) -> float:
    def once(text: str) -> None:
        index.matrix(kind).search(encoder.encode_one(text), k=k)

    return timed_median_ms(once, QUERIES, n)


def index_throughput() -> tuple[float, float, int]:
    """Texts per second: raw model.encode in batches, and a full index rebuild, on the same texts (best of two)."""
    texts = [text for _, text in indexing._items(Tool.objects.all())]
    raw, build = [], []
    for _ in range(2):
        started = time.perf_counter()
        encoder.encode(texts, batch_size=settings.EMBEDDING_BATCH_SIZE)
        raw.append(len(texts) / (time.perf_counter() - started))
        store.clear(indexing.KIND)
        started = time.perf_counter()
        indexing.index_all()
        build.append(len(texts) / (time.perf_counter() - started))
    return max(raw), max(build), len(texts)


def phase(name: str) -> dict:
    raw, build, n = index_throughput()
    search_paths = [f"/api/search/?q={quote(q)}" for q in QUERIES]
    reference = search_reference_ms()
    with Server() as server:
        served = medians_ms(
            server.port, {"static": ["/static/css/site.css"], "tools": ["/tools/"], "api": ["/api/tools/"]}
        )
        search = medians_ms(server.port, {"search": search_paths})["search"]
    with Server(PAGE_CACHE_SECONDS="0") as server:
        cold = medians_ms(server.port, {"tools": ["/tools/"], "api": ["/api/tools/"]}, n=60)
    static, tools, api = served["static"], served["tools"], served["api"]
    tools_cold, api_cold = cold["tools"], cold["api"]
    return {
        "phase": name,
        "tools": Tool.objects.count(),
        "static_ms": static,
        "tools_ms": tools,
        "api_tools_ms": api,
        "tools_uncached_ms": tools_cold,
        "api_tools_uncached_ms": api_cold,
        "search_ms": search,
        "search_reference_ms": reference,
        "texts": n,
        "encode_per_s": raw,
        "build_per_s": build,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| figure | target | " + " | ".join(f"{r['phase']} ({r['tools']} tools)" for r in rows) + " |",
        "|---|---|" + "---|" * len(rows),
    ]

    def line(label: str, target: str, cell) -> None:
        lines.append(f"| {label} | {target} | " + " | ".join(cell(r) for r in rows) + " |")

    line("static file, median", "", lambda r: f"{r['static_ms']:.2f} ms")
    line(
        "`/tools/`, median", "≤ 5× static", lambda r: f"{r['tools_ms']:.2f} ms ({r['tools_ms'] / r['static_ms']:.1f}×)"
    )
    line(
        "`/api/tools/`, median",
        "≤ 5× static",
        lambda r: f"{r['api_tools_ms']:.2f} ms ({r['api_tools_ms'] / r['static_ms']:.1f}×)",
    )
    line("`/tools/` uncached (page cache off)", "", lambda r: f"{r['tools_uncached_ms']:.1f} ms")
    line("`/api/tools/` uncached (page cache off)", "", lambda r: f"{r['api_tools_uncached_ms']:.1f} ms")
    line("encode + vector search, median", "", lambda r: f"{r['search_reference_ms']:.2f} ms")
    line(
        "`/api/search/`, median",
        "≤ 1.5× encode + search",
        lambda r: f"{r['search_ms']:.2f} ms ({r['search_ms'] / r['search_reference_ms']:.2f}×)",
    )
    line("raw `model.encode`, texts/s", "", lambda r: f"{r['encode_per_s']:.0f} ({r['texts']} texts)")
    line(
        "index build, texts/s",
        "≥ 0.9× raw",
        lambda r: f"{r['build_per_s']:.0f} ({r['build_per_s'] / r['encode_per_s']:.2f}×)",
    )
    return "\n".join(lines)


def qa_phase(count: int = 100_000) -> str:
    """Q&A at scale: list and question pages against a static file, similar-question search against its reference."""
    from community.qa import indexing as qa_indexing
    from community.qa import synthetic as qa_synthetic
    from community.qa.demo import load_demo
    from community.qa.models import Question

    load_demo()
    started = time.perf_counter()
    qa_synthetic.seed_questions(count)
    seeded = time.perf_counter() - started
    started = time.perf_counter()
    qa_indexing.index_questions()
    embedded = time.perf_counter() - started
    total = Question.objects.count()
    matrix = index.matrix(qa_indexing.KIND)
    mib = matrix.vectors.nbytes / 2**20
    ids = list(Question.objects.filter(answer_count__gte=1).order_by("-id").values_list("id", flat=True)[:20])
    many = Question.objects.order_by("-answer_count").values_list("id", flat=True).first()
    reference = search_reference_ms(kind=qa_indexing.KIND, k=5)
    similar_paths = [f"/api/questions/similar/?q={quote(q)}&limit=5" for q in QUERIES]
    with Server() as server:
        served = medians_ms(
            server.port,
            {"static": ["/static/css/site.css"], "list": ["/questions/"], "page": [f"/questions/{i}/" for i in ids]},
        )
        similar = medians_ms(server.port, {"similar": similar_paths})["similar"]
    with Server(PAGE_CACHE_SECONDS="0") as server:
        cold = medians_ms(
            server.port,
            {"list": ["/questions/"], "page": [f"/questions/{i}/" for i in ids], "busy": [f"/questions/{many}/"]},
            n=60,
        )
    qa_synthetic.remove_questions()
    qa_indexing.index_questions()
    s = served["static"]
    rows = [
        f"| figure | target | Q&A ({total} questions) |",
        "|---|---|---|",
        f"| static file, median |  | {s:.2f} ms |",
        f"| `/questions/`, median | ≤ 5× static | {served['list']:.2f} ms ({served['list'] / s:.1f}×) |",
        f"| question page, median | ≤ 5× static | {served['page']:.2f} ms ({served['page'] / s:.1f}×) |",
        f"| `/questions/` uncached |  | {cold['list']:.1f} ms |",
        f"| question page uncached |  | {cold['page']:.1f} ms (busiest page: {cold['busy']:.1f} ms) |",
        f"| encode + vector search (k=5), median |  | {reference:.2f} ms |",
        f"| `/api/questions/similar/`, median | ≤ 1.5× encode + search | {similar:.2f} ms ({similar / reference:.2f}×) |",
        f"| question index in memory | stated | {mib:.0f} MiB float32 ({matrix.vectors.shape[0]} × {matrix.vectors.shape[1]}) |",
        f"| seeding {count} questions / embedding their titles |  | {seeded:.0f} s / {embedded:.0f} s ({count / embedded:.0f} titles/s) |",
    ]
    return "\n".join(rows)


def setup_library() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    call_command("load_ethics", verbosity=0)
    call_command("load_recommender", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    indexing.index_all()


def recommender_phases() -> str:
    from tests.bench import stacks

    setup_library()
    synthetic.remove()
    indexing.index_all()
    rows = [stacks.stacks_phase("catalog")]
    print(json.dumps(rows[-1]), flush=True)
    synthetic.seed(10_000)
    indexing.index_all()
    rows.append(stacks.stacks_phase("catalog + 10k synthetic"))
    synthetic.remove()
    indexing.index_all()
    return stacks.table(rows)


def main() -> None:
    from tests.bench.ethics import ethics_phase

    if "--load" in sys.argv:
        from tests.bench.load import load_phase

        setup_library()
        print(load_phase())
        return
    if "--pipelines" in sys.argv:
        from tests.bench.pipelines import pipelines_phase

        setup_library()
        print(pipelines_phase())
        return
    if "--stacks" in sys.argv:
        print(recommender_phases())
        return
    if "--ethics" in sys.argv:
        setup_library()
        print(ethics_phase())
        return
    if "--qa" in sys.argv:
        call_command("migrate", verbosity=0)
        call_command("load_catalog", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        indexing.index_all()
        print(qa_phase(int(os.environ.get("BENCH_QUESTIONS", "100000"))))
        return
    call_command("migrate", verbosity=0)
    call_command("load_catalog", verbosity=0)
    synthetic.remove()
    call_command("collectstatic", interactive=False, verbosity=0)
    rows = [phase("catalog")]
    print(json.dumps(rows[-1]), flush=True)
    synthetic.seed(10_000)
    rows.append(phase("catalog + 10k synthetic"))
    print(json.dumps(rows[-1]), flush=True)
    synthetic.remove()
    indexing.index_all()
    print()
    print(table(rows))
    print()
    print(qa_phase(int(os.environ.get("BENCH_QUESTIONS", "100000"))))
    print()
    setup_library()
    print(ethics_phase())
    print()
    print(recommender_phases())
    from tests.bench.pipelines import pipelines_phase

    print()
    print(pipelines_phase())
    from tests.bench.load import load_phase

    print()
    print(load_phase())


if __name__ == "__main__":
    main()
