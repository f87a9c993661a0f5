from django.db import models

from community.core.search_terms import all_words_q

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
        return self.filter(all_words_q(text, ["title", "body"]))

    def for_list(self) -> "QuestionQuerySet":
        """What a question row shows, in a fixed number of queries."""
        return self.select_related("author__profile").prefetch_related("tags")
