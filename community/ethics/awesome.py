"""Import an awesome-style Markdown list into the library: sections become resource kinds, entries resources.

The same parser as the catalog's import (community.core.awesome). A heading maps to a kind; a country heading
under a mapped one also gives the entry its region. An entry already in the library (same title, or same link
when only one resource has it) is skipped, so curated summaries are never overwritten; the import is one
transaction and idempotent.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from community.core.awesome import AwesomeListError, normalise_heading, parse, read_list, short_slug, url_key
from community.ethics import loading, services
from community.ethics.models import Kind, Resource

# Section headings of EthicalML's Awesome AI Guidelines, normalised, and the kind each maps to.
DEFAULT_MAPPING = {
    "regulation and policy": Kind.REGULATION,
    "high level frameworks and principles": Kind.PRINCIPLES,
    "processes and checklists": Kind.PROCESS,
    "interactive and practical tools": Kind.TOOLKIT,
    "industry standards initiatives": Kind.STANDARD,
    "online courses and learning resources": Kind.COURSE,
    "research and industry newsletters": Kind.NEWSLETTER,
}


@dataclass
class ImportReport:
    created: int = 0
    skipped: int = 0
    unmapped: dict[str, int] = field(default_factory=dict)


def load_mapping(extra: dict[str, str] | None) -> dict[str, str]:
    mapping = {k: str(v) for k, v in DEFAULT_MAPPING.items()}
    mapping.update({normalise_heading(k): v for k, v in (extra or {}).items()})
    unknown = set(mapping.values()) - set(Kind.values)
    if unknown:
        raise AwesomeListError(f"the mapping names kinds that do not exist: {', '.join(sorted(unknown))}")
    return mapping


@transaction.atomic
def import_list(path: Path, mapping: dict[str, str]) -> ImportReport:
    parsed = parse(read_list(path), mapping)
    report = ImportReport(unmapped=parsed.unmapped, skipped=sum(parsed.unmapped.values()))
    vocab = loading.read_vocabulary()
    _, region_ids, vocabulary_changed = loading.load_vocabulary(vocab)
    regions = loading.region_names(vocab, region_ids)
    by_title: dict[str, int] = {}
    by_url: dict[str, list[int]] = {}
    for rid, title, url in Resource.objects.values_list("id", "title", "url"):
        by_title[slugify(title)] = rid
        by_url.setdefault(url_key(url), []).append(rid)
    slugs = set(Resource.objects.values_list("slug", flat=True))

    new: dict[str, Resource] = {}
    for entry in parsed.entries:
        title_key = slugify(entry.name)
        same_url = by_url.get(url_key(entry.url), [])
        if title_key in by_title or len(same_url) == 1 or title_key in new:
            report.skipped += 1  # already in the library, or listed twice (the ACM code sits in two sections)
            continue
        region = next((regions[h] for h in map(normalise_heading, reversed(entry.headings)) if h in regions), None)
        if entry.target == Kind.REGULATION and region is None:
            raise AwesomeListError(f"line {entry.line}: a regulation needs a region, and no heading above names one")
        slug = short_slug(entry.name)
        base, n = slug, 2
        while slug in slugs:
            slug, n = f"{base[:76]}-{n}", n + 1
        slugs.add(slug)
        new[title_key] = Resource(
            slug=slug,
            title=entry.name[:300],
            url=entry.url[:500],
            kind=entry.target,
            region_id=region,
            summary=entry.description or f"{entry.name}, listed under {entry.section}.",
            source=f"import:{path.name}"[:120],
        )
    Resource.objects.bulk_create(new.values(), batch_size=500)
    report.created = len(new)
    if new or vocabulary_changed:
        services.ethics_changed()
        services.schedule_embedding(
            Resource.objects.filter(slug__in=[r.slug for r in new.values()]).values_list("id", flat=True)
        )
    return report
