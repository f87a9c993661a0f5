"""Set many-to-many links for many tools at once through the through-table, in a handful of queries."""

from django.db import models


def sync_m2m(model: type[models.Model], field: str, desired: dict[int, set[int]]) -> set[int]:
    """Make `field` of each object id in `desired` point at exactly the given target ids; return the ids that changed."""
    descriptor = getattr(model, field)
    through = descriptor.through
    source_col = descriptor.field.m2m_field_name() + "_id"
    target_col = descriptor.field.m2m_reverse_field_name() + "_id"
    current: dict[int, set[int]] = {}
    for src, dst in through.objects.filter(**{f"{source_col}__in": list(desired)}).values_list(source_col, target_col):
        current.setdefault(src, set()).add(dst)
    add, remove = [], []
    for src, targets in desired.items():
        have = current.get(src, set())
        add += [through(**{source_col: src, target_col: dst}) for dst in targets - have]
        remove += [(src, dst) for dst in have - targets]
    symmetrical = descriptor.field.remote_field.symmetrical and descriptor.field.remote_field.model == model
    if symmetrical:
        # A symmetrical relation stores both directions; mirror what we write so each side agrees.
        add += [through(**{source_col: row.__dict__[target_col], target_col: row.__dict__[source_col]}) for row in add]
        remove += [(dst, src) for src, dst in remove]
    if add:
        through.objects.bulk_create(add, ignore_conflicts=True, batch_size=500)
    for src, dst in remove:
        through.objects.filter(**{source_col: src, target_col: dst}).delete()
    return {row.__dict__[source_col] for row in add} | {src for src, _ in remove}
