"""A person's corrected stages become an example case the stage model learns from, when a curator says so in the
admin; inferred stacks and texts that restate an evaluation case are refused; curated cases survive reloading the
shipped ones, and forgetting one takes its vectors with it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommender.models import Embedding
from recommender.stacks import services, stages
from recommender.stacks.constraints import Constraints
from recommender.stacks.evaluation import load_cases
from recommender.stacks.loading import load_examples
from recommender.stacks.models import ExampleCase, Recommendation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TEXT = (
    "Our bakery chain predicts how many loaves each shop sells tomorrow from the weather and past sales; the "
    "forecast goes into the ordering sheet every night and the shop managers complain when it is off."
)
CHOSEN = ["data-validation", "orchestration", "monitoring"]


def corrected(text: str = TEXT, stages_: list[str] | None = CHOSEN) -> Recommendation:
    user = UserFactory()
    return services.recommendation_create(user=user, use_case=text, constraints=Constraints(), stages=stages_)


def part_vectors(case: ExampleCase) -> int:
    return Embedding.objects.filter(kind=stages.EXAMPLE_KIND, object_id__in=case.parts.values("id")).count()


def test_a_corrected_recommendation_becomes_an_example_the_model_learns_from() -> None:
    recommendation = corrected()
    before = stages._current()
    case = services.example_learn(recommendation=recommendation)
    assert case.source == ExampleCase.Source.CURATED and case.recommendation == recommendation
    assert case.stages == sorted(CHOSEN) and case.use_case == TEXT
    assert case.parts.count() >= 2 and part_vectors(case) == case.parts.count()
    after = stages._current()
    assert after is not before
    assert case.key in stages.examples().keys

    # Learning it again changes nothing; reloading the shipped examples keeps it.
    assert services.example_learn(recommendation=recommendation).id == case.id
    assert ExampleCase.objects.filter(source=ExampleCase.Source.CURATED).count() == 1
    assert load_examples() == 0
    assert ExampleCase.objects.filter(pk=case.pk).exists()


def test_reloading_splits_a_curated_case_again_when_the_way_of_splitting_changed() -> None:
    case = services.example_learn(recommendation=corrected())
    split_now = list(case.parts.order_by("position").values_list("text", flat=True))
    case.parts.all().delete()  # as an older way of splitting left it: the whole text in one part
    case.parts.create(position=0, text=TEXT)
    assert load_examples() == 1
    assert list(case.parts.order_by("position").values_list("text", flat=True)) == split_now
    assert ExampleCase.objects.get(pk=case.pk).source == ExampleCase.Source.CURATED
    assert load_examples() == 0


def test_an_inferred_stack_is_not_learned_from() -> None:
    recommendation = corrected(stages_=None)
    with pytest.raises(ValidationError, match="inferred"):
        services.example_learn(recommendation=recommendation)
    assert not ExampleCase.objects.filter(source=ExampleCase.Source.CURATED).exists()


def test_a_text_that_restates_an_evaluation_case_is_refused() -> None:
    case = load_cases()[5]
    recommendation = corrected(text=case["use_case"])
    with pytest.raises(ValidationError, match=case["id"]):
        services.example_learn(recommendation=recommendation)
    assert not ExampleCase.objects.filter(source=ExampleCase.Source.CURATED).exists()


def test_forgetting_removes_curated_cases_and_their_vectors_and_keeps_shipped_ones() -> None:
    case = services.example_learn(recommendation=corrected())
    parts = list(case.parts.values_list("id", flat=True))
    shipped = ExampleCase.objects.filter(source=ExampleCase.Source.SHIPPED).first()
    assert services.examples_forget(cases=[case, shipped]) == 1
    assert not ExampleCase.objects.filter(pk=case.pk).exists() and ExampleCase.objects.filter(pk=shipped.pk).exists()
    assert not Embedding.objects.filter(kind=stages.EXAMPLE_KIND, object_id__in=parts).exists()


def test_curators_learn_and_forget_from_the_admin(client) -> None:
    good, inferred = corrected(), corrected(stages_=None)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:stacks_recommendation_changelist"),
        {"action": "learn_chosen_stages", "_selected_action": [str(good.id), str(inferred.id)]},
        follow=True,
    )
    text = response.content.decode()
    assert "1 example case(s) learned" in text and f"Not learned from {inferred.id}: Its stages were inferred" in text
    case = ExampleCase.objects.get(recommendation=good)
    response = client.post(
        reverse("admin:stacks_examplecase_changelist"),
        {"action": "forget", "_selected_action": [str(case.id)]},
        follow=True,
    )
    assert "1 curated example case(s) forgotten" in response.content.decode()
    assert not ExampleCase.objects.filter(pk=case.pk).exists()


def test_staff_without_permissions_cannot_learn_or_forget(client) -> None:
    recommendation = corrected()
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        reverse("admin:stacks_recommendation_changelist"),
        {"action": "learn_chosen_stages", "_selected_action": [str(recommendation.id)]},
    )
    assert response.status_code == 403
    assert not ExampleCase.objects.filter(recommendation=recommendation).exists()
