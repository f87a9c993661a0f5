"""Each law's stages and the risk profiles (sectors) it is written for, read once per library version: the stack
recommender weighs them for every recommendation, and they change only with the library."""

import threading
from dataclasses import dataclass

from community.ethics.models import Resource, RiskProfile
from community.ethics.services import ethics_version


@dataclass(frozen=True)
class LawFacts:
    version: str
    profiles: int  # how many risk profiles there are: a law tied to half of them or more is a general one
    stages: dict[int, frozenset[int]]
    sectors: dict[int, frozenset[int]]


_facts: LawFacts | None = None
_lock = threading.Lock()


def law_facts(version: str | None = None) -> LawFacts:
    """`version`: the library version when the caller has read it already."""
    global _facts
    version = ethics_version() if version is None else version
    facts = _facts
    if facts is not None and facts.version == version:
        return facts
    with _lock:
        if _facts is None or _facts.version != version:
            _facts = _read(version)
        return _facts


def _read(version: str) -> LawFacts:
    laws = Resource.objects.regulation().values("id")
    stages: dict[int, set[int]] = {}
    sectors: dict[int, set[int]] = {}
    stage_rows = Resource.stages.through.objects.filter(resource__in=laws).values_list("resource_id", "stage_id")
    for law, stage in stage_rows:
        stages.setdefault(law, set()).add(stage)
    sector_rows = RiskProfile.resources.through.objects.filter(resource__in=laws)
    for law, profile in sector_rows.values_list("resource_id", "riskprofile_id"):
        sectors.setdefault(law, set()).add(profile)
    return LawFacts(
        version,
        RiskProfile.objects.count(),
        {law: frozenset(ids) for law, ids in stages.items()},
        {law: frozenset(ids) for law, ids in sectors.items()},
    )
