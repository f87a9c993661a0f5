"""Which lifecycle stages a use case needs, inferred by meaning.

A logistic-regression classifier, trained on the embeddings of example sentences of every stage's needs and of
neutral sentences that imply no stage (team size, company, stack facts), reads each sentence and clause of the
text. A stage is asked for when some clause gives it a probability of at least THRESHOLD; that clause is the
evidence quoted back to the user. (What a team needs without asking is stages.py's to say.) The whole text is read only when it is a single passage: a long text's
embedding blends its sentences into a gist that resembles many needs a little.

A linear model over all the examples generalises better than the nearest example alone: on the labelled set it
found the same share of needed stages with about half the false ones.
"""

import re
import threading
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from recommender import encoder, index
from recommender.stacks import stage_names
from recommender.stacks.models import StageNeed
from recommender.stacks.snapshot import StageInfo

KIND = "stage_need"
THRESHOLD = 0.25
REGULARISATION_C = 4.0
MAX_PARTS = 40
SENTENCE_RE = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+[-–•]\s+")


def sentences(text: str) -> list[str]:
    """The text's sentences (and bullet points), each on one line: what the pattern readers quote back."""
    return [" ".join(s.split()) for s in SENTENCE_RE.split(text.strip()) if s.strip()]


CLAUSE_RE = re.compile(
    r",\s+|\s+(?:and|but|while|so|because)\s+(?=(?:we|our|it|they|the|must|need|have|also|never|not|no)\b)"
)


def parts_of(text: str) -> list[str]:
    """The whole text, its sentences and their clauses: the gist, and each telling line on its own."""
    whole = " ".join(text.split())
    parts = [whole]
    for sentence in sentences(text):
        clauses = [c.strip(" ,;") for c in CLAUSE_RE.split(sentence)]
        clauses = [c for c in clauses if len(c.split()) >= 3] if len(clauses) > 1 else []
        if len(sentence) >= 12 and not clauses:  # a sentence read clause by clause is not read whole again
            parts.append(sentence)
        parts += clauses
    return list(dict.fromkeys(parts))[:MAX_PARTS]


LIST_MIN_ITEMS = 3  # comma-separated pieces that make a sentence a list
LIST_ITEM_RE = re.compile(r",\s+(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
LIST_ITEM_WORDS = 4  # a list names its needs in a few words each; a longer piece is prose
# A word or two read out of context is easier to misread than a clause: a listed item names a stage only when
# the stage is at least THRESHOLD and NAMED_MARGIN times as likely as the next reading (no stage included).
NAMED_MARGIN = 3.0
# A list of needs names several stages, or one in several words ("explainability, bias testing"); one item
# that reads like a stage in a list of other things ("names, emails, phone numbers and home addresses") is a
# misreading.
LIST_MIN_NAMED = 2


def list_items(text: str, parts: list[str]) -> list[list[str]]:
    """The short items of each list the text makes ("training jobs, experiments, model registry, endpoints and
    model monitoring") that are not parts already, list by list, at most MAX_PARTS in all. parts_of leaves out
    pieces under three words and does not split on "and" before a noun: right for prose, whose short pieces
    mislead, but a list names one need per item. A clause that is a part is read as one, not as an item."""
    known = set(parts)
    lists, count = [], 0
    for sentence in sentences(text):
        if sentence.count(", ") + 1 < LIST_MIN_ITEMS:
            continue
        pieces = (item.strip(" ,;.!?") for item in LIST_ITEM_RE.split(sentence))
        items = [i for i in dict.fromkeys(pieces) if len(i) >= 3 and len(i.split()) <= LIST_ITEM_WORDS]
        items = [i for i in items if i not in known][: MAX_PARTS - count]
        if len(items) >= LIST_MIN_NAMED:  # fewer could not name two stages
            lists.append(items)
            count += len(items)
    return lists


def named(lists: list[list[str]], vectors: np.ndarray, stages: dict[int, StageInfo], version: str) -> dict[int, str]:
    """Per stage id, the listed item that names it clearly on its own: by the stage's name, or by the classifier
    in a list that names stages more than once. `vectors`: the items' vectors, list after list; `stages` and
    `version`: the catalog's."""
    model = _current()
    if model.classifier is None or not len(vectors):
        return {}
    classes = model.classifier.classes_.tolist()
    probabilities = iter(model.classifier.predict_proba(vectors))
    by_name = iter(stage_names.closest(vectors, stages, version))
    found: dict[int, tuple[float, str]] = {}
    for items in lists:
        names: dict[int, tuple[float, str]] = {}
        outright, count = set(), 0
        for item, row, name in zip(items, probabilities, by_name, strict=False):
            second, first = np.argsort(row)[-2:]
            stage_id, probability = classes[first], float(row[first])
            if name is not None:
                stage_id = name
                probability = max(THRESHOLD, float(row[classes.index(name)]) if name in classes else 0.0)
                outright.add(stage_id)
            elif not (stage_id and probability >= THRESHOLD and probability >= NAMED_MARGIN * row[second]):
                continue
            count += 1
            if probability > names.get(stage_id, (0.0, ""))[0]:
                names[stage_id] = (probability, item)
        for stage_id, (probability, item) in names.items():
            if (count >= LIST_MIN_NAMED or stage_id in outright) and probability > found.get(stage_id, (0.0, ""))[0]:
                found[stage_id] = (probability, item)
    return {stage_id: item for stage_id, (_, item) in found.items()}


def encode_parts(parts: list[str], items: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of the parts, and of the listed items, in one encode call. The whole text's vector (row 0) is
    the normalised mean of the other parts rather than an encode of its own: as good a gist for ranking, and it
    halves the model's work."""
    if len(parts) == 1:
        vectors = encoder.encode(parts + items)
        return vectors[:1], vectors[1:]
    vectors = encoder.encode(parts[1:] + items)
    return with_whole(vectors[: len(parts) - 1]), vectors[len(parts) - 1 :]


def with_whole(pieces: np.ndarray) -> np.ndarray:
    """The pieces' vectors under their normalised mean, the row that stands for the whole text."""
    whole = pieces.mean(axis=0)
    whole /= np.linalg.norm(whole) or 1.0
    return np.vstack([whole[None, :], pieces]).astype(np.float32, copy=False)


def need_rows(parts_count: int) -> list[int]:
    """Rows that stage inference reads: the sentences and clauses, or the whole when it is alone."""
    return list(range(1, parts_count)) or [0]


@dataclass(frozen=True)
class _Model:
    version: str
    classifier: LogisticRegression | None


_model: _Model | None = None
_lock = threading.Lock()


def _train(matrix: index.Matrix) -> _Model:
    """Fit the classifier on the stored example vectors; rebuilt only when those vectors change."""
    stages = dict(StageNeed.objects.values_list("id", "stage_id"))
    labels = np.array([stages.get(i) or 0 for i in matrix.ids.tolist()])
    if len(set(labels.tolist())) < 2:
        return _Model(matrix.version, None)
    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=2000, class_weight="balanced")
    classifier.fit(matrix.vectors, labels)
    return _Model(matrix.version, classifier)


def _current() -> _Model:
    global _model
    matrix = index.matrix(KIND)
    if _model is None or _model.version != matrix.version:
        with _lock:
            if _model is None or _model.version != matrix.version:
                _model = _train(matrix)
    return _model


@dataclass(frozen=True)
class Reading:
    """The classifier's view of one text: per stage id (in `stage_ids` order), the highest probability any
    sentence or clause gives it and which part that was, and the probability the whole text gives it."""

    stage_ids: list[int]
    best: np.ndarray
    best_part: np.ndarray
    whole: np.ndarray


def read(parts_count: int, vectors: np.ndarray) -> Reading | None:
    """`vectors` as `with_whole` lays them out: the whole text, then each part (or the whole alone)."""
    model = _current()
    if model.classifier is None:
        return None
    classes = model.classifier.classes_.tolist()
    columns = [c for c, stage_id in enumerate(classes) if stage_id]
    probabilities = model.classifier.predict_proba(vectors)[:, columns]
    rows_read = need_rows(parts_count)
    read_rows = probabilities[rows_read]
    best_row = read_rows.argmax(axis=0)
    return Reading(
        [classes[c] for c in columns],
        read_rows[best_row, np.arange(len(columns))],
        np.asarray(rows_read)[best_row],
        probabilities[0],
    )


def clear_readings(vectors: np.ndarray, floor: float) -> set[int]:
    """Ids of the stages these parts read as most clearly, each at least `floor`."""
    model = _current()
    if model.classifier is None or not len(vectors):
        return set()
    classes = model.classifier.classes_.tolist()
    found = set()
    for row in model.classifier.predict_proba(vectors):
        best = int(row.argmax())
        if classes[best] and row[best] >= floor:
            found.add(classes[best])
    return found


def passage(reading: Reading, column: int, parts: list[str]) -> str:
    """The clause that asked for a stage most clearly: what the `why` quotes back."""
    return parts[int(reading.best_part[column])]
