"""The starter Q&A content `make run` loads, so a new visitor finds a living site.

It goes through the same services as people do (so scores, answer counts and reputation are earned, not
typed in); a question whose title already exists is left alone, which makes a second load a no-op.
"""

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from community.accounts.models import Profile
from community.qa import services
from community.qa.models import Answer, Question, Tag

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo.json"


@dataclass
class DemoReport:
    questions: int = 0
    answers: int = 0
    votes: int = 0
    skipped: int = 0


@transaction.atomic
def load_demo(path: Path = DEMO_FILE) -> DemoReport:
    data = json.loads(path.read_text(encoding="utf-8"))
    User = get_user_model()
    long_ago = timezone.now() - timedelta(days=365)
    users = {}
    for person in data["users"]:
        user, created = User.objects.get_or_create(
            username=person["username"], defaults={"first_name": person.get("first_name", ""), "date_joined": long_ago}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Profile.objects.get_or_create(user=user, defaults={"bio": person.get("bio", "")[:200]})
        users[user.username] = user
    for tag in data["tags"]:
        services.tags_for([tag["slug"]])
        Tag.objects.filter(slug=tag["slug"], description="").update(description=tag["description"])

    report = DemoReport()
    existing = set(Question.objects.values_list("title", flat=True))
    pending_downvotes = []
    for item in data["questions"]:
        if item["title"] in existing:
            report.skipped += 1
            continue
        question = services.question_ask(
            author=users[item["author"]],
            title=item["title"],
            body=item["body"],
            tags=item["tags"],
            tools=item.get("tools", []),
        )
        when = timezone.now() - timedelta(days=item.get("days_ago", 1))
        Question.objects.filter(pk=question.pk).update(created_at=when, last_activity_at=when)
        report.questions += 1
        for name in item.get("upvotes", []):
            services.vote_cast(user=users[name], post=question, value=1)
            report.votes += 1
        pending_downvotes += [(users[name], question) for name in item.get("downvotes", [])]
        for entry in item.get("answers", []):
            answer = services.answer_create(author=users[entry["author"]], question=question, body=entry["body"])
            Answer.objects.filter(pk=answer.pk).update(created_at=when + timedelta(hours=3))
            report.answers += 1
            for name in entry.get("upvotes", []):
                services.vote_cast(user=users[name], post=answer, value=1)
                report.votes += 1
            pending_downvotes += [(users[name], answer) for name in entry.get("downvotes", [])]
            if entry.get("accepted"):
                services.answer_accept(user=users[item["author"]], answer=answer)
    # Downvotes last, once voters have earned the reputation they need; those who have not are left out.
    for user, post in pending_downvotes:
        try:
            services.vote_cast(user=user, post=post, value=-1)
            report.votes += 1
        except PermissionDenied:
            continue
    return report
