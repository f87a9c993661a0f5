"""Measure the recommender on the labelled use cases in data/eval_cases.json.

The cases (texts, constraints, the stages a competent engineer would require, acceptable tools for some
stages) were written before the recommender was tuned, by someone who did not see its code.
"""

import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from recommender import encoder
from recommender.stacks import engine, stages
from recommender.stacks.constraints import Constraints

CASES = Path(__file__).resolve().parent / "data" / "eval_cases.json"
TRAIN_CASES = Path(__file__).resolve().parent / "data" / "train_cases.json"
# The same 50 texts labelled again by a second labeller who saw neither the first labels nor the recommender.
SECOND_LABELS = Path(__file__).resolve().parent / "data" / "eval_second_labels.json"


# Two texts about the same situation written by different people stay below this cosine; a paraphrase does not.
RESTATES = 0.65
_evaluation_vectors: tuple[list[str], np.ndarray] | None = None


def restated_case(text: str) -> str | None:
    """The id of the evaluation case this text restates, if any: learning from it would flatter the figures."""
    global _evaluation_vectors
    if _evaluation_vectors is None:
        cases = load_cases()
        _evaluation_vectors = [c["id"] for c in cases], encoder.encode([c["use_case"] for c in cases])
    ids, vectors = _evaluation_vectors
    similarity = vectors @ encoder.encode_one(text)
    best = int(similarity.argmax())
    return ids[best] if similarity[best] >= RESTATES else None


@dataclass
class CaseResult:
    id: str
    expected: set[str]
    predicted: list[str]
    picks: dict[str, str | None]
    acceptable: dict[str, list[str]]
    violations: list[str]
    seconds: float

    @property
    def missing(self) -> set[str]:
        return self.expected - set(self.predicted)

    @property
    def extra(self) -> set[str]:
        return set(self.predicted) - self.expected


@dataclass
class Report:
    cases: list[CaseResult] = field(default_factory=list)

    def _sum(self, fn) -> int:
        return sum(fn(c) for c in self.cases)

    @property
    def recall(self) -> float:
        return self._sum(lambda c: len(c.expected & set(c.predicted))) / max(1, self._sum(lambda c: len(c.expected)))

    @property
    def precision(self) -> float:
        return self._sum(lambda c: len(c.expected & set(c.predicted))) / max(1, self._sum(lambda c: len(c.predicted)))

    @property
    def tool_pairs(self) -> list[tuple[CaseResult, str]]:
        return [(c, stage) for c in self.cases for stage in c.acceptable]

    @property
    def hit_rate(self) -> float:
        """Share of labelled (case, stage) pairs whose pick is acceptable; a stage left out counts as a miss."""
        pairs = self.tool_pairs
        hits = sum(1 for c, stage in pairs if c.picks.get(stage) in c.acceptable[stage])
        return hits / max(1, len(pairs))

    @property
    def violations(self) -> int:
        return self._sum(lambda c: len(c.violations))

    def latency_ms(self, q: float) -> float:
        times = sorted(c.seconds * 1000 for c in self.cases)
        return times[min(len(times) - 1, int(q * len(times)))] if times else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(c.seconds * 1000 for c in self.cases) if self.cases else 0.0


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def evaluate(cases: list[dict], report: Report | None = None) -> Report:
    engine.recommend("warm-up: load the model and the catalog snapshot", Constraints())
    report = report or Report()
    for case in cases:
        constraints = Constraints(**case["constraints"])
        started = time.perf_counter()
        stack = engine.recommend(case["use_case"], constraints)
        seconds = time.perf_counter() - started
        violations = []
        for pick in stack.picks:
            for tool in [pick.tool, *(t for t, _ in pick.alternatives)]:
                if tool is not None:
                    violations += [
                        f"{pick.choice.stage.slug}: {tool.slug} breaks {c}" for c in constraints.broken_by(tool)
                    ]
        report.cases.append(
            CaseResult(
                case["id"],
                set(case["stages"]),
                [p.choice.stage.slug for p in stack.picks],
                {p.choice.stage.slug: p.tool.slug if p.tool else None for p in stack.picks},
                case.get("acceptable_tools", {}),
                violations,
                seconds,
            )
        )
    return report


def cross_validate(cases: list[dict], folds: int = 5) -> Report:
    """The example cases the stage model learns from, each judged by a model fitted on the other folds: how
    well it does on texts it has not seen, without touching the evaluation set."""
    data = stages.examples()
    if data is None:
        return Report()
    keys = sorted(data.keys)
    report = Report()
    for fold in range(folds):
        held_out = {key for i, key in enumerate(keys) if i % folds == fold}
        with stages.pinned(stages.fit(data.subset(set(keys) - held_out))):
            evaluate([c for c in cases if c["id"] in held_out], report)
    return report


def agreement(cases: list[dict], second: list[dict]) -> tuple[float, float]:
    """The second labeller's stages scored against the evaluation labels as the recommender's are: (recall,
    precision). How far two people agree is a yardstick for the recommender's own figures."""
    theirs = {case["id"]: set(case["stages"]) for case in second}
    found = sum(len(set(case["stages"]) & theirs.get(case["id"], set())) for case in cases)
    expected = sum(len(case["stages"]) for case in cases)
    given = sum(len(theirs.get(case["id"], set())) for case in cases)
    return found / max(1, expected), found / max(1, given)
