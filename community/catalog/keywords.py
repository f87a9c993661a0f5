"""What search needs of every tool, held in this process per catalog version: names, stages, and a substring
index over names and summaries.

Substring search over one joined lowercase string runs at C speed (str.find), where SQL `LIKE '%q%'` has to
scan the table on every query.
"""

import threading
from bisect import bisect_right
from dataclasses import dataclass

from community.catalog import services
from community.catalog.models import Tool


@dataclass(frozen=True)
class _Text:
    text: str
    starts: list[int]
    ids: list[int]

    @classmethod
    def build(cls, rows: list[tuple[int, str]]) -> "_Text":
        starts, parts, pos = [], [], 0
        for _, value in rows:
            starts.append(pos)
            line = " ".join(value.lower().split())
            parts.append(line)
            pos += len(line) + 1
        return cls("\n".join(parts), starts, [tool_id for tool_id, _ in rows])

    def find(self, needle: str, limit: int) -> list[int]:
        """Ids of the entries containing the needle, in catalog order, at most `limit`."""
        found: list[int] = []
        pos = self.text.find(needle)
        while pos != -1 and len(found) < limit:
            entry = bisect_right(self.starts, pos) - 1
            found.append(self.ids[entry])
            following = self.starts[entry + 1] if entry + 1 < len(self.starts) else len(self.text)
            pos = self.text.find(needle, following)
        return found


@dataclass(frozen=True)
class KeywordIndex:
    version: str
    names: dict[int, str]
    stage_of: dict[int, int]
    name_text: _Text
    summary_text: _Text

    def matches(self, query: str, limit: int) -> tuple[list[int], list[int]]:
        """(ids whose name contains the query, ids whose summary does), case-insensitively."""
        needle = " ".join(query.lower().split())
        if not needle:
            return [], []
        return self.name_text.find(needle, limit), self.summary_text.find(needle, limit)


_current: KeywordIndex | None = None
_lock = threading.Lock()


def keyword_index(version: str | None = None) -> KeywordIndex:
    """The index for the catalog as it is now (or at the version the caller just read): one small query at most."""
    global _current
    version = services.catalog_version() if version is None else version
    if _current is None or _current.version != version:
        with _lock:
            if _current is None or _current.version != version:
                rows = list(
                    Tool.objects.order_by("name", "id").values_list("id", "name", "summary", "primary_stage_id")
                )
                _current = KeywordIndex(
                    version=version,
                    names={tool_id: name for tool_id, name, _, _ in rows},
                    stage_of={tool_id: stage for tool_id, _, _, stage in rows},
                    name_text=_Text.build([(tool_id, name) for tool_id, name, _, _ in rows]),
                    summary_text=_Text.build([(tool_id, summary) for tool_id, _, summary, _ in rows]),
                )
    return _current
