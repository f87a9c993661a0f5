"""Load the responsible-AI library the project ships (data/) into the database.

Everything is validated before anything is written; the load is one transaction and idempotent. It needs the
catalog loaded first, since resources, checks and profiles point at its stages and tools.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from community.catalog.models import Stage, Tool
from community.core.awesome import normalise_heading
from community.core.bulk import sync_m2m, upsert_by_key
from community.ethics import services
from community.ethics.matching import MAX_KEYWORD_WORDS, words_of
from community.ethics.models import (
    Checklist,
    ChecklistItem,
    Kind,
    Region,
    Resource,
    RiskCheck,
    RiskExample,
    RiskProfile,
    Topic,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESOURCE_KEYS = {
    "slug", "title", "url", "kind", "region", "topics", "stages", "tools", "organisation", "year", "status", "summary",
}  # fmt: skip
CHECK_KEYS = {"text", "detail", "resources", "tools"}
PROFILE_KEYS = {"slug", "name", "summary", "why", "keywords", "examples", "stages", "resources", "checks"}
SOURCE = "curated"


class EthicsDataError(ValueError):
    """The shipped data is wrong; the message names the file and the entry."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    checklists_changed: int = 0
    profiles_changed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.checklists_changed or self.profiles_changed)


@dataclass
class Library:
    vocabulary: dict[str, list[dict]]
    resources: list[dict]
    checklists: list[dict]
    profiles: list[dict]
    baseline: list[str]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EthicsDataError(f"{path.name}: line {exc.lineno}: {exc.msg}") from None
    except OSError as exc:
        raise EthicsDataError(f"cannot read {path}: {exc}") from None


class _Validator:
    def __init__(self, vocabulary: dict[str, list[dict]], stages: set[str], tools: set[str]) -> None:
        self.topics = {t["slug"] for t in vocabulary["topics"]}
        self.regions = {r["code"] for r in vocabulary["regions"]}
        self.stages = stages
        self.tools = tools
        self.resources: set[str] = set()

    def keys(self, entry: Any, expected: set[str], where: str, optional: set[str] = frozenset()) -> None:
        if not isinstance(entry, dict):
            raise EthicsDataError(f"{where}: expected an object")
        missing, unknown = expected - entry.keys(), entry.keys() - expected - optional
        if missing or unknown:
            raise EthicsDataError(f"{where}: missing {sorted(missing)} / unknown {sorted(unknown)} keys")

    def known(self, values: Any, allowed: set[str], what: str, where: str) -> None:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise EthicsDataError(f"{where}: {what} must be a list of slugs")
        bad = sorted(set(values) - allowed)
        if bad:
            raise EthicsDataError(f"{where}: unknown {what} {bad}")

    def text(self, entry: dict, key: str, where: str, limit: int) -> None:
        value = entry[key]
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise EthicsDataError(f"{where}: {key} must be non-empty text of at most {limit} characters")

    def resource(self, entry: Any, where: str) -> None:
        self.keys(entry, RESOURCE_KEYS, where)
        if not SLUG_RE.match(entry["slug"]) or len(entry["slug"]) > 80:
            raise EthicsDataError(f"{where}: slug {entry['slug']!r} is not lowercase-with-hyphens (at most 80)")
        if entry["slug"] in self.resources:
            raise EthicsDataError(f"{where}: slug {entry['slug']!r} is used twice")
        if entry["kind"] not in Kind.values:
            raise EthicsDataError(f"{where}: kind {entry['kind']!r} is not one of {Kind.values}")
        if entry["region"] and entry["region"] not in self.regions:
            raise EthicsDataError(f"{where}: unknown region {entry['region']!r}")
        if entry["kind"] == Kind.REGULATION and not entry["region"]:
            raise EthicsDataError(f"{where}: a regulation needs a region")
        if not str(entry["url"]).startswith(("http://", "https://")):
            raise EthicsDataError(f"{where}: url {entry['url']!r} is not an http(s) URL")
        if entry["year"] is not None and not (isinstance(entry["year"], int) and 1900 <= entry["year"] <= 2100):
            raise EthicsDataError(f"{where}: year must be a year or null")
        self.text(entry, "title", where, 300)
        self.text(entry, "summary", where, 800)
        self.known(entry["topics"], self.topics, "topics", where)
        self.known(entry["stages"], self.stages, "stages", where)
        self.known(entry["tools"], self.tools, "tools", where)
        self.resources.add(entry["slug"])

    def check(self, entry: Any, where: str, extra: set[str]) -> None:
        self.keys(entry, CHECK_KEYS | extra, where)
        self.text(entry, "text", where, 200)
        self.known(entry["resources"], self.resources, "resources", where)
        self.known(entry["tools"], self.tools, "tools", where)

    def checklist(self, entry: Any, where: str, seen: set[str]) -> None:
        self.keys(entry, {"stage", "intro", "items"}, where)
        if entry["stage"] not in self.stages or entry["stage"] in seen:
            raise EthicsDataError(f"{where}: stage {entry['stage']!r} is unknown or has two checklists")
        seen.add(entry["stage"])
        self.text(entry, "intro", where, 1000)
        for i, item in enumerate(entry["items"]):
            self.check(item, f"{where}, item {i + 1}", {"topics"})
            self.known(item["topics"], self.topics, "topics", f"{where}, item {i + 1}")

    def profile(self, entry: Any, where: str, seen: set[str]) -> None:
        self.keys(entry, PROFILE_KEYS, where)
        if not SLUG_RE.match(entry["slug"]) or entry["slug"] in seen:
            raise EthicsDataError(f"{where}: slug {entry['slug']!r} is malformed or used twice")
        seen.add(entry["slug"])
        for key in ("name", "summary", "why"):
            self.text(entry, key, where, 80 if key == "name" else 1200)
        for key in ("keywords", "examples"):
            values = entry[key]
            if not values or not all(isinstance(v, str) and v.strip() and len(v) <= 300 for v in values):
                raise EthicsDataError(f"{where}: {key} must be a non-empty list of short texts")
        if any(k != k.lower() for k in entry["keywords"]):
            raise EthicsDataError(f"{where}: keywords must be lower case")
        if long := [k for k in entry["keywords"] if len(words_of(k)) > MAX_KEYWORD_WORDS]:
            raise EthicsDataError(f"{where}: keyword {long[0]!r} has more than {MAX_KEYWORD_WORDS} words")
        self.known(entry["stages"], self.stages, "stages", where)
        self.known(entry["resources"], self.resources, "resources", where)
        for i, check in enumerate(entry["checks"]):
            self.check(check, f"{where}, check {i + 1}", {"stage"})
            if check["stage"] not in self.stages:
                raise EthicsDataError(f"{where}, check {i + 1}: unknown stage {check['stage']!r}")


def read_library(data_dir: Path = DATA_DIR) -> Library:
    """Every file under data/, validated as a whole against the catalog in the database."""
    vocabulary = read_vocabulary(data_dir)
    validator = _Validator(
        vocabulary,
        set(Stage.objects.values_list("slug", flat=True)),
        set(Tool.objects.values_list("slug", flat=True)),
    )
    resources = []
    for path in sorted(data_dir.glob("resources*.json")):
        for i, entry in enumerate(_read_json(path)):
            validator.resource(entry, f"{path.name}: entry {i + 1} ({entry.get('slug', '?')})")
            resources.append(entry)
    checklists = _read_json(data_dir / "checklists.json")
    seen: set[str] = set()
    for i, entry in enumerate(checklists):
        validator.checklist(entry, f"checklists.json: entry {i + 1} ({entry.get('stage', '?')})", seen)
    profiles = _read_json(data_dir / "risk_profiles.json")
    seen = set()
    for i, entry in enumerate(profiles):
        validator.profile(entry, f"risk_profiles.json: entry {i + 1} ({entry.get('slug', '?')})", seen)
    baseline = _read_json(data_dir / "baseline_use_cases.json")
    if not isinstance(baseline, list) or not all(isinstance(t, str) and 0 < len(t) <= 300 for t in baseline):
        raise EthicsDataError("baseline_use_cases.json: expected a list of sentences of at most 300 characters")
    return Library(vocabulary, resources, checklists, profiles, baseline)


def _load_resources(entries: list[dict], ids: dict[str, dict[str, int]], report: LoadReport) -> dict[str, int]:
    rows = {
        e["slug"]: {
            "title": e["title"],
            "url": e["url"],
            "kind": e["kind"],
            "region_id": ids["regions"].get(e["region"]),
            "summary": e["summary"],
            "organisation": e["organisation"],
            "year": e["year"],
            "status": e["status"],
            "source": SOURCE,
        }
        for e in entries
    }
    before = set(Resource.objects.filter(slug__in=list(rows)).values_list("slug", flat=True))
    resource_ids, changed = upsert_by_key(Resource, rows)
    for field, key in (("topics", "topics"), ("stages", "stages"), ("tools", "tools")):
        desired = {resource_ids[e["slug"]]: {ids[key][s] for s in e[field]} for e in entries}
        changed |= sync_m2m(Resource, field, desired)
    report.created = len(rows) - len(before)
    report.updated = len(changed) - report.created
    report.unchanged = len(rows) - len(changed)
    return resource_ids


def _sync_checks(model: type, parent_field: str, parent_id: int, checks: list[dict], ids: dict, extra) -> bool:
    """Make a parent's checks (by position) equal the given list; True when anything changed."""
    rows = {
        position: {"text": c["text"], "detail": c["detail"], **extra(c)} for position, c in enumerate(checks, start=1)
    }
    existing = {obj.position: obj for obj in model.objects.filter(**{parent_field: parent_id})}
    changed = False
    stale = [obj.id for pos, obj in existing.items() if pos not in rows]
    if stale:
        model.objects.filter(id__in=stale).delete()
        changed = True
    objects = {}
    for position, values in rows.items():
        obj = existing.get(position)
        if obj is None:
            obj = model.objects.create(**{f"{parent_field}": parent_id, "position": position}, **values)
            changed = True
        elif any(getattr(obj, k) != v for k, v in values.items()):
            model.objects.filter(id=obj.id).update(**values)
            changed = True
        objects[position] = obj.id
    fields = ["resources", "tools", *(["topics"] if model is ChecklistItem else [])]
    for field in fields:
        desired = {objects[p]: {ids[field][s] for s in c[field]} for p, c in enumerate(checks, start=1)}
        changed |= bool(sync_m2m(model, field, desired))
    return changed


def read_vocabulary(data_dir: Path = DATA_DIR) -> dict[str, list[dict]]:
    return _read_json(data_dir / "vocabulary.json")


def load_vocabulary(vocab: dict[str, list[dict]]) -> tuple[dict[str, int], dict[str, int], bool]:
    """Topics and regions by slug/code: (topic ids, region ids, whether anything changed)."""
    topics, topics_changed = upsert_by_key(
        Topic,
        {
            t["slug"]: {"name": t["name"], "description": t["description"], "order": i}
            for i, t in enumerate(vocab["topics"])
        },
    )
    regions, regions_changed = upsert_by_key(
        Region, {r["code"]: {"name": r["name"]} for r in vocab["regions"]}, key="code"
    )
    return topics, regions, bool(topics_changed or regions_changed)


def region_names(vocab: dict[str, list[dict]], region_ids: dict[str, int]) -> dict[str, int]:
    """Normalised region names and their aliases (as headings of a list would spell them) to region ids."""
    return {
        normalise_heading(name): region_ids[r["code"]] for r in vocab["regions"] for name in [r["name"], *r["aliases"]]
    }


def _sync_examples(profile_id: int | None, texts: list[str]) -> bool:
    """Make a profile's example sentences (or the baseline's, for None) equal the given ones."""
    current = dict(RiskExample.objects.filter(profile_id=profile_id).values_list("text", "id"))
    wanted = list(dict.fromkeys(texts))
    gone = [i for text, i in current.items() if text not in wanted]
    if gone:
        RiskExample.objects.filter(id__in=gone).delete()
    new = [RiskExample(profile_id=profile_id, text=t) for t in wanted if t not in current]
    RiskExample.objects.bulk_create(new)
    return bool(gone or new)


@transaction.atomic
def load_library(data_dir: Path = DATA_DIR) -> LoadReport:
    library = read_library(data_dir)
    vocab = library.vocabulary
    ids: dict[str, dict[str, int]] = {
        "stages": dict(Stage.objects.values_list("slug", "id")),
        "tools": dict(Tool.objects.values_list("slug", "id")),
    }
    ids["topics"], ids["regions"], vocabulary_changed = load_vocabulary(vocab)
    report = LoadReport()
    ids["resources"] = _load_resources(library.resources, ids, report)

    for entry in library.checklists:
        stage_id = ids["stages"][entry["stage"]]
        checklist, created = Checklist.objects.get_or_create(stage_id=stage_id, defaults={"intro": entry["intro"]})
        changed = created
        if checklist.intro != entry["intro"]:
            Checklist.objects.filter(id=checklist.id).update(intro=entry["intro"])
            changed = True
        changed |= _sync_checks(ChecklistItem, "checklist_id", checklist.id, entry["items"], ids, lambda c: {})
        report.checklists_changed += changed

    profile_ids, changed_profiles = upsert_by_key(
        RiskProfile,
        {
            p["slug"]: {
                "name": p["name"],
                "summary": p["summary"],
                "why": p["why"],
                "keywords": p["keywords"],
                "order": i,
            }
            for i, p in enumerate(library.profiles)
        },
    )

    def check_stage(check: dict) -> dict[str, int]:
        return {"stage_id": ids["stages"][check["stage"]]}

    examples_changed = _sync_examples(None, library.baseline)
    for entry in library.profiles:
        pid = profile_ids[entry["slug"]]
        examples_changed |= _sync_examples(pid, entry["examples"])
        if _sync_checks(RiskCheck, "profile_id", pid, entry["checks"], ids, check_stage):
            changed_profiles.add(pid)
    for field, key in (("stages", "stages"), ("resources", "resources")):
        desired = {profile_ids[p["slug"]]: {ids[key][s] for s in p[field]} for p in library.profiles}
        changed_profiles |= sync_m2m(RiskProfile, field, desired)
    report.profiles_changed = len(changed_profiles) + examples_changed

    if report.changed or vocabulary_changed or not services.ethics_version():
        services.ethics_changed()
    return report
