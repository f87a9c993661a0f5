from django.db import models
from django.db.models import Q

ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "active": ("-last_activity_at", "-id"),
    "votes": ("-score", "-created_at"),
    "unanswered": ("-created_at", "-id"),
}


class QuestionQuerySet(models.QuerySet):
    def listed(self, order: str = "newest") -> "QuestionQuerySet":
        queryset = self.filter(answer_count=0) if order == "unanswered" else self
        return queryset.order_by(*ORDERINGS[order])

    def tagged(self, slug: str) -> "QuestionQuerySet":
        return self.filter(tags__slug=slug)

    def matching(self, text: str) -> "QuestionQuerySet":
        condition = Q()
        for word in text.split()[:8]:
            condition &= Q(title__icontains=word) | Q(body__icontains=word)
        return self.filter(condition)

    def for_list(self) -> "QuestionQuerySet":
        """What a question row shows, in a fixed number of queries."""
        return self.select_related("author__profile").prefetch_related("tags")
