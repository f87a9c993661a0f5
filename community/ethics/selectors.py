"""Reads of the library: each returns rows with what their page or payload shows prefetched, in a fixed number
of queries however much the library holds."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet

from community.catalog.models import Stage, Tool
from community.ethics.models import Checklist, ChecklistItem, Kind, Region, Resource, RiskCheck, RiskProfile, Topic

PANEL_RESOURCES = 6


def _linked_resources() -> QuerySet:
    return Resource.objects.select_related("region").order_by("title")


def _check_prefetches() -> list:
    return [
        Prefetch("resources", queryset=_linked_resources()),
        Prefetch("tools", queryset=Tool.objects.only("id", "slug", "name").order_by("name")),
    ]


def checklists() -> QuerySet:
    items = ChecklistItem.objects.prefetch_related("topics", *_check_prefetches())
    return Checklist.objects.select_related("stage").prefetch_related(Prefetch("items", queryset=items))


def checklist_index() -> QuerySet:
    return Checklist.objects.select_related("stage").annotate(item_count=Count("items"))


def profiles() -> QuerySet:
    checks = RiskCheck.objects.select_related("stage").prefetch_related(*_check_prefetches())
    return RiskProfile.objects.prefetch_related(
        "stages", Prefetch("resources", queryset=_linked_resources()), Prefetch("checks", queryset=checks)
    )


def _opt(slug: str, name: str, count: int) -> dict:
    return {"slug": slug, "name": name, "count": count}


def with_full_profiles(matches: list) -> list:
    """Matches whose profiles carry their checks, stages and resources (a fixed number of queries)."""
    full = profiles().in_bulk([m.profile.id for m in matches])
    for m in matches:
        m.profile = full[m.profile.id]
    return matches


def facet_counts(resources: QuerySet, chosen: dict[str, list[str]] | None = None) -> dict[str, list[dict]]:
    """{slug, name, count} per facet value for the resources shown, so filters show how many each would leave.
    Values in `chosen` stay listed with a count of 0, so a filter that empties the list can still be unticked."""
    chosen = chosen or {}
    ids = resources.order_by().values("id")
    kinds = dict(Resource.objects.filter(id__in=ids).values_list("kind").annotate(n=Count("id")))

    def shown(key: str, field: str = "slug") -> Q:
        return Q(n__gt=0) | Q(**{f"{field}__in": chosen.get(key, [])})

    return {
        "kind": [
            _opt(value, label, kinds.get(value, 0))
            for value, label in Kind.choices
            if kinds.get(value) or value in chosen.get("kind", [])
        ],
        "topic": [
            _opt(t.slug, t.name, t.n)
            for t in Topic.objects.annotate(n=Count("resources", filter=Q(resources__in=ids))).filter(shown("topic"))
        ],
        "region": [
            _opt(r.code, r.name, r.n)
            for r in Region.objects.annotate(n=Count("resources", filter=Q(resources__in=ids)))
            .filter(shown("region", "code"))
            .order_by("name")
        ],
        "stage": [
            _opt(s.slug, s.name, s.n)
            for s in Stage.objects.annotate(n=Count("ethics_resources", filter=Q(ethics_resources__in=ids))).filter(
                shown("stage")
            )
        ],
    }


@dataclass
class Panel:
    """What a catalog tool or stage page shows of the library."""

    checklist: Checklist | None
    resources: list[Resource] = field(default_factory=list)
    regulation: list[tuple[Region, list[Resource]]] = field(default_factory=list)


def _regulation_by_region(resources: QuerySet) -> list[tuple[Region, list[Resource]]]:
    rows = list(resources.regulation().select_related("region").order_by("region__name", "title").distinct())
    return [(region, list(group)) for region, group in groupby(rows, key=lambda r: r.region)]


def tool_panel(tool: Tool) -> Panel:
    """The tool's stage checklist, the resources it puts into practice, and the regulation of its stages."""
    checklist = checklist_index().filter(stage_id=tool.primary_stage_id).first()
    resources = list(
        Resource.objects.for_cards().filter(tools=tool).exclude(kind=Kind.REGULATION)[: PANEL_RESOURCES * 2]
    )
    regulation = Resource.objects.filter(Q(tools=tool) | Q(stages=tool.primary_stage_id))
    return Panel(checklist, resources, _regulation_by_region(regulation))


def stage_panel(stage: Stage) -> Panel:
    checklist = checklist_index().filter(stage=stage).first()
    resources = list(
        Resource.objects.for_cards().filter(stages=stage).exclude(kind=Kind.REGULATION)[: PANEL_RESOURCES * 2]
    )
    return Panel(checklist, resources, _regulation_by_region(Resource.objects.filter(stages=stage)))


def citing_checks(resource: Resource) -> tuple[list[ChecklistItem], list[RiskCheck]]:
    items = list(resource.checklistitems.select_related("checklist__stage").order_by("checklist__stage__order"))
    checks = list(resource.riskchecks.select_related("profile").order_by("profile__order"))
    return items, checks
