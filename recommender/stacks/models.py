import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from community.catalog.models import Stage


class StageNeed(models.Model):
    """A sentence a team writes when it needs a stage; without a stage, a sentence that implies none.

    The recommender compares each sentence of a use case with these (by embedding) to infer the stages it needs.
    """

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="needs", null=True, blank=True)
    text = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stage", "text"], name="stage_need_text")]

    def __str__(self) -> str:
        return self.text


class ExampleCase(models.Model):
    """A labelled use case the recommender learns from: a team's text and the stages an engineer would give it.

    Written apart from the evaluation set (data/eval_cases.json), which the recommender never trains on: shipped
    in data/train_cases.json, or curated from a recommendation whose stages a person corrected.
    """

    class Source(models.TextChoices):
        SHIPPED = "shipped", "Shipped (data/train_cases.json)"
        CURATED = "curated", "Curated from a person's corrected stages"

    key = models.SlugField(max_length=80, unique=True)
    use_case = models.TextField(max_length=5000)
    stages = models.JSONField(default=list, help_text="Stage slugs a competent engineer would require.")
    constraints = models.JSONField(default=dict)
    acceptable_tools = models.JSONField(
        default=dict, blank=True, help_text="Per stage slug, the tool slugs an engineer would accept for this case."
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SHIPPED)
    recommendation = models.OneToOneField(
        "Recommendation", on_delete=models.SET_NULL, null=True, blank=True, related_name="example"
    )

    def __str__(self) -> str:
        return self.key


class ExamplePart(models.Model):
    """One sentence or clause of an example case, as the recommender splits a team's text; embedded by id."""

    case = models.ForeignKey(ExampleCase, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["case", "position"]
        constraints = [models.UniqueConstraint(fields=["case", "position"], name="example_part_position")]

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.Model):
    """A recommended stack as it was computed: kept whole, so a shared link shows what its owner saw."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="recommendations"
    )
    use_case = models.TextField(max_length=5000)
    constraints = models.JSONField(default=dict)
    result = models.JSONField(default=dict, help_text="stack, risk_profiles, resources and questions, as served.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return self.use_case[:80]

    def get_absolute_url(self) -> str:
        return reverse("stacks:recommendation", args=[self.id])


class Rating(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stack_ratings")
    helpful = models.BooleanField()
    comment = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "user"], name="one_rating_per_person")]

    def __str__(self) -> str:
        return f"{'helpful' if self.helpful else 'not helpful'}: {self.recommendation_id}"
