"""Bulk writes for loaders: upsert rows by a natural key, and set many-to-many links for many objects at once.

Both compare before writing, so a second load of the same data writes nothing and reports nothing changed.
"""

from typing import Any

from django.db import models


def upsert_by_key(
    model: type[models.Model], rows: dict[str, dict[str, Any]], key: str = "slug"
) -> tuple[dict[str, int], set[int]]:
    """Create or update one object per key with the given field values; return every key's id and the changed ids."""
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": list(rows)})}
    create, update = [], []
    for value, fields in rows.items():
        obj = existing.get(value)
        if obj is None:
            create.append(model(**{key: value}, **fields))
        elif any(getattr(obj, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(obj, k, v)
            update.append(obj)
    model.objects.bulk_create(create, batch_size=500)
    if update:
        names = list(next(iter(rows.values())).keys())
        if any(f.name == "updated_at" for f in model._meta.get_fields()):
            names.append("updated_at")
        model.objects.bulk_update(update, names, batch_size=500)
    ids = dict(model.objects.filter(**{f"{key}__in": list(rows)}).values_list(key, "id"))
    changed = {obj.id for obj in update} | {ids[getattr(obj, key)] for obj in create}
    return ids, changed


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
