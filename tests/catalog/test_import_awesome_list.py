"""manage.py import_awesome_list: sections to stages, entries to tools; atomic, idempotent, precise errors."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from community.catalog.loading import DATA_DIR
from community.catalog.models import Tool

pytestmark = pytest.mark.django_db
ML_LIST = DATA_DIR / "lists" / "awesome-production-machine-learning.md"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_awesome_list", *args, stdout=out)
    return out.getvalue()


def test_import_into_an_empty_catalog_then_again_changes_nothing() -> None:
    Tool.objects.all().delete()
    first = run(str(ML_LIST), "--open-source")
    assert "Imported awesome-production-machine-learning.md into tools: " in first
    created = Tool.objects.count()
    assert created > 500
    assert "skipped 5 entries under 'Other Awesome Lists'" in first
    mlflow = Tool.objects.get(repository="https://github.com/mlflow/mlflow")
    assert mlflow.open_source and "experiment-tracking" in set(mlflow.stages.values_list("slug", flat=True))
    second = run(str(ML_LIST))
    assert ": 0 created, 0 updated," in second
    assert Tool.objects.count() == created


def test_existing_curated_tools_keep_their_summary() -> None:
    summary = Tool.objects.get(slug="mlflow").summary
    run(str(ML_LIST))
    assert Tool.objects.get(slug="mlflow").summary == summary


def test_malformed_line_is_reported_by_number_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "list.md"
    bad.write_text(
        "# My list\n\n## Feature Store\n* [Fine](https://fine.example) - ok\n* [Broken(https://x.example) - no\n"
    )
    before = Tool.objects.count()
    with pytest.raises(CommandError, match=r"line 5: expected"):
        run(str(bad))
    assert Tool.objects.count() == before
    assert not Tool.objects.filter(name="Fine").exists()


def test_custom_mapping_and_unknown_stage(tmp_path: Path) -> None:
    md = tmp_path / "list.md"
    md.write_text("## Drift Watchers\n* [DriftCat](https://github.com/example/driftcat) - watches drift\n")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Drift Watchers": "monitoring"}))
    assert ": 1 created, 0 updated, 0 skipped" in run(str(md), "--mapping", str(mapping))
    assert Tool.objects.get(slug="driftcat").primary_stage.slug == "monitoring"
    mapping.write_text(json.dumps({"Drift Watchers": "nowhere"}))
    with pytest.raises(CommandError, match="stages that do not exist: nowhere"):
        run(str(md), "--mapping", str(mapping))


def test_missing_file_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run("/nonexistent/list.md")
