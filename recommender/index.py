"""Exact vector search over an in-memory matrix per kind, reloaded when the kind's stored version moves."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np

from recommender import encoder
from recommender.models import Embedding, IndexVersion


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float


@dataclass(frozen=True)
class Matrix:
    """The stored vectors of one kind as of one version: rows of `vectors` belong to `ids`."""

    version: str
    ids: np.ndarray
    vectors: np.ndarray
    position: dict[int, int]

    def search(self, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None) -> list[Hit]:
        if not len(self.ids) or k <= 0:
            return []
        scores = self.vectors @ vector.astype(np.float32, copy=False)
        want = min(len(scores), k + len(exclude or ()))
        top = np.argpartition(-scores, want - 1)[:want]
        top = top[np.argsort(-scores[top], kind="stable")]
        hits = [Hit(int(self.ids[i]), float(scores[i])) for i in top if not exclude or int(self.ids[i]) not in exclude]
        return hits[:k]

    def scores(self, vector: np.ndarray, object_ids: list[int]) -> dict[int, float]:
        """Similarity to specific stored objects (those without a vector are left out)."""
        rows = [(oid, self.position[oid]) for oid in object_ids if oid in self.position]
        if not rows:
            return {}
        values = self.vectors[[pos for _, pos in rows]] @ vector.astype(np.float32, copy=False)
        return {oid: float(s) for (oid, _), s in zip(rows, values, strict=True)}

    def all_scores(self, vector: np.ndarray) -> dict[int, float]:
        if not len(self.ids):
            return {}
        return dict(
            zip(self.ids.tolist(), (self.vectors @ vector.astype(np.float32, copy=False)).tolist(), strict=True)
        )

    def similar(self, object_id: int, k: int = 10) -> list[Hit]:
        """Nearest neighbours of a stored object; empty when the object has no vector yet."""
        pos = self.position.get(object_id)
        if pos is None:
            return []
        return self.search(self.vectors[pos], k, exclude={object_id})


_matrices: dict[str, Matrix] = {}
_lock = threading.Lock()


def _load(kind: str, version: str) -> Matrix:
    rows = list(Embedding.objects.filter(kind=kind).order_by("object_id").values_list("object_id", "vector"))
    if not rows:
        return Matrix(version, np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32), {})
    ids = np.fromiter((oid for oid, _ in rows), dtype=np.int64, count=len(rows))
    vectors = np.vstack([np.frombuffer(bytes(vec), dtype="<f4") for _, vec in rows])
    return Matrix(version, ids, vectors, {int(oid): i for i, oid in enumerate(ids)})


@dataclass
class _Reading:
    versions: dict[str, str] | None = None


# Per context (thread): one request's reading never answers another's.
_reading: ContextVar[_Reading | None] = ContextVar("index_reading", default=None)


@contextmanager
def one_reading() -> Iterator[None]:
    """Inside, the versions of every kind are read once, in one query, on first use: a request that searches
    several kinds sees one state of them all and asks the database once, not at every search. A nested block
    shares the outer one's reading."""
    if _reading.get() is not None:
        yield
        return
    token = _reading.set(_Reading())
    try:
        yield
    finally:
        _reading.reset(token)


def _versions(kinds: tuple[str, ...]) -> dict[str, str]:
    reading = _reading.get()
    if reading is None:
        return dict(IndexVersion.objects.filter(kind__in=kinds).values_list("kind", "version"))
    if reading.versions is None:
        reading.versions = dict(IndexVersion.objects.values_list("kind", "version"))
    return reading.versions


def matrices(*kinds: str) -> dict[str, Matrix]:
    """The kinds' current matrices, for one small query when nothing changed since this process last looked
    (none inside `one_reading` once it has read)."""
    versions = _versions(kinds)
    result = {}
    for kind in kinds:
        version = versions.get(kind, "")
        current = _matrices.get(kind)
        if current is None or current.version != version:
            with _lock:
                current = _matrices.get(kind)
                if current is None or current.version != version:
                    current = _load(kind, version)
                    _matrices[kind] = current
        result[kind] = current
    return result


def matrix(kind: str) -> Matrix:
    return matrices(kind)[kind]


def search_text(kind: str, text: str, k: int = 10) -> list[Hit]:
    return matrix(kind).search(encoder.encode_one(text), k)


def similar(kind: str, object_id: int, k: int = 10) -> list[Hit]:
    return matrix(kind).similar(object_id, k)


def version(kind: str) -> str:
    """The kind's current version token (changes with every write to its vectors)."""
    return _versions((kind,)).get(kind, "")
