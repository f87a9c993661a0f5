"""Stages a text says the team does not need: "we don't need a feature store", "no need for a model registry",
"monitoring stage not needed".

Such a clause reads, to the clause classifier and to the stage model, much like one that asks for the stage:
the embedding of "we don't need a feature store" sits next to "we need a feature store". So a clause that
declines something is recognised by its words, and the stage it declines is the one the clause names (a stage's
name in it, "feature store" or "experiment tracking"), or else the one the classifier reads in it clearly. That
stage is left out of the stack unless a high-risk domain requires it.

Only what a team says it does not need or want declines a stage. A problem stated in the negative is a need
("we don't know which settings gave which model", "we have no monitoring"), and so is a constraint on how
("we don't want to run servers", "we don't want our data locked into one vendor").
"""

import functools
import re

import numpy as np

from recommender.stacks import needs
from recommender.stacks.snapshot import StageInfo

_DECLINES = re.compile(
    r"\b(?:(?:do|does|did|will|would)(?:\s+not|n['’]t)|won['’]t|never)\s+(?:really\s+|yet\s+|even\s+|actually\s+)?"
    r"(?:need|require)\b(?!\s*(?:[,.;:)!?]|$))"  # not "personal data we don't need", whose object came first
    r"|\b(?:(?:do|does)(?:\s+not|n['’]t))\s+(?:really\s+)?want\s+(?:a|an|any|the)\b"
    r"|\bno\s+need\s+(?:for|of)\b"
    r"|\b(?:is|are)?\s*(?:not|n['’]t)\s+(?:needed|required|necessary|wanted)\b"
    r"|\bout\s+of\s+scope\b",
    re.I,
)
# A clause may decline a stage on the classifier's reading alone only when the reading is this clear.
CLEAR_READING = 0.4


def declining(part: str) -> bool:
    return bool(_DECLINES.search(part))


# Words of stage names that alone name no stage: "engineering" of feature engineering, "quality" of data quality.
_UNSAID = {
    "engineering", "formats", "quality", "stores", "security", "compute", "ops", "search", "apps", "agents",
    "libraries", "synthesis", "metadata", "streaming",
}  # fmt: skip


@functools.cache
def _name_patterns(names: tuple[tuple[int, tuple[str, ...]], ...], heads: bool) -> list[tuple[int, re.Pattern]]:
    """Each stage's name and the parts of a compound name, singular or plural ("feature stores?"); with `heads`,
    also the last word of a part of two words or more where no other stage's name ends in it ("tracking",
    "registry", "orchestration")."""
    phrases: list[tuple[int, list[str]]] = []
    for stage_id, name_parts in names:
        for phrase in name_parts:
            phrases.append((stage_id, phrase.lower().split()))
    if heads:
        owners: dict[str, set[int]] = {}
        for stage_id, words in phrases:
            if len(words) > 1:
                owners.setdefault(words[-1], set()).add(stage_id)
        phrases += [(next(iter(ids)), [word]) for word, ids in owners.items() if len(ids) == 1]
    patterns = []
    for stage_id, words in phrases:
        if len(words) == 1 and words[0] in _UNSAID:
            continue
        last = words[-1][:-1] if words[-1].endswith("s") and len(words[-1]) > 3 else words[-1]
        body = r"\s+".join(re.escape(w) for w in [*words[:-1], last])
        patterns.append((stage_id, re.compile(rf"\b{body}(?:s|es)?\b", re.I)))
    return patterns


def named_stages(text: str, stages: dict[int, StageInfo], heads: bool = False) -> set[int]:
    """Ids of the stages whose name (or part of a compound name, or with `heads` its last word) the text uses.
    The last words alone are for clauses already about the stack ("tracking works fine", "we don't need
    tracking"): in free text "stores" and "search" mean other things."""
    names = tuple(sorted((stage.id, tuple(stage.name_parts)) for stage in stages.values()))
    return {stage_id for stage_id, pattern in _name_patterns(names, heads) if pattern.search(text)}


def declined(parts: list[str], vectors: np.ndarray, stages: dict[int, StageInfo]) -> set[int]:
    """Ids of the stages the text declines. `parts` and `vectors` as needs.parts_of and needs.with_whole lay
    them out; the whole text (row 0) is read only when it is the one part."""
    rows = [row for row in needs.need_rows(len(parts)) if declining(parts[row])]
    if not rows:
        return set()
    found: set[int] = set()
    unnamed = []
    for row in rows:
        by_name = named_stages(parts[row], stages, heads=True)
        found |= by_name
        if not by_name:
            unnamed.append(row)
    if unnamed:
        found |= needs.clear_readings(vectors[unnamed], CLEAR_READING)
    return found
