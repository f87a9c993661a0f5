"""Import an awesome-style Markdown list: `## Section` headings become stages, `* [Name](url) - text` lines tools.

Parsing finishes before anything is written: one malformed line stops the import with its line number. The
import itself is one transaction and idempotent: an entry already in the catalog (same repository or slug)
only gains the section's stage if it lacks it, and a curated summary is never overwritten.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from community.catalog import services
from community.catalog.models import Stage, Tool

ENTRY_RE = re.compile(r"^[*-]\s+\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)(?:\s+[^)]*)?\)(?P<rest>.*)$")
BADGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
SUMMARY_MAX = 400

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


class AwesomeListError(ValueError):
    """The list or the mapping is wrong; nothing has been written."""


@dataclass(frozen=True)
class Entry:
    line: int
    section: str
    stage: str
    name: str
    url: str
    description: str


@dataclass
class ParsedList:
    entries: list[Entry] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)


def normalise_heading(title: str) -> str:
    text = LINK_RE.sub(r"\1", title).lower().replace("-", " ").replace("&", "and")
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def _summary(rest: str) -> str:
    text = LINK_RE.sub(r"\1", BADGE_RE.sub("", rest)).strip()
    text = re.sub(r"^[-–—:]\s*", "", text).strip()
    if len(text) > SUMMARY_MAX:
        text = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


def parse(text: str, mapping: dict[str, str]) -> ParsedList:
    """Entries of the mapped sections, in order. Entries under headings the mapping does not name are counted."""
    parsed = ParsedList()
    section, stage = "", None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        heading = HEADING_RE.match(line)
        if heading:
            section = heading["title"]
            stage = mapping.get(normalise_heading(section))
            continue
        if not line.startswith(("* ", "- ")):
            continue
        if stage is None:
            if section:
                parsed.unmapped[section] = parsed.unmapped.get(section, 0) + 1
            continue
        match = ENTRY_RE.match(line)
        if not match:
            raise AwesomeListError(f"line {number}: expected '* [Name](https://…) - description', got {line[:80]!r}")
        if not match["url"].startswith(("http://", "https://")):
            raise AwesomeListError(f"line {number}: the link {match['url']!r} is not an http(s) URL")
        name = match["name"].strip()
        if not slugify(name):
            raise AwesomeListError(f"line {number}: the name {name!r} has no letters or digits to make a slug from")
        parsed.entries.append(Entry(number, section, stage, name, match["url"], _summary(match["rest"])))
    return parsed


def load_mapping(extra: dict[str, str] | None) -> dict[str, str]:
    mapping = dict(DEFAULT_MAPPING)
    mapping.update({normalise_heading(k): v for k, v in (extra or {}).items()})
    unknown = set(mapping.values()) - set(Stage.objects.values_list("slug", flat=True))
    if unknown:
        raise AwesomeListError(f"the mapping names stages that do not exist: {', '.join(sorted(unknown))}")
    return mapping


def _repo_key(url: str) -> str:
    return url.strip().rstrip("/").lower()


@transaction.atomic
def import_list(path: Path, mapping: dict[str, str], open_source: bool = False) -> ImportReport:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AwesomeListError(f"cannot read {path}: {exc}") from None
    parsed = parse(text, mapping)
    report = ImportReport(unmapped=parsed.unmapped, skipped=sum(parsed.unmapped.values()))
    stage_ids = dict(Stage.objects.values_list("slug", "id"))
    tools = list(Tool.objects.values_list("id", "slug", "repository"))
    by_repo = {_repo_key(repo): tid for tid, _, repo in tools if repo}
    by_slug = {slug: tid for tid, slug, _ in tools}
    through = Tool.stages.through
    has_stage = set(through.objects.values_list("tool_id", "stage_id"))

    new: dict[str, Tool] = {}
    new_stages: dict[str, set[int]] = {}
    links: set[tuple[int, int]] = set()
    new_by_repo: dict[str, str] = {}
    for entry in parsed.entries:
        slug = slugify(entry.name)[:120]
        stage_id = stage_ids[entry.stage]
        repo = _repo_key(entry.url)
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
