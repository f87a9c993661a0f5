"""Writes to the responsible-AI library. Every write gives the library a new version and re-embeds what changed."""

import uuid
from collections.abc import Iterable

from django.db import transaction

from community.catalog import services as catalog_services
from community.core.queue import enqueue
from community.ethics.models import EthicsState, Resource


def ethics_changed() -> None:
    """New version token, in the caller's transaction. Catalog pages show the library too, so theirs moves with it."""
    EthicsState.objects.update_or_create(pk=1, defaults={"version": uuid.uuid4().hex})
    catalog_services.catalog_changed()


def ethics_version() -> str:
    return EthicsState.objects.filter(pk=1).values_list("version", flat=True).first() or ""


def schedule_embedding(resource_ids: Iterable[int] = (), risk_examples: bool = False) -> None:
    """Ask the worker to re-embed these resources (and the risk examples) once the transaction has committed."""
    ids = sorted(set(resource_ids))
    if not ids and not risk_examples:
        return
    from community.ethics import tasks

    if ids:
        transaction.on_commit(lambda: enqueue(tasks.embed_resources, ids))
    if risk_examples:
        transaction.on_commit(lambda: enqueue(tasks.embed_risk_examples))


def resource_changed(resource: Resource) -> None:
    """Called after an edit made elsewhere (the admin): the embedding step re-embeds only if the text moved."""
    ethics_changed()
    schedule_embedding([resource.id])


@transaction.atomic
def resource_delete(resource: Resource) -> None:
    resource_id = resource.id
    resource.delete()
    ethics_changed()
    schedule_embedding([resource_id])


def risk_profile_changed() -> None:
    ethics_changed()
    schedule_embedding(risk_examples=True)
