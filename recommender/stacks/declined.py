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

import re

import numpy as np

from recommender.stacks import needs, stage_names
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


def declined(parts: list[str], vectors: np.ndarray, stages: dict[int, StageInfo]) -> set[int]:
    """Ids of the stages the text declines. `parts` and `vectors` as needs.parts_of and needs.with_whole lay
    them out; the whole text (row 0) is read only when it is the one part."""
    rows = [row for row in needs.need_rows(len(parts)) if declining(parts[row])]
    if not rows:
        return set()
    found: set[int] = set()
    unnamed = []
    for row in rows:
        by_name = stage_names.in_text(parts[row], stages, heads=True)
        found |= by_name
        if not by_name:
            unnamed.append(row)
    if unnamed:
        found |= needs.clear_readings(vectors[unnamed], CLEAR_READING)
    return found
