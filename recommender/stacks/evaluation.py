"""Measure the recommender on the labelled use cases in data/eval_cases.json.

The cases (texts, constraints, the stages a competent engineer would require, acceptable tools for some
stages) were written before the recommender was tuned, by someone who did not see its code.
"""

import json
import statistics
import time
from collections import defaultdict
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


# Factors on the popularity weight tried per stage, and how many labelled picks a stage needs to get its own.
POPULARITY_FACTORS = (0.0, 0.25, 0.5, 1.0, 1.5)
MIN_TOOL_PAIRS = 15


@dataclass
class ToolWeights:
    factors: dict[str, float]  # per stage slug, chosen on every case; stages left out keep 1.0
    cross_validated: float  # hit rate when the factors are chosen on four folds and judged on the fifth
    common: float  # hit rate with the one weight for every stage


def tool_outcomes(cases: list[dict]) -> dict[float, dict[tuple[str, str], bool]]:
    """Per popularity factor (the same for every stage), per labelled (case id, stage): whether the pick is
    acceptable. The stages are the labelled ones, so that stage inference does not blur the choice of tools."""
    engine.recommend("warm-up: load the model and the catalog snapshot", Constraints())
    outcomes = {}
    for factor in POPULARITY_FACTORS:
        hits = {}
        with engine.popularity_factors({"": factor}):
            for case in cases:
                if not case.get("acceptable_tools"):
                    continue
                stack = engine.recommend(case["use_case"], Constraints(**case["constraints"]), list(case["stages"]))
                picks = {p.choice.stage.slug: p.tool.slug if p.tool else None for p in stack.picks}
                for stage, acceptable in case["acceptable_tools"].items():
                    hits[(case["id"], stage)] = picks.get(stage) in acceptable
        outcomes[factor] = hits
    return outcomes


def choose_factors(outcomes: dict[float, dict[tuple[str, str], bool]], case_ids: set[str]) -> dict[str, float]:
    """Per stage with enough labelled picks among these cases, the factor that gets the most of them right,
    where it beats the common weight (ties go to the factor nearest 1.0)."""
    by_stage = defaultdict(list)
    for case_id, stage in outcomes[1.0]:
        if case_id in case_ids:
            by_stage[stage].append(case_id)
    factors = {}
    for stage, ids in sorted(by_stage.items()):
        if len(ids) < MIN_TOOL_PAIRS:
            continue
        hits = {factor: sum(outcomes[factor][(i, stage)] for i in ids) for factor in POPULARITY_FACTORS}
        best = max(hits.values())
        if hits[1.0] < best:
            factors[stage] = min((f for f in POPULARITY_FACTORS if hits[f] == best), key=lambda f: abs(f - 1.0))
    return factors


def popularity_by_stage(cases: list[dict], folds: int = 5) -> ToolWeights:
    """How much popularity should count in each stage, learned from the example cases' acceptable tools, and
    how much that helps on cases it was not chosen on."""
    outcomes = tool_outcomes(cases)
    pairs = outcomes[1.0]
    ids = sorted({case_id for case_id, _ in pairs})
    hits = 0
    for fold in range(folds):
        held_out = {case_id for i, case_id in enumerate(ids) if i % folds == fold}
        chosen = choose_factors(outcomes, set(ids) - held_out)
        hits += sum(outcomes[chosen.get(stage, 1.0)][(i, stage)] for i, stage in pairs if i in held_out)
    total = max(1, len(pairs))
    return ToolWeights(choose_factors(outcomes, set(ids)), hits / total, sum(pairs.values()) / total)
