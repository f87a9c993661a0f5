"""The starter content make run loads: a living site, earned through the real services, loaded once."""

import pytest

from community.accounts.models import Profile
from community.qa.demo import load_demo
from community.qa.models import Question

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once() -> None:
    report = load_demo()
    assert report.questions >= 60 and report.answers >= 60 and report.votes > 100
    assert Question.objects.filter(answer_count=0).exists()
    assert Question.objects.filter(accepted_answer__isnull=False).count() >= 20
    assert Profile.objects.filter(reputation__gt=50).exists()
    for q in Question.objects.all()[:80]:
        assert q.score == sum(q.votes.values_list("value", flat=True))
        assert "<script" not in q.body_html
    again = load_demo()
    assert (again.questions, again.skipped) == (0, report.questions)
