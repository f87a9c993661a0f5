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
