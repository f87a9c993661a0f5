from celery import shared_task

from community.ethics import indexing


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def embed_resources(resource_ids: list[int]) -> dict[str, int]:
    report = indexing.index_resources(resource_ids)
    return {"encoded": report.encoded, "deleted": report.deleted}


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def embed_risk_examples() -> dict[str, int]:
    report = indexing.index_risk_examples()
    return {"encoded": report.encoded, "deleted": report.deleted}
