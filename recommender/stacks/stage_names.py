"""Where a text names a lifecycle stage by the stage's own name, rather than by what the team needs.

Two readings, for two kinds of text:
- `closest`: a short list item ("registry", "data quality checks") embedded and compared with every stage's name
  and the parts of a compound name, for lists, whose bare nouns the clause classifier reads worst;
- `in_text`: the names as words in a clause ("we don't need a feature store", "tracking works fine"), for
  clauses whose meaning the classifier reads the wrong way round.
"""

import functools
import re
from dataclasses import dataclass

import numpy as np

from recommender import encoder
from recommender.stacks.snapshot import StageInfo

# An item this close to a stage's own name ("registry", "data quality checks", "explainability") names it
# outright, in any list: a bare noun is what the classifier, trained on sentences, reads worst ("experiment
# tracking" gave experiment tracking 0.19 and visualisation 0.2), and what a stage's name says best. Margin: over
# the next stage's name ("tracking" is 0.73 to experiment tracking, 0.65 to monitoring).
NAME_MATCH = 0.7
NAME_MARGIN = 0.05


@dataclass(frozen=True)
class _StageNames:
    version: str
    owners: np.ndarray  # the stage id of each row
    vectors: np.ndarray


_stage_names: _StageNames | None = None


def _names_of(stages: dict[int, StageInfo], version: str) -> _StageNames:
    """Each stage's name and the parts of a compound one ("Explainability & fairness": also "Explainability"
    and "fairness"), encoded once per catalog version."""
    global _stage_names
    if _stage_names is None or _stage_names.version != version:
        phrases, owners = [], []
        for stage in stages.values():
            for phrase in stage.name_parts:
                phrases.append(phrase)
                owners.append(stage.id)
        _stage_names = _StageNames(version, np.array(owners), encoder.encode(phrases))
    return _stage_names


def closest(vectors: np.ndarray, stages: dict[int, StageInfo], version: str) -> list[int | None]:
    """For each item, the stage whose name it is close to (NAME_MATCH), clear of every other stage's."""
    names = _names_of(stages, version)
    if not len(names.owners):
        return [None] * len(vectors)
    similarity = vectors @ names.vectors.T
    found: list[int | None] = []
    for row in similarity:
        best: dict[int, float] = {}
        for owner, value in zip(names.owners.tolist(), row.tolist(), strict=True):
            best[owner] = max(best.get(owner, -1.0), value)
        ranked = sorted(best.items(), key=lambda pair: -pair[1])
        top, runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else -1.0)
        found.append(top[0] if top[1] >= NAME_MATCH and top[1] - runner_up >= NAME_MARGIN else None)
    return found


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


def in_text(text: str, stages: dict[int, StageInfo], heads: bool = False) -> set[int]:
    """Ids of the stages whose name (or part of a compound name, or with `heads` its last word) the text uses.
    The last words alone are for clauses already about the stack ("tracking works fine", "we don't need
    tracking"): in free text "stores" and "search" mean other things."""
    names = tuple(sorted((stage.id, tuple(stage.name_parts)) for stage in stages.values()))
    return {stage_id for stage_id, pattern in _name_patterns(names, heads) if pattern.search(text)}
