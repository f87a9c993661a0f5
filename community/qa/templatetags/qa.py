from django import template

register = template.Library()


@register.filter
def can_edit(post, user) -> bool:
    return post.can_edit(user)


@register.filter
def can_delete(post, user) -> bool:
    return post.can_delete(user)


@register.filter
def can_accept(question, user) -> bool:
    return question.can_accept(user)


@register.inclusion_tag("qa/tool_questions.html")
def latest_questions(tool, limit: int = 5) -> dict:
    """The newest questions about a catalog tool (linked to it, or tagged with its tag): one query."""
    from django.db.models import Q

    from community.qa.models import Question

    questions = (
        Question.objects.filter(Q(tools=tool) | Q(tags__tool=tool))
        .distinct()
        .only("id", "title", "answer_count", "score")
        .order_by("-created_at")[:limit]
    )
    return {"questions": list(questions), "tool": tool}
