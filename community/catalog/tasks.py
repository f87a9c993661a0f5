from celery import shared_task

from community.catalog import indexing


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def embed_tools(tool_ids: list[int]) -> dict[str, int]:
    report = indexing.index_tools(tool_ids)
    return {"encoded": report.encoded, "deleted": report.deleted}


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def embed_stages() -> dict[str, int]:
    report = indexing.index_stages()
    return {"encoded": report.encoded, "deleted": report.deleted}
