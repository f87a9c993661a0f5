"""Synthetic questions for load testing: bulk-written, consistent (answer counts, accepted answers), marked by
their authors' usernames (synthetic-user-N)."""

import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from community.accounts.models import Profile
from community.qa import services
from community.qa.models import Answer, Question, Tag

USER_PREFIX = "synthetic-user-"
TOPICS = [
    "data drift",
    "feature freshness",
    "GPU batching",
    "model registry promotion",
    "label quality",
    "DAG retries",
    "vector index recall",
    "LLM evaluation",
    "PII redaction",
    "canary rollout",
]
CONTEXTS = [
    "on Kubernetes",
    "in a small team",
    "with Spark",
    "on SageMaker",
    "with a 7B model",
    "for tabular data",
    "in real time",
    "with Airflow",
    "on a budget",
    "under the EU AI Act",
]
ASKS = [
    "How do I handle",
    "What is the best way to monitor",
    "Why does my pipeline break on",
    "How should we test",
    "Is there a simple setup for",
]
TAGS = [
    "drift",
    "monitoring",
    "feature-store",
    "serving",
    "latency",
    "gpu",
    "kubernetes",
    "llm-ops",
    "data-validation",
    "orchestration",
]


@transaction.atomic
def seed_questions(
    count: int, seed_value: int = 11, progress: Callable[[int, int], None] | None = None, batch: int = 5000
) -> int:
    rng = random.Random(seed_value)
    User = get_user_model()
    users = list(User.objects.filter(username__startswith=USER_PREFIX).values_list("id", flat=True))
    if len(users) < 200:
        new = [User(username=f"{USER_PREFIX}{i}", password="!") for i in range(len(users), 200)]
        User.objects.bulk_create(new)
        users = list(User.objects.filter(username__startswith=USER_PREFIX).values_list("id", flat=True))
        Profile.objects.bulk_create([Profile(user_id=u) for u in users], ignore_conflicts=True)
    tags = services.tags_for(TAGS)
    have = Question.objects.filter(author_id__in=users).count()
    through = Question.tags.through
    now = timezone.now()
    created = 0
    for start in range(have, count, batch):
        size = min(batch, count - start)
        questions = []
        for n in range(start, start + size):
            title = f"{rng.choice(ASKS)} {rng.choice(TOPICS)} {rng.choice(CONTEXTS)}? (#{n})"
            body = f"We run {rng.choice(TOPICS)} {rng.choice(CONTEXTS)} and see failures weekly. What would you do?"
            when = now - timezone.timedelta(minutes=n)
            questions.append(
                Question(
                    title=title,
                    body=body,
                    body_html=f"<p>{body}</p>",
                    author_id=rng.choice(users),
                    score=rng.randint(-2, 30),
                    created_at=when,
                    last_activity_at=when,
                )
            )
        Question.objects.bulk_create(questions, batch_size=1000)
        ids = list(Question.objects.filter(author_id__in=users).order_by("-id").values_list("id", flat=True)[:size])
        through.objects.bulk_create(
            [through(question_id=q, tag_id=t.id) for q in ids for t in rng.sample(tags, 2)], batch_size=2000
        )
        answers = [
            Answer(
                question_id=q,
                author_id=rng.choice(users),
                body="Try a staged rollout.",
                body_html="<p>Try a staged rollout.</p>",
                score=rng.randint(0, 10),
            )
            for q in ids
            for _ in range(rng.choice([0, 1, 1, 2, 3]))
        ]
        Answer.objects.bulk_create(answers, batch_size=2000)
        counts: dict[int, int] = {}
        for a in answers:
            counts[a.question_id] = counts.get(a.question_id, 0) + 1
        Question.objects.bulk_update(
            [Question(id=q, answer_count=c) for q, c in counts.items()], ["answer_count"], batch_size=2000
        )
        created += size
        if progress:
            progress(start + size, count)
    if created:
        services.qa_changed()
    return created


@transaction.atomic
def remove_questions() -> int:
    deleted, _ = get_user_model().objects.filter(username__startswith=USER_PREFIX).delete()
    Tag.objects.filter(questions__isnull=True, description="").delete()
    if deleted:
        services.qa_changed()
    return deleted
