"""A tool's embedding is refreshed by a real Celery worker, on the configured broker, after the edit commits."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from community.catalog import indexing, services
from community.celery import app
from recommender.models import Embedding
from tests.factories import StageFactory, ToolFactory


@pytest.fixture
def worker(transactional_db):
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30) as w:
        yield w


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_editing_a_tool_re_embeds_it_on_the_worker(worker) -> None:
    tool = ToolFactory(
        name="Driftwatch",
        summary="Alerts when production data drifts.",
        primary_stage=StageFactory(slug="monitoring-x"),
    )
    indexing.index_tools([tool.id])
    before = Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash

    services.tool_update(tool, summary="Labels images with bounding boxes for object detection.")

    assert wait_for(lambda: Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash != before)
    hits = indexing.similar(tool.id, k=1)  # the in-memory matrix picked up the new vector without a restart
    assert Embedding.objects.filter(kind=indexing.KIND, object_id=tool.id).count() == 1
    assert hits == [] or hits[0].object_id != tool.id


def test_deleting_a_tool_drops_its_vector_on_the_worker(worker) -> None:
    tool = ToolFactory()
    indexing.index_tools([tool.id])
    tool_id = tool.id
    services.tool_delete(tool)
    assert wait_for(lambda: not Embedding.objects.filter(kind=indexing.KIND, object_id=tool_id).exists())


def test_a_rolled_back_edit_enqueues_nothing(worker) -> None:
    from django.db import transaction

    tool = ToolFactory()
    indexing.index_tools([tool.id])
    before = Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash
    with pytest.raises(RuntimeError), transaction.atomic():
        services.tool_update(tool, summary="Something else entirely, about serving models.")
        raise RuntimeError("abort")
    time.sleep(2)
    assert Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash == before
