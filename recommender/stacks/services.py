"""Writes of the stack recommender: a computed recommendation, saved whole; a person's rating of one; a
person's corrected stages, curated into an example case the stage model learns from."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from recommender import index
from recommender.stacks import engine, evaluation, loading, result
from recommender.stacks.constraints import Constraints
from recommender.stacks.models import ExampleCase, Rating, Recommendation


def recommendation_create(
    *,
    user: AbstractBaseUser | AnonymousUser,
    use_case: str,
    constraints: Constraints,
    stages: list[str] | None = None,
) -> Recommendation:
    """Compute the stack (outside any transaction: it reads, then one insert) and keep it under a shareable id.

    `stages`: stage slugs the person chose (checked by the form or serializer), instead of inferred ones."""
    with index.one_reading():  # the stack and the questions and laws shown with it search one state of the index
        stack = engine.recommend(use_case, constraints, stages)
        payload = result.as_json(stack, use_case)
    return Recommendation.objects.create(
        user=user if user.is_authenticated else None,
        use_case=use_case,
        constraints=constraints.as_dict(),
        result=payload,
    )


@transaction.atomic
def rating_submit(
    *, user: AbstractBaseUser, recommendation: Recommendation, helpful: bool, comment: str = ""
) -> Rating:
    """One rating per person per recommendation; rating again replaces the earlier one."""
    if not user.is_authenticated:
        raise ValidationError("Log in to rate a recommendation.")
    rating, _ = Rating.objects.update_or_create(
        recommendation=recommendation, user=user, defaults={"helpful": helpful, "comment": comment.strip()}
    )
    return rating


def example_learn(*, recommendation: Recommendation) -> ExampleCase:
    """Make a recommendation whose stages a person chose into an example case, so that the stage model learns
    what such a team needs. Its stages are the stack's (the chosen ones and those a high-risk domain requires).
    Learning it twice changes nothing. Refused, with the reason, for an inferred stack (it would teach the model
    its own guesses) and for a text that restates an evaluation case (it would flatter the figures).

    The parts are embedded here, not in a task: a curator's action on a few rows, and the periodic resync, which
    lives in the apps, may not reach into the recommender."""
    case = _example_save(recommendation)
    loading.index_examples()
    return case


def examples_learn(*, recommendations: Iterable[Recommendation]) -> tuple[int, dict[str, str]]:
    """`example_learn` for many, embedding once at the end: how many were learned, and why each other one was
    refused (by recommendation id)."""
    learned, refused = 0, {}
    for recommendation in recommendations:
        try:
            _example_save(recommendation)
            learned += 1
        except ValidationError as exc:
            refused[str(recommendation.id)] = " ".join(exc.messages)
    if learned:
        loading.index_examples()
    return learned, refused


def _example_save(recommendation: Recommendation) -> ExampleCase:
    if not recommendation.result.get("stages_chosen"):
        raise ValidationError("Its stages were inferred, not chosen by a person: there is nothing to learn from it.")
    restated = evaluation.restated_case(recommendation.use_case)
    if restated is not None:
        raise ValidationError(f"Its text restates the evaluation case {restated!r}, which must stay unseen.")
    stages = sorted({entry["stage"] for entry in recommendation.result.get("stack", [])})
    with transaction.atomic():
        case = ExampleCase.objects.filter(recommendation=recommendation).first() or ExampleCase(
            key=f"curated-{recommendation.id}", source=ExampleCase.Source.CURATED, recommendation=recommendation
        )
        loading.example_save(case, recommendation.use_case, stages, recommendation.constraints)
    return case


def examples_forget(*, cases: list[ExampleCase]) -> int:
    """Delete curated example cases and their vectors; shipped ones stay (data/train_cases.json owns them)."""
    with transaction.atomic():
        curated = ExampleCase.objects.filter(id__in=[c.id for c in cases], source=ExampleCase.Source.CURATED)
        _, deleted = curated.delete()
    loading.index_examples()
    return deleted.get(ExampleCase._meta.label, 0)
