"""/compare/: two to six tools side by side, differing rows marked, clear errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_compare_evidently_nannyml_arize(client) -> None:
    response = client.get("/compare/", {"tools": "evidently,nannyml,arize-ax"})
    assert response.status_code == 200
    assert "Scroll the table sideways to see all 3 tools." in response.content.decode()  # shown on phones
    assert [t.slug for t in response.context["tools"]] == ["evidently", "nannyml", "arize-ax"]
    rows = {r.label: r for r in response.context["rows"]}
    assert rows["Open source"].differs  # Arize AX is commercial
    assert rows["Open source"].cells == ["Yes", "Yes", "No"]
    assert not rows["Primary stage"].differs
    html = response.content.decode()
    assert 'class="differs"' in html
    assert "?tools=nannyml,arize-ax" in html  # remove Evidently


def test_add_a_tool_by_name(client) -> None:
    response = client.get("/compare/", {"tools": "evidently,nannyml", "add": "mlflow"})
    assert response.status_code == 302
    assert response["Location"] == "/compare/?tools=evidently%2Cnannyml%2Cmlflow"
    response = client.get("/compare/", {"tools": "evidently,nannyml", "add": "Arize AX"})
    assert response["Location"] == "/compare/?tools=evidently%2Cnannyml%2Carize-ax"


@pytest.mark.parametrize(
    ("typed", "slug"), [("Comet", "comet-ml"), ("COMET", "comet"), ("comet", "comet"), ("comet-ml", "comet-ml")]
)
def test_names_that_differ_only_in_case_add_the_tool_typed(client, typed: str, slug: str) -> None:
    # The experiment tracker is "Comet"; the translation metric is "COMET" (slug "comet").
    response = client.get("/compare/", {"tools": "evidently,nannyml", "add": typed})
    assert response["Location"] == f"/compare/?tools=evidently%2Cnannyml%2C{slug}"


@pytest.mark.parametrize(
    ("tools", "message"),
    [
        ("evidently", "at least 2"),
        ("", "at least 2"),
        ("a,b,c,d,e,f,g", "At most 6"),
        ("evidently,not-a-tool", "not-a-tool"),
    ],
)
def test_bad_selections_explain_themselves(client, tools: str, message: str) -> None:
    response = client.get("/compare/", {"tools": tools})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_added_tool(client) -> None:
    response = client.get("/compare/", {"tools": "evidently", "add": "Nonexistent Thing"})
    assert response.status_code == 400
    assert "Nonexistent Thing" in response.content.decode()


def test_compare_page_from_the_menu_is_a_starting_point(client) -> None:
    response = client.get("/compare/")
    assert response.status_code == 200
    assert "Add two to six tools" in response.content.decode()
