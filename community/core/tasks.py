from celery import shared_task

from community.core import services


@shared_task
def resync() -> dict[str, int]:
    return services.resync()
