"""The side-by-side comparison: which tools, validated, and the rows of the table."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from community.catalog import selectors
from community.catalog.models import Tool

MIN_TOOLS, MAX_TOOLS = 2, 6


class CompareError(ValueError):
    pass


def parse_slugs(raw: str) -> list[str]:
    slugs: list[str] = []
    for part in raw.split(","):
        slug = part.strip().lower()
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def resolve(name_or_slug: str) -> str | None:
    """The slug of a tool given its slug or its name, as typed into the add-a-tool box."""
    text = name_or_slug.strip()
    # Longer than any name or slug can be: no query (SQLite refuses a LIKE pattern of 50,000 characters or more).
    if not text or len(text) > max(Tool._meta.get_field(f).max_length for f in ("name", "slug")):
        return None
    found = Tool.objects.filter(Q(slug=text.lower()) | Q(name__iexact=text)).values_list("slug", "name")[:10]
    # "Comet" and "COMET" are two tools (and "comet" is the slug of the second): what was typed exactly, as a
    # slug or a name, then either in any case.
    ranked = sorted(found, key=lambda row: (text not in row, row[0] != text.lower(), row[0]))
    return ranked[0][0] if ranked else None


def tools_to_compare(slugs: list[str]) -> list[Tool]:
    if len(slugs) < MIN_TOOLS:
        raise CompareError(f"Pick at least {MIN_TOOLS} tools to compare (you gave {len(slugs)}).")
    if len(slugs) > MAX_TOOLS:
        raise CompareError(f"At most {MAX_TOOLS} tools fit side by side (you gave {len(slugs)}).")
    tools = selectors.tools_by_slugs(slugs)
    unknown = [s for s in slugs if s not in {t.slug for t in tools}]
    if unknown:
        raise CompareError(f"No tool with the slug {', '.join(repr(s) for s in unknown)} is in the catalog.")
    return tools


@dataclass
class Row:
    label: str
    cells: list[str]
    differs: bool
    is_link: bool = False


def _names(items) -> str:
    return ", ".join(sorted(i.name for i in items))


FIELDS: list[tuple[str, Callable[[Tool], str]]] = [
    ("Primary stage", lambda t: t.primary_stage.name),
    ("All stages", lambda t: _names(t.stages.all())),
    ("Summary", lambda t: t.summary),
    ("Open source", lambda t: "Yes" if t.open_source else "No"),
    ("Licence", lambda t: t.licence or "Unknown"),
    ("Hosting", lambda t: ", ".join(t.hosting_labels)),
    ("Clouds", lambda t: _names(t.clouds.all()) or "Any"),
    ("Languages", lambda t: _names(t.languages.all()) or "—"),
    ("Domains", lambda t: _names(t.domains.all()) or "General purpose"),
    ("Vendor", lambda t: t.vendor or "—"),
    ("Integrates with", lambda t: _names(t.integrations.all()) or "—"),
]
LINK_FIELDS: list[tuple[str, Callable[[Tool], str]]] = [
    ("Homepage", lambda t: t.homepage),
    ("Repository", lambda t: t.repository),
]


def rows(tools: list[Tool]) -> list[Row]:
    """Every field a row; a row differs when its cells are not all the same."""
    table = []
    for fields, is_link in ((FIELDS, False), (LINK_FIELDS, True)):
        for label, get in fields:
            cells = [get(t) for t in tools]
            table.append(Row(label, cells, differs=len(set(cells)) > 1, is_link=is_link))
    return table
