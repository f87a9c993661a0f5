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
