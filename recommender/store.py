"""Writes to the vector store: upsert and delete embeddings of one kind, always bumping the kind's version."""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from recommender import encoder
from recommender.models import Embedding, IndexVersion

WRITE_CHUNK = 512


@dataclass
class SyncReport:
    encoded: int = 0
    unchanged: int = 0
    deleted: int = 0


def _to_bytes(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def _bump(kind: str) -> None:
    IndexVersion.objects.update_or_create(kind=kind, defaults={"version": uuid.uuid4().hex})


def upsert(
    kind: str,
    items: Iterable[tuple[int, str]],
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Embed the items whose text changed since they were last embedded; leave the rest alone."""
    items = list(items)
    stored_rows = Embedding.objects.filter(kind=kind)
    if len(items) < 1000:
        stored_rows = stored_rows.filter(object_id__in=[i for i, _ in items])
    stored = dict(stored_rows.values_list("object_id", "text_hash"))
    pending = [(oid, text, encoder.text_hash(text)) for oid, text in items]
    changed = [p for p in pending if stored.get(p[0]) != p[2]]
    report = SyncReport(unchanged=len(items) - len(changed))
    label = encoder.model_label()
    for start in range(0, len(changed), WRITE_CHUNK):
        chunk = changed[start : start + WRITE_CHUNK]
        vectors = encoder.encode([text for _, text, _ in chunk])
        rows = [
            Embedding(kind=kind, object_id=oid, model_name=label, text_hash=h, vector=_to_bytes(vec))
            for (oid, _, h), vec in zip(chunk, vectors, strict=True)
        ]
        with transaction.atomic():
            Embedding.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["kind", "object_id"],
                update_fields=["model_name", "text_hash", "vector", "updated_at"],
            )
            _bump(kind)
        report.encoded += len(chunk)
        if progress:
            progress(report.encoded, len(changed))
    return report


def touch(kind: str) -> None:
    """Mark a kind changed when what is learned from its vectors changed but the vectors did not."""
    with transaction.atomic():
        _bump(kind)


def delete(kind: str, object_ids: Iterable[int]) -> int:
    with transaction.atomic():
        deleted, _ = Embedding.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()
        if deleted:
            _bump(kind)
    return deleted


def sync(kind: str, items: Iterable[tuple[int, str]], progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Make the stored vectors of a kind match exactly the given items: embed what changed, drop what is gone."""
    items = list(items)
    keep = {oid for oid, _ in items}
    gone = set(Embedding.objects.filter(kind=kind).values_list("object_id", flat=True)) - keep
    report = upsert(kind, items, progress)
    report.deleted = delete(kind, gone) if gone else 0
    return report


def clear(kind: str) -> int:
    """Drop every vector of a kind, so the next sync embeds everything again."""
    return delete(kind, Embedding.objects.filter(kind=kind).values_list("object_id", flat=True))
