"""Synthetic tools for load testing: plausible names, summaries and facets, marked with source "synthetic"."""

import random
from collections.abc import Callable

from django.db import transaction

from community.catalog import services
from community.catalog.models import Cloud, Domain, Language, Stage, Tool
from community.core.bulk import sync_m2m

SOURCE = "synthetic"
PREFIXES = [
    "Astra",
    "Bolt",
    "Cirrus",
    "Delta",
    "Echo",
    "Flux",
    "Grove",
    "Helix",
    "Ion",
    "Juno",
    "Kite",
    "Lumen",
    "Mosaic",
    "Nimbus",
    "Orbit",
    "Prism",
    "Quill",
    "Rivet",
    "Sable",
    "Tidal",
]
SUFFIXES = ["ML", "Ops", "Flow", "Hub", "Stack", "Lab", "Base", "Works", "Forge", "Pilot"]
VERBS = [
    "Tracks",
    "Serves",
    "Validates",
    "Versions",
    "Labels",
    "Monitors",
    "Explains",
    "Orchestrates",
    "Tunes",
    "Indexes",
]
OBJECTS = [
    "training runs",
    "feature pipelines",
    "model endpoints",
    "tabular datasets",
    "embedding collections",
    "prompt templates",
    "GPU jobs",
    "drift reports",
    "annotation projects",
    "model versions",
]
QUALIFIERS = [
    "for small teams",
    "on Kubernetes",
    "with a Python SDK",
    "across clouds",
    "in real time",
    "with audit trails",
    "at petabyte scale",
    "from notebooks",
    "behind a REST API",
    "with no servers to run",
]


def _summary(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}. Synthetic entry for load testing."


@transaction.atomic
def seed(count: int, seed_value: int = 7, progress: Callable[[int, int], None] | None = None, batch: int = 1000) -> int:
    """Make sure `count` synthetic tools exist (synthetic-00001 …); return how many were created."""
    rng = random.Random(seed_value)
    stages = list(Stage.objects.values_list("id", flat=True))
    langs = list(Language.objects.values_list("id", flat=True))
    domains = list(Domain.objects.values_list("id", flat=True))
    clouds = list(Cloud.objects.values_list("id", flat=True))
    if not stages:
        raise ValueError("load the catalog first: there are no stages")
    existing = set(Tool.objects.filter(source=SOURCE).values_list("slug", flat=True))
    created = 0
    for start in range(0, count, batch):
        tools = []
        for n in range(start + 1, min(start + batch, count) + 1):
            slug = f"synthetic-{n:05d}"
            name = f"{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)} {n}"
            summary = _summary(rng)
            if slug in existing:
                continue
            tools.append(
                Tool(
                    slug=slug,
                    name=name,
                    summary=summary,
                    licence=rng.choice(["Apache-2.0", "MIT", "proprietary"]),
                    open_source=rng.random() < 0.6,
                    self_hosted=rng.random() < 0.7,
                    managed=rng.random() < 0.5,
                    library=rng.random() < 0.3,
                    on_device=rng.random() < 0.05,
                    primary_stage_id=rng.choice(stages),
                    source=SOURCE,
                )
            )
        Tool.objects.bulk_create(tools, batch_size=500)
        by_id = dict(Tool.objects.filter(slug__in=[t.slug for t in tools]).values_list("id", "primary_stage_id"))
        sync_m2m(Tool, "stages", {tid: {sid, rng.choice(stages)} for tid, sid in by_id.items()})
        sync_m2m(Tool, "languages", {tid: set(rng.sample(langs, k=min(2, len(langs)))) for tid in by_id})
        sync_m2m(Tool, "domains", {tid: set(rng.sample(domains, k=min(1, len(domains)))) for tid in by_id})
        sync_m2m(Tool, "clouds", {tid: {rng.choice(clouds)} for tid in by_id if clouds and rng.random() < 0.2})
        created += len(by_id)
        if progress:
            progress(min(start + batch, count), count)
    if created:
        services.catalog_changed()
    return created


@transaction.atomic
def remove() -> int:
    deleted, _ = Tool.objects.filter(source=SOURCE).delete()
    if deleted:
        services.catalog_changed()
    return deleted
