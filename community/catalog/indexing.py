"""Feeds tool texts to the embedding engine. The engine stores vectors under (kind "tool", tool id)."""

from collections.abc import Callable

from community.catalog.models import Stage, Tool
from recommender import index, store
from recommender.store import SyncReport

KIND = "tool"
STAGE_KIND = "stage"


def _items(queryset) -> list[tuple[int, str]]:
    return [(tool.id, tool.embedding_text()) for tool in queryset.for_embedding().iterator(chunk_size=2000)]


def index_all(progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Embed every stage and tool whose text changed and drop vectors of those that no longer exist."""
    index_stages()
    return store.sync(KIND, _items(Tool.objects.all()), progress)


def index_stages() -> SyncReport:
    return store.sync(STAGE_KIND, [(stage.id, stage.embedding_text()) for stage in Stage.objects.all()])


def index_tools(tool_ids: list[int]) -> SyncReport:
    """Refresh the given tools; ids that no longer exist lose their vectors."""
    items = _items(Tool.objects.filter(id__in=tool_ids))
    report = store.upsert(KIND, items)
    gone = set(tool_ids) - {oid for oid, _ in items}
    if gone:
        report.deleted = store.delete(KIND, gone)
    return report


def similar(tool_id: int, k: int) -> list[index.Hit]:
    return index.similar(KIND, tool_id, k)
