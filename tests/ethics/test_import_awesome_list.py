"""import_awesome_list --into resources: the catalog's import mechanism, with sections mapped to resource kinds."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from community.ethics.loading import DATA_DIR
from community.ethics.models import Resource

pytestmark = pytest.mark.django_db
LIST = DATA_DIR / "lists" / "awesome-artificial-intelligence-guidelines.md"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_awesome_list", *args, stdout=out)
    return out.getvalue()


def test_import_into_an_empty_library_then_again_changes_nothing() -> None:
    Resource.objects.all().delete()
    first = run(str(LIST), "--into", "resources")
    assert "into resources: 95 created, 1 skipped" in first  # the ACM code is listed twice
    act = Resource.objects.get(title="EU AI Act")
    assert (act.kind, act.region.code) == ("regulation", "eu")
    assert Resource.objects.get(title__startswith="Smart Dubai").region.code == "ae"
    assert Resource.objects.get(title="Microsoft Fairlearn").kind == "toolkit"
    assert Resource.objects.get(title="Import AI").kind == "newsletter"
    assert Resource.objects.filter(kind="regulation", region__code="us").count() >= 10
    second = run(str(LIST), "--into", "resources")
    assert "0 created, 96 skipped" in second
    assert Resource.objects.count() == 95


def test_the_curated_library_already_holds_the_whole_list() -> None:
    before = {r.slug: r.summary for r in Resource.objects.all()}
    assert "into resources: 0 created, 96 skipped" in run(str(LIST), "--into", "resources")
    assert {r.slug: r.summary for r in Resource.objects.all()} == before


def test_a_malformed_line_is_reported_by_number_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("# Processes and Checklists\n\n* [Good one](https://example.org/a) - fine\n* [Broken](no-scheme)\n")
    before = Resource.objects.count()
    with pytest.raises(CommandError, match=r"line 4: the link 'no-scheme' is not an http\(s\) URL"):
        run(str(bad), "--into", "resources")
    assert Resource.objects.count() == before


def test_a_regulation_without_a_region_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("# Regulation and Policy\n\n## Atlantis\n\n* [Sea Act](https://example.org/sea) - a law\n")
    with pytest.raises(CommandError, match=r"line 5: a regulation needs a region"):
        run(str(bad), "--into", "resources")
    assert not Resource.objects.filter(title="Sea Act").exists()


def test_a_mapping_adds_sections_and_unknown_kinds_are_refused(tmp_path: Path) -> None:
    extra = tmp_path / "list.md"
    extra.write_text("# Reading\n\n* [Fairness in hiring](https://example.org/hiring) - notes\n")
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"Reading": "paper"}')
    assert "1 created" in run(str(extra), "--into", "resources", "--mapping", str(mapping))
    assert Resource.objects.get(title="Fairness in hiring").kind == "paper"
    mapping.write_text('{"Reading": "poem"}')
    with pytest.raises(CommandError, match="kinds that do not exist: poem"):
        run(str(extra), "--into", "resources", "--mapping", str(mapping))


def test_open_source_is_for_tools_only() -> None:
    with pytest.raises(CommandError, match="--open-source applies to tools only"):
        run(str(LIST), "--into", "resources", "--open-source")
