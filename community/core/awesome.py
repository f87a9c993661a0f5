"""Parse an awesome-style Markdown list: headings give each entry its section, `* [Name](url) - text` lines entries.

The parser knows nothing of what the entries become. A mapping names, by normalised heading, the target of each
section (a catalog stage, a resource kind); an entry takes the target of the innermost heading above it that the
mapping names, so `# Regulation` can hold `## Canada` without every country being mapped. Parsing finishes
before any importer writes: one malformed line stops the import with its line number.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

ENTRY_RE = re.compile(r"^[*-]\s+\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)(?:\s+[^)]*)?\)(?P<rest>.*)$")
BADGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
HEADING_RE = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
SUMMARY_MAX = 400


class AwesomeListError(ValueError):
    """The list or the mapping is wrong; nothing has been written."""


@dataclass(frozen=True)
class Entry:
    line: int
    section: str
    target: str
    name: str
    url: str
    description: str
    headings: tuple[str, ...] = ()


@dataclass
class ParsedList:
    entries: list[Entry] = field(default_factory=list)
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


def _target(stack: list[tuple[int, str]], mapping: dict[str, str]) -> str | None:
    for _, title in reversed(stack):
        target = mapping.get(normalise_heading(title))
        if target is not None:
            return target
    return None


def parse(text: str, mapping: dict[str, str]) -> ParsedList:
    """Entries of the mapped sections, in order. Entries under headings the mapping does not reach are counted."""
    parsed = ParsedList()
    stack: list[tuple[int, str]] = []
    target: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        heading = HEADING_RE.match(line)
        if heading:
            level = len(heading["level"])
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading["title"]))
            target = _target(stack, mapping)
            continue
        if not line.startswith(("* ", "- ")):
            continue
        section = stack[-1][1] if stack else ""
        if target is None:
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
        parsed.entries.append(
            Entry(number, section, target, name, match["url"], _summary(match["rest"]), tuple(t for _, t in stack))
        )
    return parsed


def read_list(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AwesomeListError(f"cannot read {path}: {exc}") from None


def url_key(url: str) -> str:
    return url.strip().rstrip("/").lower()


def short_slug(text: str, limit: int = 60) -> str:
    """A slug cut at a word boundary, so long titles still give readable URLs."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    return slug[:limit].rsplit("-", 1)[0]
