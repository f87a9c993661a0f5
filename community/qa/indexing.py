"""Feeds question texts to the embedding engine under kind "question"; finds similar questions."""

from community.qa.models import Question
from recommender import encoder, index, store
from recommender.store import SyncReport

KIND = "question"


def index_questions(question_ids: list[int] | None = None, progress=None) -> SyncReport:
    queryset = Question.objects.all() if question_ids is None else Question.objects.filter(id__in=question_ids)
    items = [(q.id, q.embedding_text()) for q in queryset.only("id", "title").iterator(chunk_size=2000)]
    if question_ids is None:
        return store.sync(KIND, items, progress)
    report = store.upsert(KIND, items)
    gone = set(question_ids) - {i for i, _ in items}
    if gone:
        report.deleted = store.delete(KIND, gone)
    return report


def similar_to_text(text: str, limit: int = 5) -> list[index.Hit]:
    return index.matrix(KIND).search(encoder.encode_one(text), k=limit)


def is_indexed(question_id: int) -> bool:
    return question_id in index.matrix(KIND).position


def similar_to_question(question_id: int, limit: int = 5) -> list[index.Hit]:
    return index.similar(KIND, question_id, k=limit)


def page_version() -> str:
    """Question pages show related questions, so their cache key follows both the Q&A and its vectors."""
    from community.qa.services import qa_version

    return f"{qa_version()}:{index.version(KIND)}"
