"""The catalog's pages: landscape, list with facets, detail, stage, errors."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from community.catalog.models import Stage, Tool
from tests.factories import CloudFactory, LanguageFactory, ToolFactory

pytestmark = pytest.mark.django_db


def test_home_shows_every_stage_as_a_landscape(client) -> None:
    page = client.get("/").content.decode()
    for stage in Stage.objects.all():
        assert stage.name.replace("&", "&amp;") in page
    assert 'href="/tools/mlflow/"' in page
    assert 'name="q"' in page


def test_a_stage_counts_the_same_on_the_landscape_and_its_own_page(client) -> None:
    landscape = {block.stage.slug: block.total for block in client.get("/").context["landscape"]}
    stage_page = client.get("/stages/monitoring/").context["page"].paginator.count
    assert landscape["monitoring"] == stage_page == Tool.objects.in_stage("monitoring").count()
    assert stage_page > Tool.objects.filter(primary_stage__slug="monitoring").count()


def test_filter_to_open_source_monitoring_tools(client) -> None:
    response = client.get("/tools/", {"stage": "monitoring", "open_source": "true", "page": 1})
    assert response.status_code == 200
    names = {t.name for t in response.context["page"]}
    assert {"Evidently", "NannyML"} <= {t.name for t in Tool.objects.in_stage("monitoring").open_source()}
    assert all(t.open_source for t in response.context["page"])
    assert "Evidently" in names or response.context["page"].paginator.num_pages > 1
    assert response.context["page"].paginator.count == Tool.objects.in_stage("monitoring").open_source().count()
    primaries = [t.primary_stage.slug == "monitoring" for t in response.context["filter"].qs]
    assert primaries == sorted(primaries, reverse=True)  # tools filed under the stage come first


def test_facets_combine_and_count(client) -> None:
    response = client.get("/tools/", {"hosting": "managed", "cloud": "aws"})
    tools = list(response.context["filter"].qs)
    assert tools and all(t.managed and t.clouds.filter(slug="aws").exists() for t in tools)
    stage_counts = {o.slug: o.count for o in response.context["facets"]["stage"]}
    assert sum(stage_counts.values()) >= len(tools)


def test_libraries_are_a_hosting_facet_of_their_own(client) -> None:
    response = client.get("/tools/", {"hosting": "library"})
    tools = list(response.context["filter"].qs)
    assert tools and all(t.library for t in tools)
    option = next(o for o in response.context["facets"]["hosting"] if o.slug == "library")
    assert option.count == Tool.objects.filter(library=True).count() == len(tools)
    assert 'title="Runs inside your own code or machine: nothing to host">Library</span>' in response.content.decode()


def test_on_device_runtimes_are_a_hosting_facet(client) -> None:
    response = client.get("/tools/", {"hosting": "on-device", "stage": "serving"})
    tools = list(response.context["filter"].qs)
    assert tools and all(t.on_device for t in tools)
    assert "LiteRT" in {t.name for t in tools}
    option = next(o for o in response.context["facets"]["hosting"] if o.slug == "on-device")
    assert option.name.startswith("On device")
    assert ">On device</span>" in response.content.decode()
    api = client.get("/api/tools/litert/").json()
    assert api["hosting"] == ["library", "on-device"]


def test_a_facets_counts_say_what_ticking_one_more_value_adds(client) -> None:
    # Values of one facet are either-or, so its counts ignore its own choice and keep every other one.
    response = client.get("/tools/", {"hosting": "library", "open_source": "true"})
    hosting = {o.slug: o.count for o in response.context["facets"]["hosting"]}
    assert hosting["managed"] == Tool.objects.open_source().filter(managed=True).count()
    assert hosting["library"] == response.context["page"].paginator.count
    open_source = response.context["facets"]["open_source"][0].count
    assert open_source == Tool.objects.filter(library=True).open_source().count()
    assert open_source < Tool.objects.filter(library=True).count()  # else the test could not tell the two apart
    both = client.get("/tools/", {"hosting": ["library", "managed"], "open_source": "true"})
    assert (
        both.context["page"].paginator.count
        == Tool.objects.open_source().filter(Q(library=True) | Q(managed=True)).count()
    )


def test_keyword_search_and_sort(client) -> None:
    response = client.get("/tools/", {"search": "feature store", "sort": "-name"})
    names = [t.name for t in response.context["page"]]
    assert names == sorted(names, reverse=True)
    assert any(n == "Feast" for n in [t.name for t in response.context["filter"].qs])


@pytest.mark.parametrize("query", ["stage=nowhere", "open_source=perhaps", "sort=sideways", "cloud=mars"])
def test_bad_filter_values_say_what_is_wrong(client, query: str) -> None:
    response = client.get(f"/tools/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


def test_tool_page_shows_facts_integrations_and_alternatives(client) -> None:
    response = client.get("/tools/evidently/")
    assert response.status_code == 200
    alternatives = [t for t, _ in response.context["alternatives"]]
    assert alternatives
    # Same primary stage first.
    stages = [t.primary_stage.slug for t in alternatives]
    assert stages[0] == "monitoring"
    assert stages == sorted(stages, key=lambda s: s != "monitoring")


def test_stage_page_lists_its_tools(client) -> None:
    response = client.get("/stages/feature-store/")
    assert response.status_code == 200
    assert "Feast" in response.content.decode()


def test_unknown_pages_get_the_site_404(client) -> None:
    for url in ("/tools/no-such-tool/", "/stages/no-such-stage/", "/nothing-here/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "couldn’t find that page" in response.content.decode()


def test_500_page_is_in_the_site_look(client, settings) -> None:
    from django.test import RequestFactory

    from community.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content and b"Traceback" not in response.content


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/tools/",
        "/tools/?stage=serving&language=python",
        "/stages/serving/",
        "/tools/mlflow/",
        "/compare/?tools=mlflow,dvc,feast",
        "/api/tools/",
        "/api/tools/mlflow/",
    ],
)
def test_query_count_does_not_grow_with_the_catalog(client, url: str) -> None:
    before = _count_queries(client, url)
    serving = Stage.objects.get(slug="serving")
    python, aws = LanguageFactory(slug="python"), CloudFactory(slug="aws")
    mlflow = Tool.objects.get(slug="mlflow")
    for _ in range(60):
        tool = ToolFactory(primary_stage=serving, languages=[python], clouds=[aws])
        mlflow.integrations.add(tool)
    assert _count_queries(client, url) == before


def test_filters_that_match_nothing_say_so_and_stay_visible_to_untick(client) -> None:
    response = client.get("/tools/", {"open_source": "true", "hosting": "managed", "cloud": "aws"})
    assert response.status_code == 200 and response.context["page"].paginator.count == 0
    page = response.content.decode()
    assert "No tool matches these filters." in page
    assert '<input type="checkbox" name="cloud" value="aws" checked>' in page
