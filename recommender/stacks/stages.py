"""Which stages a team needs, learned from labelled example use cases.

The clause classifier (needs.py) says how clearly each sentence of a text asks for each stage. What a competent
engineer would require is not the same as what is asked: a team that trains and ships a model needs serving and
monitoring unsaid, a research lab does not; an application on a hosted language model needs its answers
evaluated but no serving of its own. A second model, fitted on labelled example cases (data/train_cases.json,
written apart from the evaluation set, which it never sees), learns this from the whole picture: how clearly the
text asks for every stage, its gist (the mean of its sentences' vectors) and the team's size.
"""

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from community.catalog.models import Stage
from recommender import index
from recommender.stacks import needs, team
from recommender.stacks.models import ExampleCase, ExamplePart
from recommender.stacks.precedents import EMPTY, Precedents

EXAMPLE_KIND = "example_part"
THRESHOLD = 0.3  # chosen by 5-fold cross-validation on the examples, not on the evaluation set
REGULARISATION_C = 5.0
MIN_POSITIVES = 3  # a stage with fewer labelled cases falls back to the clause classifier alone


MEDIAN_TEAM = 4  # the examples' median team size


def features(reading: needs.Reading, whole: np.ndarray, team_size: int | None) -> np.ndarray:
    # A team size left blank reads as the median team. Not as a flag of its own: only a few examples leave it
    # blank, and a flag learned from them turned the whole stack over whenever a person skipped the field.
    size = math.log2(team_size or MEDIAN_TEAM) / 5
    # The gist itself as well as what it reads as: with 350 examples it adds what the clause classifier's 24
    # readings lose (a research lab, a one-off report). Cross-validated 0.744/0.632/0.640 -> 0.766/0.648/0.657;
    # with the first 164 examples alone it had not helped.
    return np.concatenate([reading.best, reading.whole, [size], whole]).astype(np.float32)


@dataclass(frozen=True)
class Examples:
    """The stored example cases as the stage model sees them: one feature row and one label set per case."""

    keys: list[str]
    stage_ids: list[int]
    matrix: np.ndarray
    labels: list[set[int]]
    wholes: np.ndarray  # each case's whole-text vector
    acceptable: list[dict[str, list[str]]]  # each case's acceptable tools, per stage slug

    def subset(self, keys: set[str]) -> "Examples":
        rows = [i for i, key in enumerate(self.keys) if key in keys]
        return Examples(
            [self.keys[i] for i in rows],
            self.stage_ids,
            self.matrix[rows],
            [self.labels[i] for i in rows],
            self.wholes[rows],
            [self.acceptable[i] for i in rows],
        )


@dataclass(frozen=True)
class StageModel:
    """What the example cases teach, fitted together so that cross-validation holds all of it out at once: one
    logistic regression per learned stage, as a matrix (a request costs one product, not a call into
    scikit-learn per stage), and the tools the cases were given (precedents.py)."""

    version: tuple[str, str]
    stage_ids: list[int]
    weights: np.ndarray  # stages x features
    bias: np.ndarray
    precedents: Precedents = EMPTY

    def probabilities(self, row: np.ndarray) -> dict[int, float]:
        logits = self.weights @ row + self.bias
        return dict(zip(self.stage_ids, (1.0 / (1.0 + np.exp(-logits))).tolist(), strict=True))


def examples() -> Examples | None:
    """The stored example cases whose parts are all embedded."""
    matrix = index.matrix(EXAMPLE_KIND)
    slug_ids = dict(Stage.objects.values_list("slug", "id"))
    parts: dict[int, list[int]] = {}
    for part_id, case_id in ExamplePart.objects.order_by("case_id", "position").values_list("id", "case_id"):
        parts.setdefault(case_id, []).append(part_id)
    keys, rows, labels, wholes, acceptable, stage_ids = [], [], [], [], [], None
    cases = ExampleCase.objects.order_by("key").only(
        "id", "key", "use_case", "stages", "constraints", "acceptable_tools"
    )
    for case in cases:
        ids = parts.get(case.id, [])
        if not ids or any(i not in matrix.position for i in ids):
            continue
        vectors = needs.with_whole(matrix.vectors[[matrix.position[i] for i in ids]])
        reading = needs.read(len(vectors), vectors)
        if reading is None:
            return None
        stage_ids = reading.stage_ids
        keys.append(case.key)
        # The size as a recommendation would read it: given, or else stated in the text.
        size = case.constraints.get("team_size") or team.size_in(case.use_case)
        rows.append(features(reading, vectors[0], size))
        labels.append({slug_ids[s] for s in case.stages if s in slug_ids})
        wholes.append(vectors[0])
        acceptable.append(case.acceptable_tools or {})
    if not rows or stage_ids is None:
        return None
    return Examples(keys, stage_ids, np.vstack(rows), labels, np.vstack(wholes), acceptable)


def fit(data: Examples, version: tuple[str, str] = ("", "")) -> StageModel:
    learned, weights, bias = [], [], []
    for stage_id in data.stage_ids:
        target = np.array([stage_id in found for found in data.labels])
        if MIN_POSITIVES <= target.sum() <= len(target) - MIN_POSITIVES:
            # Unscaled: a stage no example mentions keeps a weight near zero instead of a huge standard score.
            classifier = LogisticRegression(C=REGULARISATION_C, max_iter=5000).fit(data.matrix, target)
            learned.append(stage_id)
            weights.append(classifier.coef_[0])
            bias.append(classifier.intercept_[0])
    width = data.matrix.shape[1]
    precedents = Precedents.of(data.wholes, data.acceptable)
    return StageModel(version, learned, np.array(weights).reshape(-1, width), np.array(bias), precedents)


def empty(version: tuple[str, str]) -> StageModel:
    return StageModel(version, [], np.zeros((0, 0)), np.zeros(0))


_model: StageModel | None = None
# Per context (thread): a model pinned for cross-validation never answers a request served alongside it.
_pinned: ContextVar[StageModel | None] = ContextVar("pinned_stage_model", default=None)
_lock = threading.Lock()


def _current() -> StageModel:
    global _model
    if (pinned_model := _pinned.get()) is not None:
        return pinned_model
    versions = index.matrices(needs.KIND, EXAMPLE_KIND)
    version = (versions[needs.KIND].version, versions[EXAMPLE_KIND].version)
    if _model is None or _model.version != version:
        with _lock:
            if _model is None or _model.version != version:
                data = examples()
                _model = fit(data, version) if data else empty(version)
    return _model


def current() -> StageModel:
    """What the examples teach, as of now: fetch it once per recommendation, so that its stages and its
    precedents come from the same fit."""
    return _current()


def warm_up() -> None:
    """Fit the clause classifier and the stage model now (a second or two), not on the first recommendation."""
    _current()


@contextmanager
def pinned(model: StageModel) -> Iterator[None]:
    """Use this model instead of the one fitted on every example (cross-validation fits on a part of them)."""
    token = _pinned.set(model)
    try:
        yield
    finally:
        _pinned.reset(token)


def likelihoods(
    reading: needs.Reading, whole: np.ndarray, team_size: int | None, model: StageModel | None = None
) -> dict[int, float]:
    """Per stage id, how likely a team that writes this needs the stage: the model fitted on the examples where
    it has learned the stage, how clearly some clause asks for it elsewhere."""
    model = model or _current()
    learned = model.probabilities(features(reading, whole, team_size)) if model.stage_ids else {}
    return {
        stage_id: learned.get(stage_id, float(reading.best[column]))
        for column, stage_id in enumerate(reading.stage_ids)
    }


def needed(reading: needs.Reading, likely: dict[int, float]) -> dict[int, float]:
    """Per stage id this team needs, how likely it is to need it (`likely`, from `likelihoods`): what some
    clause asks for (the clause classifier's own rule), and what teams that write like this need unasked, by
    the model fitted on the examples. A text that asks for nothing clearly still gets the stage it comes
    closest to asking for."""
    found = {}
    for column, stage_id in enumerate(reading.stage_ids):
        if reading.best[column] >= needs.THRESHOLD or likely[stage_id] >= THRESHOLD:
            found[stage_id] = likely[stage_id]
    if not found and len(reading.stage_ids):
        column = int(reading.best.argmax())
        found[reading.stage_ids[column]] = float(reading.best[column])
    return found
