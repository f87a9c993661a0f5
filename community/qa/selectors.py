"""Reads for the Q&A pages and API; each runs a fixed number of queries however many answers or votes."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.urls import reverse

from community.qa import indexing
from community.qa.models import Answer, Question, Revision, Tag, Vote

LIST_ORDERS = ("newest", "active", "votes", "unanswered")


def question_list(order: str = "newest", tag: str = "", text: str = "") -> QuerySet:
    questions = Question.objects.for_list().listed(order if order in LIST_ORDERS else "newest")
    if tag:
        questions = questions.tagged(tag)
    if text:
        questions = questions.matching(text)
    return questions


def answers_for(question: Question) -> list[Answer]:
    """Accepted first, then by score: one query."""
    answers = list(question.answers.select_related("author__profile"))
    answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    return answers


def attach_my_votes(user: AbstractBaseUser, question: Question, answers: list[Answer]) -> None:
    """Set `my_vote` (1, -1 or 0) on the question and each answer for the viewer: one query at most."""
    mine: dict[str, int] = {}
    if user.is_authenticated:
        votes = Vote.objects.filter(Q(question=question) | Q(answer__in=[a.pk for a in answers]), user=user)
        mine = {("q" if v.question_id else f"a{v.answer_id}"): v.value for v in votes}
    question.my_vote = mine.get("q", 0)
    for answer in answers:
        answer.my_vote = mine.get(f"a{answer.pk}", 0)


def related_questions(question: Question, limit: int = 5) -> list[tuple[Question, float]]:
    hits = indexing.similar_to_question(question.pk, limit)
    found = Question.objects.only("id", "title", "score", "answer_count").in_bulk([h.object_id for h in hits])
    return [(found[h.object_id], h.score) for h in hits if h.object_id in found]


@dataclass(frozen=True)
class SimilarQuestion:
    pk: int
    title: str
    answer_count: int

    def get_absolute_url(self) -> str:
        return reverse("qa:question", args=[self.pk])


def similar_to_text(text: str, limit: int = 5) -> list[tuple[SimilarQuestion, float]]:
    """Questions closest in meaning to the text: one encode, one vector search, one light query."""
    if len(text.strip()) < 3:
        return []
    hits = indexing.similar_to_text(text, limit)
    rows = Question.objects.filter(id__in=[h.object_id for h in hits]).values_list("id", "title", "answer_count")
    found = {row[0]: SimilarQuestion(*row) for row in rows}
    return [(found[h.object_id], h.score) for h in hits if h.object_id in found]


def revisions_of(post: Question | Answer) -> QuerySet:
    field = "question" if isinstance(post, Question) else "answer"
    return Revision.objects.filter(**{field: post}).select_related("editor")


def tag_list() -> QuerySet:
    from django.db.models import Count

    return (
        Tag.objects.annotate(question_count=Count("questions"))
        .select_related("tool", "stage")
        .order_by("-question_count", "slug")
    )


def profile_activity(person: AbstractBaseUser) -> dict:
    return {
        "questions": Question.objects.filter(author=person).order_by("-created_at")[:20],
        "answers": Answer.objects.filter(author=person).select_related("question").order_by("-created_at")[:20],
        "question_count": Question.objects.filter(author=person).count(),
        "answer_count": Answer.objects.filter(author=person).count(),
    }
