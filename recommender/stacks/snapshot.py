"""The catalog as the recommender sees it, held in memory per catalog version.

A recommendation weighs every tool of every needed stage; with tens of thousands of tools, reading them per
request would cost more than the model. The snapshot is rebuilt (a handful of queries) when the catalog's
version token moves, and is read-only in between, so threads can share it.
"""

import math
import re
import threading
from dataclasses import dataclass, replace

import numpy as np

from community.catalog.models import Stage, Tool
from community.catalog.services import catalog_version
from recommender.stacks.constraints import CLOUDS, ToolFacts


@dataclass(frozen=True)
class StageInfo:
    id: int
    slug: str
    name: str
    order: int

    @property
    def name_parts(self) -> list[str]:
        """The name, and each part of a compound one: "Explainability & fairness", "Explainability", "fairness"."""
        return list(dict.fromkeys([self.name, *(part.strip() for part in self.name.split("&"))]))


@dataclass(frozen=True)
class StageTools:
    """One stage's tools as arrays, so that scoring thousands of candidates is a few vector operations."""

    ids: np.ndarray
    popularity: np.ndarray
    primary: np.ndarray
    open_source: np.ndarray
    runs_self_hosted: np.ndarray
    runs_managed: np.ndarray
    on_device: np.ndarray
    service: np.ndarray  # offered as a hosted service and not used as a library
    llm_only: np.ndarray
    tied: np.ndarray
    on_cloud: dict[str, np.ndarray]
    name_rank: np.ndarray

    @classmethod
    def of(cls, stage_id: int, tools: list[ToolFacts], name_rank: dict[int, int]) -> "StageTools":
        def array(values, dtype=bool) -> np.ndarray:
            return np.fromiter(values, dtype=dtype, count=len(tools))

        return cls(
            ids=array((t.id for t in tools), np.int64),
            popularity=array((t.popularity for t in tools), np.float32),
            primary=array(t.primary_stage == stage_id for t in tools),
            open_source=array(t.open_source for t in tools),
            runs_self_hosted=array(t.runs_self_hosted for t in tools),
            runs_managed=array(t.runs_managed for t in tools),
            on_device=array(t.on_device for t in tools),
            service=array(t.managed and not t.library for t in tools),
            llm_only=array(t.llm_only for t in tools),
            tied=array(bool(t.clouds) for t in tools),
            on_cloud={c: array(c in t.clouds for t in tools) for c in CLOUDS},
            name_rank=array((name_rank[t.id] for t in tools), np.int64),
        )


@dataclass(frozen=True)
class Snapshot:
    version: str
    tools: dict[int, ToolFacts]
    by_stage: dict[int, tuple[int, ...]]
    stages: dict[int, StageInfo]
    arrays: dict[int, StageTools]
    ids_by_slug: dict[str, int]

    def stage(self, slug: str) -> StageInfo | None:
        return next((s for s in self.stages.values() if s.slug == slug), None)

    def tool_by_slug(self, slug: str) -> ToolFacts | None:
        tool_id = self.ids_by_slug.get(slug)
        return None if tool_id is None else self.tools[tool_id]


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
        "id",
        "slug",
        "name",
        "licence",
        "primary_stage_id",
        "open_source",
        "library",
        "self_hosted",
        "managed",
        "vendor",
        "on_device",
    )
    for tid, slug, name, licence, primary, open_source, library, self_hosted, managed, vendor, device in rows.iterator(
        chunk_size=5000
    ):
        integrations = frozenset(links["integrations"].get(tid, ()))
        tools[tid] = ToolFacts(
            tid, slug, name, licence, primary,
            frozenset(links["stages"].get(tid, ()) | {primary}),
            open_source, library, self_hosted, managed,
            frozenset(links["clouds"].get(tid, ())),
            integrations,
            math.log1p(len(integrations)) / math.log1p(most) if most else 0.0,
            frozenset(links["domains"].get(tid, ())),
            _OWNER.sub("", vendor).strip().lower(),
            on_device=device,
        )  # fmt: skip
        for stage_id in tools[tid].stages:
            by_stage.setdefault(stage_id, []).append(tid)
    tools = _with_editions(tools)
    name_rank = {t.id: rank for rank, t in enumerate(sorted(tools.values(), key=lambda t: (t.name.lower(), t.id)))}
    arrays = {sid: StageTools.of(sid, [tools[i] for i in ids], name_rank) for sid, ids in by_stage.items()}
    ids_by_slug = {t.slug: t.id for t in tools.values()}
    return Snapshot(version, tools, {k: tuple(v) for k, v in by_stage.items()}, stages, arrays, ids_by_slug)


def _edition(a: ToolFacts, b: ToolFacts) -> bool:
    """Two editions of one tool: the same maker, and a name that extends the other's or a link between the two
    (Hopsworks SaaS and Hopsworks). Not merely the same maker: a cloud's services are different tools."""
    names = a.name.lower(), b.name.lower()
    return names[0].startswith(names[1]) or names[1].startswith(names[0]) or b.id in a.integrations


def _with_editions(tools: dict[int, ToolFacts]) -> dict[int, ToolFacts]:
    by_maker: dict[str, list[ToolFacts]] = {}
    for tool in tools.values():
        if tool.maker:
            by_maker.setdefault(tool.maker, []).append(tool)
    for group in by_maker.values():
        for tool in group:
            editions = frozenset(other.id for other in group if other.id != tool.id and _edition(tool, other))
            if editions:
                tools[tool.id] = replace(tool, editions=editions)
    return tools


_OWNER = re.compile(r"\s*\([^)]*\)")


def snapshot(version: str | None = None) -> Snapshot:
    global _current
    version = catalog_version() if version is None else version
    if _current is None or _current.version != version:
        with _lock:
            if _current is None or _current.version != version:
                _current = _build(version)
    return _current
