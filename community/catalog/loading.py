"""Load the catalog the project ships (stages, vocabularies and tools under data/) into the database.

The load is validated in full before anything is written, runs in one transaction, and is idempotent: a second
run finds nothing to change and says so.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from community.catalog import services
from community.catalog.models import HOSTING_CHOICES, HOSTING_FIELDS, CatalogState, Cloud, Domain, Language, Stage, Tool
from community.core.bulk import sync_m2m, upsert_by_key

DATA_DIR = Path(__file__).resolve().parent / "data"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOOL_KEYS = {
    "slug", "name", "summary", "homepage", "repository", "licence", "open_source", "hosting", "clouds",
    "languages", "primary_stage", "stages", "domains", "integrations",
}  # fmt: skip
SCALARS = (
    "name", "summary", "homepage", "repository", "licence", "open_source", "library", "on_device", "self_hosted",
    "managed", "vendor",
)  # fmt: skip
FACETS = {"languages": Language, "domains": Domain, "clouds": Cloud}


class CatalogDataError(ValueError):
    """The shipped data is wrong; the message names the file and the entry."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_ids: list[int] = field(default_factory=list)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CatalogDataError(f"{path.name}: line {exc.lineno}: {exc.msg}") from None


def _validate_tool(entry: dict, where: str, stages: set[str], vocab: dict[str, dict[str, str]]) -> None:
    missing = TOOL_KEYS - entry.keys()
    unknown = entry.keys() - TOOL_KEYS - {"vendor"}
    if missing or unknown:
        raise CatalogDataError(f"{where}: missing {sorted(missing)} / unknown {sorted(unknown)} keys")
    if not SLUG_RE.match(entry["slug"]):
        raise CatalogDataError(f"{where}: slug {entry['slug']!r} is not lowercase-with-hyphens")
    if entry["primary_stage"] not in stages or not set(entry["stages"]) <= stages:
        raise CatalogDataError(f"{where}: unknown stage in {entry['primary_stage']!r} / {entry['stages']}")
    if not entry["hosting"] or not set(entry["hosting"]) <= set(HOSTING_CHOICES):
        raise CatalogDataError(f"{where}: hosting must be a non-empty subset of {HOSTING_CHOICES}")
    if entry["hosting"] != [h for h in HOSTING_CHOICES if h in entry["hosting"]]:
        raise CatalogDataError(f"{where}: hosting must list each value once, in the order {HOSTING_CHOICES}")
    if entry["hosting"] == ["on-device"]:
        raise CatalogDataError(f"{where}: on-device needs library, self-hosted or managed beside it")
    for key in FACETS:
        bad = set(entry[key]) - vocab[key].keys()
        if bad:
            raise CatalogDataError(f"{where}: unknown {key} {sorted(bad)}")
    if not isinstance(entry["open_source"], bool):
        raise CatalogDataError(f"{where}: open_source must be true or false")


def read_catalog(data_dir: Path = DATA_DIR) -> tuple[list[dict], dict[str, dict[str, str]], list[dict]]:
    """Stages, vocabularies and tools from disk, validated as a whole (slugs unique, integrations resolvable)."""
    stages = _read_json(data_dir / "stages.json")
    vocab = _read_json(data_dir / "vocabulary.json")
    stage_slugs = {s["slug"] for s in stages}
    tools: list[dict] = []
    seen: dict[str, str] = {}
    for path in sorted((data_dir / "tools").glob("*.json")):
        for i, entry in enumerate(_read_json(path)):
            where = f"{path.name}: entry {i + 1} ({entry.get('slug', '?')})"
            _validate_tool(entry, where, stage_slugs, vocab)
            if entry["slug"] in seen:
                raise CatalogDataError(f"{where}: slug already used in {seen[entry['slug']]}")
            seen[entry["slug"]] = path.name
            tools.append(entry)
    for entry in tools:
        dangling = [s for s in entry["integrations"] if s not in seen]
        if dangling:
            raise CatalogDataError(f"{seen[entry['slug']]}: {entry['slug']} integrates with unknown tools {dangling}")
    return stages, vocab, tools


def _scalars(entry: dict, source: str) -> dict[str, Any]:
    return {
        "name": entry["name"],
        "summary": entry["summary"],
        "homepage": entry["homepage"],
        "repository": entry["repository"],
        "licence": entry["licence"],
        "open_source": entry["open_source"],
        **{field: hosting in entry["hosting"] for hosting, field in HOSTING_FIELDS.items()},
        "vendor": entry.get("vendor", ""),
        "source": source,
    }


@transaction.atomic
def load_catalog(data_dir: Path = DATA_DIR, source: str = "curated") -> LoadReport:
    stages, vocab, tools = read_catalog(data_dir)
    stage_ids, _ = upsert_by_key(
        Stage, {s["slug"]: {k: s[k] for k in ("name", "order", "description")} for s in stages}
    )
    facet_ids = {
        key: upsert_by_key(model, {slug: {"name": name} for slug, name in vocab[key].items()})[0]
        for key, model in FACETS.items()
    }

    report = LoadReport()
    existing = {t.slug: t for t in Tool.objects.all()}
    create, update = [], []
    for entry in tools:
        values = _scalars(entry, source) | {"primary_stage_id": stage_ids[entry["primary_stage"]]}
        tool = existing.get(entry["slug"])
        if tool is None:
            create.append(Tool(slug=entry["slug"], **values))
        elif any(getattr(tool, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(tool, k, v)
            update.append(tool)
    Tool.objects.bulk_create(create, batch_size=500)
    if update:
        Tool.objects.bulk_update(update, [*SCALARS, "source", "primary_stage_id", "updated_at"], batch_size=500)
    tool_ids = dict(Tool.objects.filter(slug__in=[t["slug"] for t in tools]).values_list("slug", "id"))

    relations = {
        "stages": {tool_ids[t["slug"]]: {stage_ids[s] for s in [t["primary_stage"], *t["stages"]]} for t in tools},
        "integrations": {
            tool_ids[t["slug"]]: {tool_ids[s] for s in t["integrations"] if s != t["slug"]} for t in tools
        },
        **{key: {tool_ids[t["slug"]]: {facet_ids[key][s] for s in t[key]} for t in tools} for key in FACETS},
    }
    touched = {t.id for t in update} | {tool_ids[t.slug] for t in create}
    for name, desired in relations.items():
        if name == "integrations":
            # Integrations are symmetrical: a tool gains links from others' entries, so compare the union.
            desired = _symmetric_closure(desired)
        touched |= sync_m2m(Tool, name, desired)
    report.created = len(create)
    report.updated = len(touched) - len(create)
    report.unchanged = len(tools) - len(touched)
    report.changed_ids = sorted(touched)
    if touched or not CatalogState.objects.exists():
        services.catalog_changed()
    services.schedule_embedding(report.changed_ids)
    return report


def _symmetric_closure(desired: dict[int, set[int]]) -> dict[int, set[int]]:
    closed = {src: set(dsts) for src, dsts in desired.items()}
    for src, dsts in desired.items():
        for dst in dsts:
            closed.setdefault(dst, set()).add(src)
    return closed
