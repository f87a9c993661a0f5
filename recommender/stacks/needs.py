"""Which lifecycle stages a use case needs, inferred by meaning.

Each sentence and clause of the text is compared with example sentences of every stage's needs and with
neutral sentences that imply no stage (team size, company, stack facts). A clause needs a stage when its
nearest example belongs to that stage, at a similarity of at least NEAREST_FLOOR and MARGIN clear of the best
example of any other stage or of the neutral ones; or when it comes within STRONG_MATCH of one of the stage's
examples. The margin keeps a clause that merely shares a domain with an example ("a fraud model", "fraud
examples are rare") from needing that example's stage; the neutral examples keep "we are three engineers in
Berlin" from needing anything. The whole text is compared only when it is a single passage: a long text's
embedding blends its sentences into a gist that resembles many needs a little.
"""

import re
from dataclasses import dataclass

import numpy as np

from recommender import index
from recommender.stacks.models import StageNeed

KIND = "stage_need"
NEAREST_FLOOR = 0.45
MARGIN = 0.05
STRONG_MATCH = 0.65
MAX_PARTS = 40
SENTENCE_RE = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+[-–•]\s+")
CLAUSE_RE = re.compile(r",\s+|\s+(?:and|but|while|so|because)\s+(?=(?:we|our|it|they|the|must|need|have|also)\b)")


@dataclass(frozen=True)
class StageEvidence:
    stage_id: int
    similarity: float
    passage: str
    example: str


def parts_of(text: str) -> list[str]:
    """The whole text, its sentences and their clauses: the gist, and each telling line on its own."""
    whole = " ".join(text.split())
    parts = [whole]
    for sentence in SENTENCE_RE.split(text.strip()):
        sentence = " ".join(sentence.split())
        if len(sentence) >= 12:
            parts.append(sentence)
        clauses = [c.strip(" ,;") for c in CLAUSE_RE.split(sentence)]
        if len(clauses) > 1:
            parts += [c for c in clauses if len(c.split()) >= 3]
    return list(dict.fromkeys(parts))[:MAX_PARTS]


def need_parts(parts: list[str]) -> list[int]:
    """Rows of `parts` that stage inference reads: the sentences and clauses, or the whole when it is alone."""
    return list(range(1, len(parts))) or [0]


_examples: tuple[str, dict[int, tuple[int | None, str]]] = ("", {})


def _example_rows(version: str) -> dict[int, tuple[int | None, str]]:
    global _examples
    if _examples[0] != version:
        _examples = (
            version,
            {i: (stage, text) for i, stage, text in StageNeed.objects.values_list("id", "stage_id", "text")},
        )
    return _examples[1]


def infer(parts: list[str], vectors: np.ndarray) -> dict[int, StageEvidence]:
    """Per needed stage id, the strongest clause that asked for it."""
    matrix = index.matrix(KIND)
    if not len(matrix.ids):
        return {}
    rows = _example_rows(matrix.version)
    owner = [rows.get(i, (None, ""))[0] for i in matrix.ids.tolist()]
    texts = [rows.get(i, (None, ""))[1] for i in matrix.ids.tolist()]
    rows_read = need_parts(parts)
    sims = vectors[rows_read] @ matrix.vectors.T
    columns: dict[int | None, list[int]] = {}
    for col, stage_id in enumerate(owner):
        columns.setdefault(stage_id, []).append(col)
    # Per clause, each stage's (and the neutral group's) best similarity and the example that gave it.
    best = {
        key: (sims[:, cols].max(axis=1), np.asarray(cols)[sims[:, cols].argmax(axis=1)])
        for key, cols in columns.items()
    }
    keys = list(best)
    table = np.vstack([best[k][0] for k in keys])  # groups x clauses
    found: dict[int, StageEvidence] = {}
    for row, part_row in enumerate(rows_read):
        order = np.argsort(-table[:, row])
        runner_up = float(table[order[1], row]) if len(order) > 1 else 0.0
        for position, group in enumerate(order.tolist()):
            stage_id = keys[group]
            if stage_id is None:
                continue
            similarity = float(table[group, row])
            clear = position == 0 and similarity >= NEAREST_FLOOR and similarity - runner_up >= MARGIN
            if not (clear or similarity >= STRONG_MATCH):
                continue
            if stage_id not in found or similarity > found[stage_id].similarity:
                example = texts[int(best[stage_id][1][row])]
                found[stage_id] = StageEvidence(stage_id, similarity, parts[part_row], example)
    return found
