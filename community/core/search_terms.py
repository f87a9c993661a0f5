from django.db.models import Q

MAX_WORDS = 8


def all_words_q(text: str, fields: list[str]) -> Q:
    """Every word of the text must appear (case-insensitively) in at least one of the fields."""
    condition = Q()
    for word in text.split()[:MAX_WORDS]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition
