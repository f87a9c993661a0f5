"""Writes of the stack recommender: a computed recommendation, saved whole; a person's rating of one."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from recommender.stacks import engine, result
from recommender.stacks.constraints import Constraints
from recommender.stacks.models import Rating, Recommendation


def recommendation_create(
    *,
    user: AbstractBaseUser | AnonymousUser,
    use_case: str,
    constraints: Constraints,
    stages: list[str] | None = None,
) -> Recommendation:
    """Compute the stack (outside any transaction: it reads, then one insert) and keep it under a shareable id.

    `stages`: stage slugs the person chose (checked by the form or serializer), instead of inferred ones."""
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
