"""How much a tool's popularity should count in each stage, and how much the nearest examples' tools count
(precedents.py), learned from the example cases' acceptable tools.

Every example case is run with its labelled stages (so that stage inference does not blur the choice of tools)
under a few factors on the popularity weight; per stage with enough labelled picks, the factor that gets most
of them acceptable is kept where it beats the common weight. Cross-validation says whether that holds on cases
it was not chosen on. `evaluate_recommender --tool-weights` runs it; engine.POPULARITY_BY_STAGE holds the result.
`--precedents` tries a grid of K and weights for the precedents; engine.W_PRECEDENT and precedents.K hold its best.
"""

from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass

from recommender.stacks import engine, stages
from recommender.stacks.constraints import Constraints

# Factors on the popularity weight tried per stage, and how many labelled picks a stage needs to get its own.
POPULARITY_FACTORS = (0.0, 0.25, 0.5, 1.0, 1.5)
MIN_TOOL_PAIRS = 15
FOLDS = 5
PRECEDENT_KS = (5, 10, 20)
PRECEDENT_WEIGHTS = (0.0, 0.2, 0.3, 0.4, 0.6)


@dataclass
class ToolWeights:
    factors: dict[str, float]  # per stage slug, chosen on every case; stages left out keep 1.0
    cross_validated: float  # hit rate when the factors are chosen on four folds and judged on the fifth
    common: float  # hit rate with the one weight for every stage


def _fold_models() -> tuple[dict[str, int], dict[int, stages.StageModel]]:
    """Each example case's fold, and per fold what the other folds teach. A case is always run with the
    precedents of the other folds only: its own acceptable tools must not vote for it."""
    data = stages.examples()
    keys = sorted(data.keys) if data else []
    fold_of = {key: i % FOLDS for i, key in enumerate(keys)}
    return fold_of, {fold: stages.fit(data.subset({k for k in keys if fold_of[k] != fold})) for fold in range(FOLDS)}


def _hits(cases: list[dict], fold_of: dict[str, int], models: dict) -> dict[tuple[str, str], bool]:
    """Per labelled (case id, stage), whether the pick is acceptable, the stages being the labelled ones so
    that stage inference does not blur the choice of tools."""
    hits = {}
    for case in cases:
        if not case.get("acceptable_tools"):
            continue
        model = models.get(fold_of.get(case["id"], -1))
        with stages.pinned(model) if model else nullcontext():
            stack = engine.recommend(case["use_case"], Constraints(**case["constraints"]), list(case["stages"]))
        picks = {p.choice.stage.slug: p.tool.slug if p.tool else None for p in stack.picks}
        for stage, acceptable in case["acceptable_tools"].items():
            hits[(case["id"], stage)] = picks.get(stage) in acceptable
    return hits


def tool_outcomes(cases: list[dict]) -> dict[float, dict[tuple[str, str], bool]]:
    """Per popularity factor (the same for every stage), per labelled (case id, stage): whether the pick is
    acceptable."""
    engine.recommend("warm-up: load the model and the catalog snapshot", Constraints())
    fold_of, models = _fold_models()
    outcomes = {}
    for factor in POPULARITY_FACTORS:
        with engine.popularity_weights({}, default=factor):
            outcomes[factor] = _hits(cases, fold_of, models)
    return outcomes


def precedent_grid(cases: list[dict]) -> dict[tuple[int, float], float]:
    """Per (K, weight) of the precedents, the share of labelled picks that are acceptable, each case judged by
    the precedents of the other folds. The popularity factors stay the shipped ones."""
    engine.recommend("warm-up: load the model and the catalog snapshot", Constraints())
    fold_of, models = _fold_models()
    grid: dict[tuple[int, float], float] = {}
    for k in PRECEDENT_KS:
        for weight in PRECEDENT_WEIGHTS:
            if weight == 0 and k != PRECEDENT_KS[0]:  # no weight, no vote: K does not matter
                grid[(k, weight)] = grid[(PRECEDENT_KS[0], weight)]
                continue
            with engine.precedent_weights(weight, k):
                hits = _hits(cases, fold_of, models)
            grid[(k, weight)] = sum(hits.values()) / max(1, len(hits))
    return grid


def best_precedent(grid: dict[tuple[int, float], float]) -> tuple[int, float]:
    """The (K, weight) with the highest figure; ties go to the smaller weight, then the smaller K."""
    return max(grid, key=lambda kw: (round(grid[kw], 6), -kw[1], -kw[0]))


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


def popularity_by_stage(cases: list[dict], folds: int = FOLDS) -> ToolWeights:
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
