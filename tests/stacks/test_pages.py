"""/recommend/, the shareable recommendation page, one's own list, ratings, and asking the community."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.qa.models import Question
from recommender.stacks.models import Rating, Recommendation
from tests.factories import UserFactory, old_user

pytestmark = pytest.mark.django_db
TEXT = "We label product photos and train a classifier that tags new listings in our marketplace every night."


def recommend(client, **data) -> Recommendation:
    response = client.post("/recommend/", {"use_case": TEXT, "hosting": "any", **data})
    assert response.status_code == 302, response.content.decode()[:500]
    return Recommendation.objects.get(id=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def test_the_form_shows_the_stack_as_a_lifecycle(client) -> None:
    assert client.get("/recommend/").status_code == 200
    recommendation = recommend(client, open_source_only="on", team_size="2")
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert 'class="lifecycle"' in page
    for entry in recommendation.result["stack"]:
        assert entry["stage_name"].replace("&", "&amp;") in page
        if entry["tool"]:
            assert f"/tools/{entry['tool']['slug']}/" in page
    assert "Ask the community about this stack" in page


def test_errors_are_shown_on_the_form_and_nothing_is_saved(client) -> None:
    response = client.post("/recommend/", {"use_case": "short", "hosting": "nowhere", "team_size": "-1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "at least 10 characters" in page and "Select a valid choice" in page
    assert Recommendation.objects.count() == 0


def test_signed_in_people_see_theirs(client) -> None:
    user = old_user()
    client.force_login(user)
    mine = recommend(client)
    other = UserFactory()
    Recommendation.objects.create(user=other, use_case="Someone else's use case", result={"stack": []})
    page = client.get("/recommendations/").content.decode()
    assert mine.get_absolute_url() in page and "Someone else" not in page
    client.logout()
    assert client.get("/recommendations/").status_code == 302


def test_ones_own_recommendations_of_one_text_can_be_told_apart(client) -> None:
    client.force_login(old_user())
    first = recommend(client, open_source_only="on")
    second = recommend(client, stages=["serving", "monitoring"], cloud="aws")
    page = client.get("/recommendations/").content.decode()
    mine = page[page.index(second.get_absolute_url()) : page.index(first.get_absolute_url())]
    assert "AWS" in mine and "stages chosen" in mine  # the newest first, with what made it differ
    entry = second.result["stack"][0]
    assert html.escape(f"{entry['stage_name']}: {entry['tool']['name']}", quote=False) in mine
    assert "open source only" in page[page.index(first.get_absolute_url()) :]


def test_rating_once_per_person_and_visible_in_the_admin(client) -> None:
    recommendation = recommend(client)
    assert client.post(f"/recommendations/{recommendation.id}/rate/", {"helpful": "yes"}).status_code == 302
    assert not Rating.objects.exists()  # anonymous: sent to log in, nothing written
    user = old_user()
    client.force_login(user)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Nobody has rated it yet." in page
    assert not re.search(r'name="helpful" value="\w+" checked', page)  # no answer put in the person's mouth
    client.post(f"/recommendations/{recommendation.id}/rate/", {"helpful": "yes", "comment": "Spot on."})
    client.post(f"/recommendations/{recommendation.id}/rate/", {"helpful": "no", "comment": "Serving pick is odd."})
    rating = Rating.objects.get()
    assert (rating.helpful, rating.comment) == (False, "Serving pick is odd.")
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "0 of 1 person found it helpful" in page
    assert re.search(r'name="helpful" value="no" checked', page)  # their own rating, shown back
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert "Serving pick is odd." in client.get("/admin/stacks/rating/").content.decode()


def test_a_rating_without_a_choice_keeps_the_comment_typed(client) -> None:
    recommendation = recommend(client)
    client.force_login(old_user())
    response = client.post(f"/recommendations/{recommendation.id}/rate/", {"comment": "Registry pick is <odd>."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose helpful or not helpful." in page
    assert "Registry pick is &lt;odd&gt;." in page  # given back as typed, escaped
    assert not Rating.objects.exists()


def test_ask_the_community_prefills_the_ask_page(client) -> None:
    recommendation = recommend(client)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    ask = re.search(r'href="(/questions/ask/\?[^"]+)"', page)[1].replace("&amp;", "&")
    client.force_login(old_user())
    form = client.get(ask).content.decode()
    assert "Which MLOps stack for: We label product photos" in form
    assert "MLOps Hub recommended this stack" in form
    assert f"(http://testserver{recommendation.get_absolute_url()})" in form  # a link that works from the question


def test_the_prefilled_question_has_distinct_tags_and_a_title_cut_at_a_word(client) -> None:
    long_text = TEXT + " " + " ".join(["We also need drift alerts and a model registry for approvals."] * 4)
    recommendation = recommend(client, use_case=long_text)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    query = parse_qs(urlsplit(html.unescape(re.search(r'href="(/questions/ask/\?[^"]+)"', page)[1])).query)
    tools = [e["tool"]["slug"] for e in recommendation.result["stack"] if e["tool"]]
    tags = query["tags"][0].split()
    assert tags == list(dict.fromkeys(tools))[:5]
    title = query["title"][0]
    assert len(title) <= 140 and title.endswith("…") and long_text.split()[-1] not in title
    assert title[:-1] == title[:-1].rstrip() and f"{title[:-1].split()[-1]} " in long_text


def test_a_question_asked_from_a_recommendation_links_every_picked_tool(client) -> None:
    recommendation = recommend(client)
    page = client.get(recommendation.get_absolute_url()).content.decode()
    query = parse_qs(urlsplit(html.unescape(re.search(r'href="(/questions/ask/\?[^"]+)"', page)[1])).query)
    picked = {e["tool"]["slug"] for e in recommendation.result["stack"] if e["tool"]}
    assert set(query["tools"][0].split()) == picked
    client.force_login(old_user())
    form = client.get("/questions/ask/", {"tools": query["tools"][0]}).content.decode()
    assert query["tools"][0] in form  # the "Catalog tools" field is filled in
    response = client.post("/questions/ask/", {key: values[0] for key, values in query.items()})
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert set(question.tools.values_list("slug", flat=True)) == picked


def test_the_recommendation_page_query_count_is_fixed(client) -> None:
    small = Recommendation.objects.create(use_case="x" * 20, result={"stack": [], "constraints": {}})
    big = recommend(client)

    def count(recommendation: Recommendation) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(recommendation.get_absolute_url()).status_code == 200
        return len(ctx)

    assert count(small) == count(big)
