"""Writes to the catalog. Every write that can change what a tool means schedules its embedding refresh."""

import uuid
from collections.abc import Iterable

from django.db import transaction

from community.catalog.models import CatalogState, Stage, Tool
from community.core.queue import enqueue

TOOL_TEXT_FIELDS = {"name", "summary", "primary_stage"}


def catalog_changed() -> None:
    """Give the catalog a new version token, in the caller's transaction, so cached pages of the old one go unused."""
    CatalogState.objects.update_or_create(pk=1, defaults={"version": uuid.uuid4().hex})


def catalog_version() -> str:
    return CatalogState.objects.filter(pk=1).values_list("version", flat=True).first() or ""


def schedule_embedding(tool_ids: Iterable[int]) -> None:
    """Ask the worker to re-embed these tools once the surrounding transaction has committed."""
    ids = sorted(set(tool_ids))
    if not ids:
        return
    from community.catalog import tasks

    transaction.on_commit(lambda: enqueue(tasks.embed_tools, ids))


@transaction.atomic
def tool_update(tool: Tool, **changes: object) -> Tool:
    """Change scalar fields of a tool; re-embed when the text the model reads changed."""
    text_before = tool.embedding_text()
    for name, value in changes.items():
        setattr(tool, name, value)
    tool.full_clean()
    tool.save()
    catalog_changed()
    if tool.embedding_text() != text_before:
        schedule_embedding([tool.id])
    return tool


def stage_changed(stage: Stage) -> None:
    """Stage texts rank search results and a tool's text names its stage: re-embed both after the edit commits."""
    from community.catalog import tasks

    catalog_changed()
    transaction.on_commit(lambda: enqueue(tasks.embed_stages))
    schedule_embedding(stage.primary_tools.values_list("id", flat=True))


def tool_changed(tool: Tool) -> None:
    """Called after an edit made elsewhere (the admin): the embedding step re-embeds only if the text moved."""
    catalog_changed()
    schedule_embedding([tool.id])


@transaction.atomic
def tool_delete(tool: Tool) -> None:
    tool_id = tool.id
    tool.delete()
    catalog_changed()
    schedule_embedding([tool_id])
