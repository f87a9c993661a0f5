"""The catalog as the recommender sees it, held in memory per catalog version.

A recommendation weighs every tool of every needed stage; with tens of thousands of tools, reading them per
request would cost more than the model. The snapshot is rebuilt (a handful of queries) when the catalog's
version token moves, and is read-only in between, so threads can share it.
"""

import math
import threading
from dataclasses import dataclass

from community.catalog.models import Stage, Tool
from community.catalog.services import catalog_version
from recommender.stacks.constraints import ToolFacts


@dataclass(frozen=True)
class StageInfo:
    id: int
    slug: str
    name: str
    order: int


@dataclass(frozen=True)
class Snapshot:
    version: str
    tools: dict[int, ToolFacts]
    by_stage: dict[int, tuple[int, ...]]
    stages: dict[int, StageInfo]

    def stage(self, slug: str) -> StageInfo | None:
        return next((s for s in self.stages.values() if s.slug == slug), None)


_current: Snapshot | None = None
_lock = threading.Lock()


def _build(version: str) -> Snapshot:
    stages = {s.id: StageInfo(s.id, s.slug, s.name, s.order) for s in Stage.objects.all()}
    links: dict[str, dict[int, set]] = {"stages": {}, "clouds": {}, "integrations": {}, "domains": {}}
    for tool_id, stage_id in Tool.stages.through.objects.values_list("tool_id", "stage_id"):
        links["stages"].setdefault(tool_id, set()).add(stage_id)
    for tool_id, cloud in Tool.clouds.through.objects.values_list("tool_id", "cloud__slug"):
        links["clouds"].setdefault(tool_id, set()).add(cloud)
    for tool_id, domain in Tool.domains.through.objects.values_list("tool_id", "domain__slug"):
        links["domains"].setdefault(tool_id, set()).add(domain)
    for src, dst in Tool.integrations.through.objects.values_list("from_tool_id", "to_tool_id"):
        links["integrations"].setdefault(src, set()).add(dst)
    most = max((len(v) for v in links["integrations"].values()), default=0)
    tools = {}
    by_stage: dict[int, list[int]] = {}
    rows = Tool.objects.values_list(
        "id", "slug", "name", "licence", "primary_stage_id", "open_source", "self_hosted", "managed"
    )
    for tid, slug, name, licence, primary, open_source, self_hosted, managed in rows.iterator(chunk_size=5000):
        integrations = frozenset(links["integrations"].get(tid, ()))
        tools[tid] = ToolFacts(
            tid, slug, name, licence, primary,
            frozenset(links["stages"].get(tid, ()) | {primary}),
            open_source, self_hosted, managed,
            frozenset(links["clouds"].get(tid, ())),
            integrations,
            math.log1p(len(integrations)) / math.log1p(most) if most else 0.0,
            frozenset(links["domains"].get(tid, ())),
        )  # fmt: skip
        for stage_id in tools[tid].stages:
            by_stage.setdefault(stage_id, []).append(tid)
    return Snapshot(version, tools, {k: tuple(v) for k, v in by_stage.items()}, stages)


def snapshot(version: str | None = None) -> Snapshot:
    global _current
    version = catalog_version() if version is None else version
    if _current is None or _current.version != version:
        with _lock:
            if _current is None or _current.version != version:
                _current = _build(version)
    return _current
