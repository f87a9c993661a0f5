"""Import an awesome-style Markdown list into the catalog: sections become stages, entries tools.

The import is one transaction and idempotent: an entry already in the catalog (same repository or slug) only
gains the section's stage if it lacks it, and a curated summary is never overwritten.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from community.catalog import services
from community.catalog.models import Stage, Tool
from community.core.awesome import AwesomeListError, normalise_heading, parse, read_list, url_key

# Section headings of the EthicalML lists, normalised (see normalise_heading), and the stage each maps to.
DEFAULT_MAPPING = {
    "automl": "hyperparameter-tuning",
    "computation and communication optimisation": "training",
    "data annotation and synthesis": "data-labeling",
    "data pipeline": "data-pipeline",
    "data science notebook": "notebooks",
    "data storage optimisation": "data-storage",
    "data stream processing": "data-pipeline",
    "deployment and serving": "serving",
    "evaluation and monitoring": "monitoring",
    "explainability and fairness": "explainability-fairness",
    "feature store": "feature-store",
    "industry strength anomaly detection": "ml-frameworks",
    "industry strength computer vision": "ml-frameworks",
    "industry strength information retrieval": "vector-search",
    "industry strength natural language processing": "ml-frameworks",
    "industry strength nlp": "ml-frameworks",
    "industry strength recommender system": "ml-frameworks",
    "industry strength reinforcement learning": "ml-frameworks",
    "industry strength robotics": "ml-frameworks",
    "industry strength visualisation": "visualisation",
    "metadata management": "metadata-lineage",
    "model data and experiment management": "experiment-tracking",
    "model training and orchestration": "orchestration",
    "model storage optimisation": "model-optimisation",
    "privacy and safety": "privacy-security",
    "agent development": "llm-apps",
    "agent monitoring": "llm-ops",
    "context management": "llm-apps",
    "memory management": "llm-apps",
    "model security": "privacy-security",
    "prompt engineering": "llm-ops",
    "visual engine": "serving",
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)


def load_mapping(extra: dict[str, str] | None) -> dict[str, str]:
    mapping = dict(DEFAULT_MAPPING)
    mapping.update({normalise_heading(k): v for k, v in (extra or {}).items()})
    unknown = set(mapping.values()) - set(Stage.objects.values_list("slug", flat=True))
    if unknown:
        raise AwesomeListError(f"the mapping names stages that do not exist: {', '.join(sorted(unknown))}")
    return mapping


@transaction.atomic
def import_list(path: Path, mapping: dict[str, str], open_source: bool = False) -> ImportReport:
    parsed = parse(read_list(path), mapping)
    report = ImportReport(unmapped=parsed.unmapped, skipped=sum(parsed.unmapped.values()))
    stage_ids = dict(Stage.objects.values_list("slug", "id"))
    tools = list(Tool.objects.values_list("id", "slug", "repository"))
    by_repo = {url_key(repo): tid for tid, _, repo in tools if repo}
    by_slug = {slug: tid for tid, slug, _ in tools}
    through = Tool.stages.through
    has_stage = set(through.objects.values_list("tool_id", "stage_id"))

    new: dict[str, Tool] = {}
    new_stages: dict[str, set[int]] = {}
    links: set[tuple[int, int]] = set()
    new_by_repo: dict[str, str] = {}
    for entry in parsed.entries:
        slug = slugify(entry.name)[:120]
        stage_id = stage_ids[entry.target]
        repo = url_key(entry.url)
        tool_id = by_repo.get(repo) or by_slug.get(slug)
        pending = new_by_repo.get(repo) or (slug if slug in new else None)
        if tool_id is not None:
            if (tool_id, stage_id) in has_stage or (tool_id, stage_id) in links:
                report.skipped += 1
            else:
                links.add((tool_id, stage_id))
        elif pending is not None:
            # The same project listed twice (two sections, or two names for one repository).
            new_stages[pending].add(stage_id)
            report.skipped += 1
        else:
            new[slug] = Tool(
                slug=slug,
                name=entry.name[:120],
                summary=entry.description or f"{entry.name}, listed under {entry.section}.",
                repository=entry.url,
                open_source=open_source,
                # A listed repository is something a team runs itself. Whether it is a library (which would fit
                # a managed team too) nobody has checked yet, so it stays self-hosted until a curator says so.
                self_hosted=True,
                primary_stage_id=stage_id,
                source=f"import:{path.name}"[:120],
            )
            new_stages[slug] = {stage_id}
            new_by_repo[repo] = slug
    Tool.objects.bulk_create(new.values(), batch_size=500)
    created_ids = dict(Tool.objects.filter(slug__in=list(new)).values_list("slug", "id"))
    rows = [through(tool_id=tid, stage_id=sid) for tid, sid in links]
    rows += [through(tool_id=created_ids[slug], stage_id=sid) for slug, sids in new_stages.items() for sid in sids]
    through.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    report.created = len(new)
    report.updated = len({tid for tid, _ in links})
    if new or links:
        services.catalog_changed()
    services.schedule_embedding([*created_ids.values(), *(tid for tid, _ in links)])
    return report
