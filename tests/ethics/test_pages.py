"""The library's pages, and the library on catalog pages: tried as a new user would."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.catalog.models import Stage, Tool
from community.ethics.models import Region, Resource, Topic
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_from_the_fairlearn_page_to_the_fairness_checklist_and_eu_regulation(client) -> None:
    page = client.get("/tools/fairlearn/").content.decode()
    assert "Responsible AI" in page
    checklist_url = "/ethics/checklists/explainability-fairness/"
    assert checklist_url in links(page)
    # The regulation that applies, grouped by region, with the EU first-class.
    eu_block = page[page.index(">European Union<") :]
    assert "EU AI Act" in eu_block[:2000]
    checklist = client.get(checklist_url).content.decode()
    assert "Responsible-AI checklist" in checklist and "data-print" in checklist
    assert "/tools/fairlearn/" in links(checklist)
    act = Resource.objects.get(slug="eu-ai-act")
    detail = client.get(act.get_absolute_url()).content.decode()
    assert act.url in links(detail) and "European Union" in detail


def test_a_stage_page_shows_its_checklist(client) -> None:
    page = client.get("/stages/monitoring/").content.decode()
    assert "/ethics/checklists/monitoring/" in links(page)


def test_filter_resources_to_eu_regulation(client) -> None:
    response = client.get("/ethics/", {"kind": "regulation", "region": "eu"})
    assert response.status_code == 200
    shown = {r.slug for r in response.context["page"]}
    assert "eu-ai-act" in shown and "health-insurance-portability-and-accountability-act-of-1996" not in shown
    assert response.context["page"].paginator.count == Resource.objects.regulation().in_region("eu").count()
    kinds = {o["slug"]: o["count"] for o in response.context["facets"]["kind"]}
    assert kinds == {"regulation": response.context["page"].paginator.count}


def test_search_by_meaning_on_the_page(client) -> None:
    response = client.get("/ethics/", {"search": "document a dataset's origin and intended use"})
    top = [r.slug for r in list(response.context["page"])[:5]]
    assert "datasheets-for-datasets" in top, top


def test_a_bad_filter_gets_a_400_page_naming_it(client) -> None:
    response = client.get("/ethics/", {"kind": "law"})
    assert response.status_code == 400
    assert "kind" in response.content.decode() and "Clear all filters" in response.content.decode()


def test_describe_a_use_case_and_get_its_profile(client) -> None:
    response = client.get("/ethics/risk-profiles/", {"use_case": "credit scoring for small-business loans"})
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["matches"][0].profile.slug == "lending"
    assert "/ethics/risk-profiles/lending/" in links(page)
    lending = client.get("/ethics/risk-profiles/lending/").content.decode()
    assert "Stages your stack must include" in lending and "/ethics/checklists/explainability-fairness/" in links(
        lending
    )


def test_an_empty_use_case_is_a_form_error(client) -> None:
    response = client.get("/ethics/risk-profiles/", {"use_case": " "})
    assert response.status_code == 400
    assert "Describe the use case" in response.content.decode()


def test_checklists_print_cleanly(client) -> None:
    page = client.get("/ethics/checklists/training/").content.decode()
    assert 'media="print"' in page and "print.css" in page
    assert 'class="no-print"' in page or "no-print" in page


def test_unknown_pages_are_404(client) -> None:
    assert client.get("/ethics/checklists/nope/").status_code == 404
    assert client.get("/ethics/resources/nope/").status_code == 404
    assert client.get("/ethics/risk-profiles/nope/").status_code == 404


def test_library_and_checklist_query_counts_do_not_grow_with_data(client) -> None:
    stage = Stage.objects.get(slug="training")
    topic = Topic.objects.first()
    tool = Tool.objects.get(slug="fairlearn")
    eu = Region.objects.get(code="eu")

    def counts() -> tuple[int, int, int]:
        result = []
        for url in ("/ethics/", "/ethics/checklists/training/", "/tools/fairlearn/"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return tuple(result)

    before = counts()
    for _ in range(30):
        ResourceFactory(kind="regulation", region=eu, stages=[stage], topics=[topic], tools=[tool])
    assert counts() == before


def test_resource_filters_that_match_nothing_say_so_and_stay_visible_to_untick(client) -> None:
    used = set(Resource.objects.values_list("kind", "region__code"))
    region = next(r for r in Region.objects.order_by("code") if ("course", r.code) not in used)
    response = client.get("/ethics/", {"kind": "course", "region": region.code})
    assert response.status_code == 200 and response.context["page"].paginator.count == 0
    page = response.content.decode()
    assert "No resource matches." in page
    assert f'value="{region.code}" checked' in page


def test_regions_are_listed_by_name(client) -> None:
    regions = [option["name"] for option in client.get("/ethics/").context["facets"]["region"]]
    assert regions == sorted(regions)
