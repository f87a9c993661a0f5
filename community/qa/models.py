from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from community.catalog.models import Stage, Tool
from community.qa.querysets import QuestionQuerySet

TITLE_MIN, TITLE_MAX = 15, 150
TAGS_MIN, TAGS_MAX = 1, 5


class Tag(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    description = models.TextField(blank=True)
    # A tag that names a catalog tool or stage links to it (set when the tag is created).
    tool = models.ForeignKey(Tool, null=True, blank=True, on_delete=models.SET_NULL, related_name="qa_tags")
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="qa_tags")

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("qa:tag", args=[self.slug])


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", "Duplicate of another question"
    OFF_TOPIC = "off-topic", "Off-topic"
    UNCLEAR = "unclear", "Unclear what is being asked"


class Post(models.Model):
    body = models.TextField()
    body_html = models.TextField(editable=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.IntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Question(Post):
    title = models.CharField(max_length=TITLE_MAX)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions")
    tags = models.ManyToManyField(Tag, related_name="questions")
    tools = models.ManyToManyField(Tool, related_name="questions", blank=True)
    answer_count = models.IntegerField(default=0)
    accepted_answer = models.OneToOneField("Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_activity_at = models.DateTimeField(db_index=True)
    closed_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["-score", "-created_at"]), models.Index(fields=["answer_count", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qa:question", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return bool(self.closed_reason)

    def can_edit(self, user) -> bool:
        return user.is_authenticated and (user.pk == self.author_id or user.is_staff)

    def can_delete(self, user) -> bool:
        return user.is_authenticated and ((user.pk == self.author_id and self.answer_count == 0) or user.is_staff)

    def can_accept(self, user) -> bool:
        return user.is_authenticated and user.pk == self.author_id

    def embedding_text(self) -> str:
        # The title alone: it is what people type when looking for similar questions, and it embeds ~10x
        # faster than title plus body, which matters at 100,000 questions.
        return self.title


class Answer(Post):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers")

    class Meta:
        ordering = ["-score", "created_at"]
        indexes = [models.Index(fields=["question", "-score", "created_at"])]

    def __str__(self) -> str:
        return f"Answer {self.pk} to {self.question_id}"

    def get_absolute_url(self) -> str:
        return f"{reverse('qa:question', args=[self.question_id])}#answer-{self.pk}"

    def can_edit(self, user) -> bool:
        return user.is_authenticated and (user.pk == self.author_id or user.is_staff)

    can_delete = can_edit


class Vote(models.Model):
    """One person's vote on one post; a post's score is always the sum of its vote rows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField()
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(value__in=[-1, 1]), name="vote_value_plus_or_minus_one"),
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="vote_on_exactly_one_post",
            ),
            models.UniqueConstraint(
                fields=["user", "question"], condition=Q(question__isnull=False), name="vote_once_per_question"
            ),
            models.UniqueConstraint(
                fields=["user", "answer"], condition=Q(answer__isnull=False), name="vote_once_per_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.value:+d} on {self.question_id or self.answer_id}"


class Revision(models.Model):
    """The state of a post after each edit (and at creation), so its history can be shown."""

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=TITLE_MAX, blank=True)
    body = models.TextField()
    tags = models.CharField(max_length=250, blank=True)
    comment = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="revision_of_exactly_one_post",
            )
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk}"


class QaState(models.Model):
    """A token that every Q&A write changes: cached anonymous list pages are keyed on it."""

    version = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.version
