from django.conf import settings
from django.db import models
from django.urls import reverse


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    # A run whose first step the broker did not take (Redis down): the periodic resync queues it when it returns.
    WAITING = "waiting", "Waiting for the queue"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"
    CANCELLED = "cancelled", "Cancelled"


FINISHED = (Status.SUCCEEDED, Status.FAILED, Status.SKIPPED, Status.CANCELLED)
ACTIVE = (Status.WAITING, Status.QUEUED, Status.RUNNING)


class PipelineRun(models.Model):
    pipeline = models.SlugField(max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="pipeline_runs"
    )
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    decision = models.JSONField(default=dict, blank=True, help_text='{"action": …, "reasons": […]}')
    error = models.TextField(blank=True)
    cancel_requested = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the site last handed a step to the broker (a first step, or one resent)."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.pipeline} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("pipelines:run", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def can_cancel(self, user) -> bool:
        return not self.finished and user.is_authenticated and (user == self.user or user.is_staff)


class StepRun(models.Model):
    run = models.ForeignKey(PipelineRun, on_delete=models.CASCADE, related_name="steps")
    name = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    metrics = models.JSONField(default=dict, blank=True)
    log = models.JSONField(default=list, blank=True, help_text="Log lines, oldest first.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint(fields=["run", "name"], name="one_step_per_name")]

    def __str__(self) -> str:
        return f"{self.run} {self.name}"


class Artifact(models.Model):
    step = models.ForeignKey(StepRun, on_delete=models.CASCADE, related_name="artifacts")
    name = models.SlugField(max_length=80)
    title = models.CharField(max_length=160)
    path = models.CharField(max_length=300, help_text="Under MEDIA_ROOT.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step", "name"]
        constraints = [models.UniqueConstraint(fields=["step", "name"], name="one_artifact_per_name")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pipelines:artifact", args=[self.pk])


class PointResult(models.Model):
    """One finished job of a fan-out (a sweep's grid point). Unique per index, so a redelivered job records once."""

    step = models.ForeignKey(StepRun, on_delete=models.CASCADE, related_name="points")
    index = models.PositiveSmallIntegerField()
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["step", "index"]
        constraints = [models.UniqueConstraint(fields=["step", "index"], name="one_result_per_point")]

    def __str__(self) -> str:
        return f"{self.step} point {self.index}"
