"""The embedding engine on its own: store by (kind, id), skip unchanged texts, exact search, live refresh."""

import numpy as np
import pytest

from recommender import encoder, index, store
from recommender.models import Embedding

pytestmark = pytest.mark.django_db
KIND = "test-doc"
DOCS = [
    (1, "Annotate images with bounding boxes"),
    (2, "Serve models behind a REST API"),
    (3, "Detect drift in production data"),
]


def test_model_is_loaded_once_and_vectors_are_normalised() -> None:
    assert encoder.get_model() is encoder.get_model()
    vectors = encoder.encode(["one", "two"])
    assert vectors.shape == (2, encoder.dimension())
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_upsert_search_and_skip_unchanged() -> None:
    first = store.upsert(KIND, DOCS)
    assert (first.encoded, first.unchanged) == (3, 0)
    assert store.upsert(KIND, DOCS).encoded == 0
    hits = index.search_text(KIND, "label pictures for object detection", k=3)
    assert hits[0].object_id == 1
    assert hits[0].score > hits[1].score >= hits[2].score


def test_search_is_exact_against_numpy() -> None:
    store.upsert(KIND, DOCS)
    query = encoder.encode_one("production monitoring")
    expected = encoder.encode([t for _, t in DOCS]) @ query
    got = {h.object_id: h.score for h in index.matrix(KIND).search(query, k=3)}
    assert np.allclose([got[i] for i, _ in DOCS], expected, atol=1e-5)


def test_changes_are_seen_without_a_restart() -> None:
    store.upsert(KIND, DOCS)
    query = encoder.encode_one("bounding boxes")
    before = index.matrix(KIND).scores(query, [1])[1]
    store.upsert(KIND, [(1, "A vector database for embeddings")])
    after = index.matrix(KIND).scores(query, [1])[1]
    assert after < before - 0.2
    store.delete(KIND, [2])
    assert 2 not in {h.object_id for h in index.search_text(KIND, "REST API", k=3)}


def test_sync_removes_what_is_gone_and_kinds_are_separate() -> None:
    store.upsert(KIND, DOCS)
    store.upsert("other-kind", [(1, "Unrelated")])
    report = store.sync(KIND, DOCS[:1])
    assert report.deleted == 2
    assert set(Embedding.objects.filter(kind=KIND).values_list("object_id", flat=True)) == {1}
    assert Embedding.objects.filter(kind="other-kind").count() == 1
    assert index.similar(KIND, 99) == []
