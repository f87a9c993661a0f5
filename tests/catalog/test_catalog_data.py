"""The shipped catalog: complete, correctly filed, in the project's own words."""

import re
from pathlib import Path

import pytest

from community.catalog.loading import DATA_DIR, CatalogDataError, load_catalog, read_catalog
from community.catalog.models import Cloud, Stage, Tool

pytestmark = pytest.mark.django_db
LISTS = DATA_DIR / "lists"
REQUIRED_STAGES = [
    "data-labeling", "data-pipeline", "data-validation", "data-versioning", "feature-store", "experiment-tracking",
    "model-registry", "orchestration", "training", "hyperparameter-tuning", "serving", "monitoring",
    "explainability-fairness", "privacy-security", "vector-search", "llm-ops",
]  # fmt: skip


def test_required_stages_exist_in_order() -> None:
    slugs = list(Stage.objects.values_list("slug", flat=True))
    assert set(REQUIRED_STAGES) <= set(slugs)
    assert all(Stage.objects.get(slug=s).description for s in REQUIRED_STAGES)


@pytest.mark.parametrize("slug", [s["slug"] for s in read_catalog()[0]])
def test_every_stage_has_an_open_source_and_a_managed_option(slug: str) -> None:
    assert Tool.objects.in_stage(slug).open_source().exists()
    assert Tool.objects.in_stage(slug).managed().exists()


@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_each_cloud_has_at_least_six_components(cloud: str) -> None:
    assert Cloud.objects.get(slug=cloud).tools.count() >= 6


def test_managed_offerings_are_catalogued_per_component() -> None:
    commercial = Tool.objects.filter(managed=True, open_source=False)
    assert commercial.count() >= 60
    for slug in [
        "amazon-sagemaker-feature-store",
        "amazon-sagemaker-model-monitor",
        "amazon-sagemaker-clarify",
        "vertex-ai-pipelines",
        "pinecone",
        "tecton",
        "labelbox",
    ]:
        assert commercial.filter(slug=slug).exists(), slug


@pytest.mark.parametrize(
    ("slug", "primary", "also"),
    [
        ("mlflow", "experiment-tracking", {"model-registry"}),
        ("dvc", "data-versioning", set()),
        ("feast", "feature-store", set()),
        ("evidently", "monitoring", set()),
        ("fairlearn", "explainability-fairness", set()),
        ("nannyml", "monitoring", set()),
        ("great-expectations", "data-validation", set()),
        ("label-studio", "data-labeling", set()),
        ("optuna", "hyperparameter-tuning", set()),
    ],
)
def test_well_known_tools_are_filed_where_engineers_expect(slug: str, primary: str, also: set[str]) -> None:
    tool = Tool.objects.get(slug=slug)
    assert tool.primary_stage.slug == primary
    assert also <= set(tool.stages.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("slug", "open_source"),
    [("seldon-core", False), ("alibi-explain", False), ("alibi-detect", False), ("mlflow", True), ("feast", True)],
)
def test_open_source_means_osi_licence_today(slug: str, open_source: bool) -> None:
    assert Tool.objects.get(slug=slug).open_source is open_source


@pytest.mark.parametrize(
    ("slug", "hosting"),
    [
        ("xgboost", ["library"]),
        ("shap", ["library"]),
        ("dvc", ["library"]),
        ("evidently", ["library", "self-hosted", "managed"]),
        ("apache-airflow", ["self-hosted", "managed"]),
        ("triton-inference-server", ["self-hosted"]),
        ("amazon-sagemaker-clarify", ["managed"]),
    ],
)
def test_libraries_are_told_apart_from_services(slug: str, hosting: list[str]) -> None:
    # A library was once filed as self-hosted, so a team that hosts nothing could not be given XGBoost.
    assert Tool.objects.get(slug=slug).hosting == hosting


def _list_entries(name: str) -> dict[str, str]:
    text = (LISTS / name).read_text()
    entries = {}
    for line in text.splitlines():
        m = re.match(r"^\* \[[^\]]+\]\((https?://[^)\s]+)\)(.*)$", line.strip())
        if m:
            desc = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", m[2]).strip().lstrip("-– ").strip()
            entries[m[1].rstrip("/").lower()] = desc
    return entries


@pytest.mark.parametrize("name", ["awesome-production-machine-learning.md", "awesome-production-genai.md"])
def test_every_listed_tool_is_in_the_catalog_in_our_own_words(name: str) -> None:
    entries = _list_entries(name)
    main = entries if "genai" in name else {u: d for u, d in entries.items() if "awesome" not in u}
    tools = {t.repository.rstrip("/").lower(): t for t in Tool.objects.exclude(repository="")}
    tools |= {t.homepage.rstrip("/").lower(): t for t in Tool.objects.exclude(homepage="")}
    missing = [u for u in main if u not in tools]
    assert len(missing) <= 2, missing  # the lists carry a few duplicated/mislabelled links, fixed in our data
    for url, description in main.items():
        if url in tools and len(description) > 40:
            assert tools[url].summary.strip().lower() != description.lower(), url


def test_load_is_idempotent() -> None:
    report = load_catalog()
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == Tool.objects.count()


def _one_tool(tmp_path: Path, hosting: str, stage: str) -> None:
    (tmp_path / "tools").mkdir()
    for name in ("stages.json", "vocabulary.json"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text())
    (tmp_path / "tools" / "x.json").write_text(
        '[{"slug": "new-tool", "name": "New", "summary": "A new tool for tests.", "homepage": "", "repository": "",'
        f' "licence": "MIT", "open_source": true, "hosting": {hosting}, "clouds": [], "languages": ["python"],'
        f' "primary_stage": "{stage}", "stages": [], "domains": [], "integrations": []}}]'
    )


@pytest.mark.parametrize(
    "hosting",
    ['["managed", "library"]', '["library", "library"]', '["hosted"]', "[]", '["self-hosted", "on-device"]'],
)
def test_hosting_is_listed_once_each_in_order(tmp_path: Path, hosting: str) -> None:
    _one_tool(tmp_path, hosting, "serving")
    before = Tool.objects.count()
    with pytest.raises(CatalogDataError, match=r"x\.json: entry 1 \(new-tool\): hosting must"):
        load_catalog(tmp_path)
    assert Tool.objects.count() == before


def test_on_device_alone_is_refused(tmp_path: Path) -> None:
    # It says where the model runs; the hosting constraints need to know how the team runs the tool.
    _one_tool(tmp_path, '["on-device"]', "serving")
    with pytest.raises(CatalogDataError, match=r"new-tool\): on-device needs library, self-hosted or managed"):
        load_catalog(tmp_path)
    assert not Tool.objects.filter(slug="new-tool").exists()


def test_invalid_data_names_the_entry_and_writes_nothing(tmp_path: Path) -> None:
    _one_tool(tmp_path, '["self-hosted"]', "no-such-stage")
    before = Tool.objects.count()
    with pytest.raises(CatalogDataError, match=r"x\.json: entry 1 \(new-tool\): unknown stage"):
        load_catalog(tmp_path)
    assert Tool.objects.count() == before


def test_a_tool_whose_licence_covers_only_its_client_is_not_open_source() -> None:
    # A team that "only uses open source" cannot run such a tool's server: W&B and Neptune were once filed so.
    client_only = re.compile(r"licen[cs]e (applies to|covers) (only )?the client|client (SDK|library) only", re.I)
    wrong = [t.slug for t in Tool.objects.open_source() if client_only.search(t.summary)]
    assert wrong == []
