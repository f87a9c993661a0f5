"""Writes that span the apps: the periodic resync that makes up for work the task queue never received."""

from community.catalog import indexing as catalog_indexing
from community.ethics import indexing as ethics_indexing
from community.pipelines import services as pipeline_services
from community.qa import indexing as qa_indexing


def resync() -> dict[str, int]:
    """Queue the pipeline runs waiting for the broker, send again those whose message it lost, settle those a
    lost worker left going (failed, or completed when every step had succeeded), and embed every row whose
    vector is missing or stale.

    Idempotent and cheap when nothing is behind: the embedding syncs compare text hashes and encode only what
    changed, and a waiting run is taken by one conditional update. Run by Celery beat every RESYNC_SECONDS.
    """
    return {
        "runs_queued": pipeline_services.runs_queue_waiting(),
        "runs_resent": pipeline_services.runs_resend_lost(),
        "runs_reaped": pipeline_services.runs_reap_stuck(),
        "tools_embedded": catalog_indexing.index_all().encoded,
        "resources_embedded": ethics_indexing.index_all().encoded,
        "questions_embedded": qa_indexing.index_questions().encoded,
    }
