"""A tool's embedding is refreshed by a real Celery worker, on the configured broker, after the edit commits."""

import time

import pytest

from community.catalog import indexing, services
from recommender.models import Embedding
from tests.factories import StageFactory, ToolFactory
from tests.servers import wait


def test_editing_a_tool_re_embeds_it_on_the_worker(inprocess_worker) -> None:
    tool = ToolFactory(
        name="Driftwatch",
        summary="Alerts when production data drifts.",
        primary_stage=StageFactory(slug="monitoring-x"),
    )
    indexing.index_tools([tool.id])
    before = Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash

    services.tool_update(tool, summary="Labels images with bounding boxes for object detection.")

    assert wait(lambda: Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash != before, 60)
    hits = indexing.similar(tool.id, k=1)  # the in-memory matrix picked up the new vector without a restart
    assert Embedding.objects.filter(kind=indexing.KIND, object_id=tool.id).count() == 1
    assert hits == [] or hits[0].object_id != tool.id


def test_deleting_a_tool_drops_its_vector_on_the_worker(inprocess_worker) -> None:
    tool = ToolFactory()
    indexing.index_tools([tool.id])
    tool_id = tool.id
    services.tool_delete(tool)
    assert wait(lambda: not Embedding.objects.filter(kind=indexing.KIND, object_id=tool_id).exists(), 60)


def test_a_rolled_back_edit_enqueues_nothing(inprocess_worker) -> None:
    from django.db import transaction

    tool = ToolFactory()
    indexing.index_tools([tool.id])
    before = Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash
    with pytest.raises(RuntimeError), transaction.atomic():
        services.tool_update(tool, summary="Something else entirely, about serving models.")
        raise RuntimeError("abort")
    time.sleep(2)
    assert Embedding.objects.get(kind=indexing.KIND, object_id=tool.id).text_hash == before
