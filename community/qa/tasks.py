from celery import shared_task

from community.qa import indexing


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def embed_questions(question_ids: list[int]) -> dict[str, int]:
    report = indexing.index_questions(question_ids)
    return {"encoded": report.encoded, "deleted": report.deleted}
