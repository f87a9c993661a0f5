"""Reads for the catalog pages and API: each runs a fixed number of queries, however large the catalog."""

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Value, Window
from django.db.models.functions import RowNumber

from community.catalog import indexing
from community.catalog.models import (
    HOSTING_CHOICES,
    HOSTING_FIELDS,
    HOSTING_LABELS,
    HOSTING_MEANINGS,
    Cloud,
    Domain,
    Language,
    Stage,
    Tool,
)

# On the catalog's facet, where no badge's tooltip explains it.
HOSTING_FACET_NAMES = HOSTING_LABELS | {
    slug: f"{HOSTING_LABELS[slug]} ({meaning[0].lower()}{meaning[1:]})" for slug, meaning in HOSTING_MEANINGS.items()
}

LANDSCAPE_PER_STAGE = 48


def stage_choices() -> list[tuple[str, str]]:
    """(slug, name) of every stage, in lifecycle order: one query."""
    return list(Stage.objects.order_by("order", "name").values_list("slug", "name"))


@dataclass
class StageTiles:
    stage: Stage
    tools: list[dict]
    total: int


def landscape(per_stage: int = LANDSCAPE_PER_STAGE) -> list[StageTiles]:
    """Every stage with its first tools by name (by primary stage) and how many it has in all: three queries.

    "In all" counts every tool that serves the stage, as the stage page the "All N" tile opens lists them.
    """
    # Explicit order: Meta.ordering does not apply to aggregate queries.
    stages = list(Stage.objects.annotate(total=Count("tools")).order_by("order", "name"))
    ranked = (
        Tool.objects.annotate(rank=Window(RowNumber(), partition_by=F("primary_stage_id"), order_by=F("name").asc()))
        .filter(rank__lte=per_stage)
        .values("slug", "name", "open_source", "managed", "primary_stage_id")
        .order_by("primary_stage_id", "name")
    )
    by_stage: dict[int, list[dict]] = {}
    for row in ranked:
        by_stage.setdefault(row["primary_stage_id"], []).append(row)
    return [StageTiles(s, by_stage.get(s.id, []), s.total) for s in stages]


@dataclass
class FacetOption:
    slug: str
    name: str
    count: int


def facet_counts(
    tools: QuerySet,
    filtered: bool = True,
    chosen: dict[str, list[str]] | None = None,
    without_own: dict[str, QuerySet] | None = None,
) -> dict[str, list[FacetOption]]:
    """How many of the given tools fall under each value of each facet; one query per facet.

    `filtered=False` says the tools are the whole catalog, which lets the counts skip the id subquery. Values
    in `chosen` stay listed with a count of 0 when no tool matches, so a filter that empties the list can still
    be seen and unticked (one more query per facet where that happens). `without_own` gives, per facet with a
    choice, the tools filtered by everything but that facet: its counts are taken from those.
    """
    chosen, without_own = chosen or {}, without_own or {}
    result: dict[str, list[FacetOption]] = {}
    for key, model in (("stage", Stage), ("language", Language), ("domain", Domain), ("cloud", Cloud)):
        ids = without_own.get(key, tools).order_by().values("id")
        options = model.objects.filter(tools__in=ids) if filtered else model.objects.filter(tools__isnull=False)
        rows = options.annotate(n=Count("tools")).values_list("slug", "name", "n").order_by("-n", "name")
        result[key] = [FacetOption(*row) for row in rows]
        missing = set(chosen.get(key, [])) - {option.slug for option in result[key]}
        if missing:
            names = model.objects.filter(slug__in=missing).values_list("slug", "name").order_by("name")
            result[key] += [FacetOption(slug, name, 0) for slug, name in names]
    counts = (
        without_own.get("open_source", tools).order_by().aggregate(open_source=Count("id", filter=F("open_source")))
    )
    counts |= (
        without_own.get("hosting", tools)
        .order_by()
        .aggregate(**{field: Count("id", filter=F(field)) for field in HOSTING_FIELDS.values()})
    )
    result["open_source"] = [FacetOption("true", "Open source", counts["open_source"])]
    result["hosting"] = [FacetOption(h, HOSTING_FACET_NAMES[h], counts[HOSTING_FIELDS[h]]) for h in HOSTING_CHOICES]
    return result


def alternatives(tool: Tool, limit: int = 8, tools: QuerySet | None = None) -> list[tuple[Tool, float]]:
    """Nearest tools by embedding, those sharing the tool's primary stage first; `tools` says what to fetch."""
    hits = indexing.similar(tool.id, k=limit * 4)
    if not hits:
        return []
    found = (Tool.objects.for_cards() if tools is None else tools).in_bulk([h.object_id for h in hits])
    ranked = [(found[h.object_id], h.score) for h in hits if h.object_id in found]
    ranked.sort(key=lambda pair: (pair[0].primary_stage_id != tool.primary_stage_id, -pair[1]))
    return ranked[:limit]


def tools_by_slugs(slugs: list[str]) -> list[Tool]:
    """The tools in the order asked; unknown slugs are simply absent."""
    found = {t.slug: t for t in Tool.objects.for_detail().filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


# Relation -> (the through table's column naming the tool, the related slug reached through it).
RELATED_SLUGS = {
    "stages": ("tool_id", "stage__slug"),
    "languages": ("tool_id", "language__slug"),
    "domains": ("tool_id", "domain__slug"),
    "clouds": ("tool_id", "cloud__slug"),
    "integrations": ("from_tool_id", "to_tool__slug"),
}


def attach_related_slugs(tools: list[Tool]) -> list[Tool]:
    """Give each tool `related_slugs` ({"stages": [...], ...}) from one UNION query, with no model objects.

    The API names related rows by slug only; ORM prefetching would run a query per relation and build an object
    per row to read one column.
    """
    by_id = {tool.id: tool for tool in tools}
    for tool in tools:
        tool.related_slugs = {name: [] for name in RELATED_SLUGS}
    if not by_id:
        return tools
    parts = [
        getattr(Tool, name)
        .through.objects.filter(**{f"{source}__in": list(by_id)})
        .annotate(relation=Value(name), owner=F(source), slug=F(slug))
        .values_list("relation", "owner", "slug")
        for name, (source, slug) in RELATED_SLUGS.items()
    ]
    for relation, owner, slug in sorted(parts[0].union(*parts[1:], all=True)):
        by_id[owner].related_slugs[relation].append(slug)
    return tools
