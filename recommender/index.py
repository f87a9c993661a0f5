"""Exact vector search over an in-memory matrix per kind, reloaded when the kind's stored version moves."""

import threading
from dataclasses import dataclass

import numpy as np

from recommender import encoder
from recommender.models import Embedding, IndexVersion


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float


@dataclass(frozen=True)
class _Matrix:
    version: str
    ids: np.ndarray
    vectors: np.ndarray
    position: dict[int, int]


_matrices: dict[str, _Matrix] = {}
_lock = threading.Lock()


def _load(kind: str, version: str) -> _Matrix:
    rows = list(Embedding.objects.filter(kind=kind).order_by("object_id").values_list("object_id", "vector"))
    if not rows:
        return _Matrix(version, np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32), {})
    ids = np.fromiter((oid for oid, _ in rows), dtype=np.int64, count=len(rows))
    vectors = np.vstack([np.frombuffer(bytes(vec), dtype="<f4") for _, vec in rows])
    return _Matrix(version, ids, vectors, {int(oid): i for i, oid in enumerate(ids)})


def matrix(kind: str) -> _Matrix:
    """The kind's vectors, costing one small query when nothing changed since the last call in this process."""
    version = IndexVersion.objects.filter(kind=kind).values_list("version", flat=True).first() or ""
    current = _matrices.get(kind)
    if current is not None and current.version == version:
        return current
    with _lock:
        current = _matrices.get(kind)
        if current is None or current.version != version:
            current = _load(kind, version)
            _matrices[kind] = current
    return current


def search_vector(kind: str, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None) -> list[Hit]:
    m = matrix(kind)
    if not len(m.ids) or k <= 0:
        return []
    scores = m.vectors @ vector.astype(np.float32, copy=False)
    want = min(len(scores), k + len(exclude or ()))
    top = np.argpartition(-scores, want - 1)[:want]
    top = top[np.argsort(-scores[top], kind="stable")]
    hits = [Hit(int(m.ids[i]), float(scores[i])) for i in top if not exclude or int(m.ids[i]) not in exclude]
    return hits[:k]


def search_text(kind: str, text: str, k: int = 10) -> list[Hit]:
    return search_vector(kind, encoder.encode_one(text), k)


def similar(kind: str, object_id: int, k: int = 10) -> list[Hit]:
    """Nearest neighbours of a stored object; empty when the object has no embedding yet."""
    m = matrix(kind)
    pos = m.position.get(object_id)
    if pos is None:
        return []
    return search_vector(kind, m.vectors[pos], k, exclude={object_id})


def score_ids(kind: str, vector: np.ndarray, object_ids: list[int]) -> dict[int, float]:
    """Similarity of the vector to specific stored objects (those without a vector are left out)."""
    m = matrix(kind)
    rows = [(oid, m.position[oid]) for oid in object_ids if oid in m.position]
    if not rows:
        return {}
    scores = m.vectors[[pos for _, pos in rows]] @ vector.astype(np.float32, copy=False)
    return {oid: float(s) for (oid, _), s in zip(rows, scores, strict=True)}


def score_all(kind: str, vector: np.ndarray) -> dict[int, float]:
    """Similarity of the vector to every stored object of a small kind."""
    m = matrix(kind)
    if not len(m.ids):
        return {}
    return dict(zip(m.ids.tolist(), (m.vectors @ vector.astype(np.float32, copy=False)).tolist(), strict=True))
