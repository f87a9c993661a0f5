"""A team size left blank is read from the team's own words, where they state it; a size given wins."""

import pytest
from rest_framework.test import APIClient

from recommender.stacks.models import Recommendation
from recommender.stacks.team import size_in

FINTECH = (
    "We're three engineers at a fintech startup building a fraud model on transaction tables; we retrain weekly, "
    "must explain decisions to regulators, and only use open source"
)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        (FINTECH, 3),
        ("Team of 12 analysts and data scientists in an insurer's marketing department.", 12),
        ("Grocery chain, 6 data scientists. Daily demand forecasts for 12k SKUs.", 6),
        ("Robotics startup research group (5). Nothing is in production yet.", 5),
        ("Hi! We're a 12-person creative agency with a little internal tool.", 12),
        ("Food delivery platform, 15 in ML. Delivery times are shown at checkout.", 15),
        ("Retailer with ~120 data scientists spread across marketing and finance.", 120),
        # The team, named as such, wins over the company's head count that comes first.
        ("The company is now about 180 people. We are fifteen people across data engineering and science.", 15),
        ("Only data person at a 40-person B2B company. Sales wants leads scored.", 1),
        ("Just me and a colleague, we use Python and a shared drive.", 2),
        ("Me and my cofounder run a fantasy basketball app.", 2),
        ("Hobby project, just me. A camera on a Raspberry Pi at my bird feeder.", 1),
        ("We have a team of 1,200 engineers.", 1200),
        ("Three of us, mostly electrical engineers.", 3),
        ("Six in-house annotators plus QA review.", 6),
        ("Data team of 5 on AWS; we don't want to run clusters.", 5),
        ("We’re 5.", 5),
        # A count of something else comes first; the people come after.
        ("Our app is used by 2 million people; 6 engineers build it.", 6),
        ("A group of 3 hospitals shares data; 7 analysts run it.", 7),
        ("We sell hobby supplies online; 8 engineers build the shop.", 8),
        ("I taught myself ML; now I lead 12 engineers.", 12),
        ("A 300-person startup, 6 data scientists.", 6),
        # The team named outright wins, the first in the text first.
        ("We are 4 engineers supporting an analytics team of 40 people.", 4),
        # The ones doing the work ("only N of us", "N in ML") win over the larger team named before them.
        ("Maybe 40 people in data overall, but only 2 of us do ML.", 2),
        ("We're a team of 300 engineers but only 2 of us do ML.", 2),
        ("We are 200 engineers, 4 in ML.", 4),
        ("The three of us share one GPU box.", 3),
        # Two groups of people named together are one team.
        ("We are three data scientists and two engineers at a regional bank.", 5),
        ("A team of 4 engineers and 2 analysts.", 6),
        ("We're 3 engineers and 2 million users rely on the app.", 3),
        ("We're 3 data scientists and 200 analysts rely on our forecasts.", 3),
        ("We're 4 engineers and 2 of us do ML.", 4),
    ],
)
def test_a_stated_team_size_is_read(text: str, size: int) -> None:
    assert size_in(text) == size


@pytest.mark.parametrize(
    "text",
    [
        "We run 4 GPUs for 300 stores and retrain every 2 weeks.",
        "Accuracy went up 40% in two years; we're 40% over budget.",
        "A 40-person company wants churn scores in its CRM.",
        "A chatbot over our internal wiki that answers HR questions.",
        "(1) label the images, (2) train a detector; we call alert(1) when it fails.",
        "We are one of the largest insurers in Europe.",
        "We're one step away from launch, and 3 weeks from the audit.",
        "Our team is 100% remote and 2 years old, and ten times faster than before.",
        "Every 3 months the risk analysts retrain the model.",
        "We label 500 images per annotator; the model serves 1 in 5 people.",
        "We're twenty-five engineers.",  # a number it does not know is left blank, not read as five
    ],
)
def test_no_size_is_made_up(text: str) -> None:
    assert size_in(text) is None


def stages_of(body: dict) -> list[str]:
    return [entry["stage"] for entry in body["stack"]]


@pytest.mark.django_db
def test_a_blank_size_is_read_from_the_text_and_gives_the_stack_of_the_size_given(api: APIClient, client) -> None:
    read = api.post("/api/recommendations/", {"use_case": FINTECH, "open_source_only": True}, format="json").json()
    given = api.post(
        "/api/recommendations/", {"use_case": FINTECH, "open_source_only": True, "team_size": 3}, format="json"
    ).json()
    assert read["constraints"]["team_size"] == 3 and read["team_size_read"] is True
    assert given["constraints"]["team_size"] == 3 and given["team_size_read"] is False
    assert stages_of(read) == stages_of(given)

    page = client.get(Recommendation.objects.get(id=read["id"]).get_absolute_url()).content.decode()
    assert "team of 3 (read from your text)" in page
    # Choosing stages again sends the size as the person left it (blank), so it is read again, not fixed.
    assert '<input type="hidden" name="team_size" value="">' in page


@pytest.mark.django_db
def test_a_size_given_wins_over_the_text(api: APIClient) -> None:
    body = api.post(
        "/api/recommendations/", {"use_case": FINTECH, "open_source_only": True, "team_size": 40}, format="json"
    ).json()
    assert body["constraints"]["team_size"] == 40 and body["team_size_read"] is False
