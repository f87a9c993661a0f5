"""The shipped library: every resource of the guidelines list, in our own words, plus the references it lacks;
a checklist per stage; the high-risk profiles. Loading is validated, atomic and idempotent."""

import json
import re
import shutil
from pathlib import Path

import pytest
from django.utils.text import slugify

from community.catalog.models import Stage
from community.ethics.loading import DATA_DIR, EthicsDataError, load_library
from community.ethics.models import Checklist, Kind, Resource, RiskProfile

pytestmark = pytest.mark.django_db
LIST = DATA_DIR / "lists" / "awesome-artificial-intelligence-guidelines.md"
ENTRY = re.compile(r"^[*-]\s+\[([^\]]+)\]\((https?://[^)\s]+)\)(.*)$")


def list_entries() -> list[tuple[str, str, str]]:
    entries = []
    for line in LIST.read_text().splitlines():
        m = ENTRY.match(line.strip())
        if m and "shields.io" not in m[2]:
            entries.append((m[1], m[2], re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", m[3]).strip(" -–:")))
    return entries


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def test_every_listed_resource_is_in_the_library_in_our_own_words() -> None:
    entries = list_entries()
    assert len(entries) >= 90
    # Found by title or, where the list's title is wrong ("Fair Credit Reporting Act 2018" is from 1970), by link.
    resources = list(Resource.objects.all())
    by_title = {slugify(r.title): r for r in resources}
    by_url = {r.url: r for r in resources}
    found = {title: by_title.get(slugify(title)) or by_url.get(url) for title, url, _ in entries}
    assert [title for title, resource in found.items() if resource is None] == []
    for title, _, description in entries:
        summary = words(found[title].summary)
        listed = words(description)
        runs = {tuple(listed[i : i + 8]) for i in range(len(listed) - 7)}
        copied = [" ".join(summary[i : i + 8]) for i in range(len(summary) - 7) if tuple(summary[i : i + 8]) in runs]
        assert copied == [], title


@pytest.mark.parametrize(
    "slug",
    [
        "model-cards",
        "datasheets-for-datasets",
        "us-nist-ai-risk-management-framework",
        "eu-ai-act-risk-tiers",
        "microsoft-fairlearn",
        "ai-fairness-360",
        "shap",
        "ai-incident-database",
    ],
)
def test_the_key_practical_references_are_there(slug: str) -> None:
    assert Resource.objects.filter(slug=slug).exists()


def test_resources_that_are_catalog_tools_link_to_them() -> None:
    assert Resource.objects.get(slug="microsoft-fairlearn").tools.filter(slug="fairlearn").exists()
    assert Resource.objects.get(slug="ai-fairness-360").tools.filter(slug="ai-fairness-360").exists()
    assert Resource.objects.get(slug="shap").tools.filter(slug="shap").exists()


def test_regulation_has_a_region_and_the_eu_has_its_laws() -> None:
    assert not Resource.objects.regulation().filter(region=None).exists()
    eu = set(Resource.objects.regulation().in_region("eu").values_list("slug", flat=True))
    assert {"eu-ai-act", "general-data-protection-regulation-gdpr", "eu-ai-act-risk-tiers"} <= eu
    assert set(Resource.objects.values_list("kind", flat=True)) == set(Kind.values)


def test_every_stage_has_a_checklist_and_every_check_cites_something() -> None:
    assert Checklist.objects.count() == Stage.objects.count()
    for checklist in Checklist.objects.prefetch_related("items__resources", "items__tools"):
        items = list(checklist.items.all())
        assert len(items) >= 4, checklist
        assert all(item.resources.all() or item.tools.all() for item in items), checklist


def test_the_high_risk_domains_are_profiled() -> None:
    slugs = set(RiskProfile.objects.values_list("slug", flat=True))
    assert {"lending", "hiring", "healthcare", "education", "insurance", "law-enforcement"} <= slugs
    assert "critical-infrastructure" in slugs
    for profile in RiskProfile.objects.prefetch_related("stages", "checks", "examples"):
        stages = {s.slug for s in profile.stages.all()}
        # Decisions about people need explainability and fairness; a safety component of the grid decides about
        # no one, and needs watching.
        about_people = profile.slug != "critical-infrastructure"
        assert ({"explainability-fairness"} if about_people else set()) | {"monitoring"} <= stages, profile
        assert profile.checks.count() >= 4 and profile.examples.count() >= 5, profile


def test_load_is_idempotent() -> None:
    report = load_library()
    assert not report.changed
    assert report.unchanged == Resource.objects.filter(source="curated").count()


def copy_data(tmp_path: Path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def test_invalid_data_names_the_entry_and_writes_nothing(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "resources-practice.json"
    entries = json.loads(path.read_text())
    entries[0]["title"] = "Changed title that must not be written"
    entries[3]["stages"] = ["no-such-stage"]
    path.write_text(json.dumps(entries))
    with pytest.raises(
        EthicsDataError, match=rf"resources-practice\.json: entry 4 \({entries[3]['slug']}\): unknown stages"
    ):
        load_library(data)
    assert not Resource.objects.filter(title="Changed title that must not be written").exists()


def test_a_check_citing_an_unknown_resource_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "checklists.json"
    checklists = json.loads(path.read_text())
    checklists[2]["items"][1]["resources"].append("no-such-resource")
    path.write_text(json.dumps(checklists))
    with pytest.raises(EthicsDataError, match=r"checklists\.json: entry 3 \(.+\), item 2: unknown resources"):
        load_library(data)


def test_a_keyword_too_long_to_be_found_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "risk_profiles.json"
    profiles = json.loads(path.read_text())
    profiles[1]["keywords"].append("a keyword of far more words than any phrase")
    path.write_text(json.dumps(profiles))
    with pytest.raises(
        EthicsDataError, match=r"risk_profiles\.json: .*keyword 'a keyword of far more.*' has more than"
    ):
        load_library(data)


def test_an_edited_file_updates_just_that_resource(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "resources-regulation.json"
    entries = json.loads(path.read_text())
    entries[0]["summary"] += " Edited."
    path.write_text(json.dumps(entries))
    report = load_library(data)
    assert (report.created, report.updated) == (0, 1)
    assert Resource.objects.get(slug=entries[0]["slug"]).summary.endswith(" Edited.")
