"""The reference pipelines: their steps, what each demonstrates, and their parameters with safe ranges."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from community.pipelines.work import drift_retrain, sweep, tabular_fairness


@dataclass(frozen=True)
class Param:
    name: str
    kind: type
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_bool(self) -> bool:
        return self.kind is bool

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": {int: "integer", float: "number", bool: "boolean"}[self.kind],
            "default": self.default,
            "min": self.minimum,
            "max": self.maximum,
            "help": self.help,
        }

    def clean(self, raw: Any) -> Any:
        """The value as its type, within range; ValueError with a message for the person who sent it."""
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.lower() in ("true", "false", "1", "0", "on", "off"):
                return raw.lower() in ("true", "1", "on")
            raise ValueError("Must be true or false.")
        if isinstance(raw, bool):
            raise ValueError(f"Must be a {'whole number' if self.kind is int else 'number'}.")
        try:
            value = self.kind(raw)
        except (TypeError, ValueError, OverflowError):  # OverflowError: int(float("inf"))
            raise ValueError(f"Must be a {'whole number' if self.kind is int else 'number'}.") from None
        if not math.isfinite(value):  # NaN passes every range check, and JSON fields cannot store it
            raise ValueError("Must be a finite number.")
        if self.kind is int and isinstance(raw, float) and not raw.is_integer():
            raise ValueError("Must be a whole number.")
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise ValueError(f"Must be between {self.minimum:g} and {self.maximum:g}.")
        return value


@dataclass(frozen=True)
class FanOut:
    """A step run as many parallel jobs: `size(params)` of them, each `job(ctx, index) -> result dict`, and a
    log line per job from `describe(result)`; the step's own `run(ctx, results)` then collects them."""

    size: Callable[[dict], int]
    job: Callable
    describe: Callable[[dict], str]


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    demonstrates: str
    run: Callable
    tools: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    fan_out: FanOut | None = None


@dataclass(frozen=True)
class Pipeline:
    slug: str
    name: str
    summary: str
    steps: tuple[Step, ...]
    params: tuple[Param, ...] = field(default_factory=tuple)

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)

    def clean_params(self, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """Defaults filled in, every value checked; errors by field name (unknown names included)."""
        errors: dict[str, list[str]] = {}
        known = {p.name: p for p in self.params}
        for name in raw:
            if name not in known:
                errors[name] = [f"Unknown parameter; this pipeline takes {', '.join(known)}."]
        values = {}
        for param in self.params:
            if param.name not in raw or raw[param.name] in (None, ""):
                values[param.name] = param.default
                continue
            try:
                values[param.name] = param.clean(raw[param.name])
            except ValueError as exc:
                errors[param.name] = [str(exc)]
        return values, errors


COMMON = (
    Param("seed", int, 7, "Random seed: the same seed gives the same figures.", 0, 2**31 - 1),
    Param("rows", int, 6000, "Rows of generated data.", 500, 100_000),
    Param("pause", float, 0.0, "Seconds each step waits before it works, to watch a run unfold.", 0, 30),
    Param("corrupt_data", bool, False, "Fault switch: corrupt the data so that validation stops the run."),
)

PIPELINES: dict[str, Pipeline] = {
    p.slug: p
    for p in (
        Pipeline(
            "tabular-fairness",
            "Tabular fairness gate",
            "A lending-style model trained, evaluated and audited for bias before it may be promoted.",
            (
                Step(
                    "validate",
                    "Validate the data",
                    "Schema, ranges, missing values and class balance checked before any training: bad data stops the run.",
                    tabular_fairness.validate,
                    ("great-expectations", "pandera"),
                    ("datasheets-for-datasets",),
                ),
                Step(
                    "train",
                    "Train",
                    "A gradient-boosted classifier trained on a fixed split; the sensitive attribute is kept out of the features.",
                    tabular_fairness.train,
                    ("scikit-learn", "mlflow"),
                ),
                Step(
                    "evaluate",
                    "Evaluate",
                    "Accuracy, ROC AUC and calibration on held-out data, with a confusion matrix.",
                    tabular_fairness.evaluate,
                    ("scikit-learn", "evidently"),
                ),
                Step(
                    "bias-audit",
                    "Audit for bias",
                    "Selection and error rates per group with Fairlearn; demographic-parity and equalised-odds differences.",
                    tabular_fairness.bias_audit,
                    ("fairlearn", "ai-fairness-360", "aequitas"),
                    ("microsoft-fairlearn", "eu-ai-act-risk-tiers", "equal-credit-opportunity-act-regulation-b"),
                ),
                Step(
                    "decide",
                    "Promote or block",
                    "The gate: promote only if quality and fairness thresholds hold, and say why not otherwise.",
                    tabular_fairness.decide,
                    ("mlflow",),
                    ("model-cards",),
                ),
            ),
            (
                *COMMON,
                Param("bias", float, 0.0, "Strength of the bias injected against group B (0 none, 1 strong).", 0, 1),
                Param("min_auc", float, 0.7, "Promotion threshold: lowest acceptable ROC AUC.", 0.5, 1),
                Param(
                    "max_parity_gap",
                    float,
                    0.1,
                    "Promotion threshold: largest acceptable demographic-parity difference.",
                    0,
                    1,
                ),
                Param(
                    "max_odds_gap",
                    float,
                    0.1,
                    "Promotion threshold: largest acceptable equalised-odds difference.",
                    0,
                    1,
                ),
            ),
        ),
        Pipeline(
            "drift-retrain",
            "Drift check and retrain",
            "A model trained on a first period meets weekly batches whose distribution shifts; drift triggers a retrain that must beat the old model.",
            (
                Step(
                    "validate",
                    "Validate the data",
                    "The training period and the weekly batches checked for schema, ranges and missing values.",
                    drift_retrain.validate,
                    ("great-expectations",),
                ),
                Step(
                    "train-baseline",
                    "Train on the first period",
                    "The model in production: trained once on the reference period.",
                    drift_retrain.train_baseline,
                    ("scikit-learn",),
                ),
                Step(
                    "drift-check",
                    "Check for drift",
                    "Per feature Kolmogorov–Smirnov and population stability index, and drift of the predictions, week by week.",
                    drift_retrain.drift_check,
                    ("evidently", "nannyml", "alibi-detect"),
                    ("ai-incident-database",),
                ),
                Step(
                    "retrain",
                    "Retrain if drifted",
                    "When drift passes the threshold, a new model is trained on recent data and both are scored on the latest week.",
                    drift_retrain.retrain,
                    ("scikit-learn", "apache-airflow"),
                ),
                Step(
                    "decide",
                    "Promote or keep",
                    "Promote the retrained model only if it beats the old one on recent data.",
                    drift_retrain.decide,
                    ("mlflow",),
                ),
            ),
            (
                *COMMON,
                Param("drift", float, 0.6, "Strength of the shift in the weekly batches (0 none, 1 strong).", 0, 1),
                Param("weeks", int, 6, "Weekly batches after the training period.", 2, 26),
                Param(
                    "psi_threshold",
                    float,
                    0.2,
                    "Population stability index above which a feature counts as drifted.",
                    0.01,
                    2,
                ),
                Param("drifted_share", float, 0.3, "Share of drifted features that triggers a retrain.", 0, 1),
            ),
        ),
        Pipeline(
            "hyperparameter-sweep",
            "Hyperparameter sweep",
            "A grid of training jobs fanned out over the workers as a Celery chord, the best one picked and registered.",
            (
                Step(
                    "validate",
                    "Validate the data",
                    "The data checked once before the fan-out.",
                    sweep.validate,
                    ("great-expectations",),
                ),
                Step(
                    "sweep",
                    "Train the grid in parallel",
                    "One training job per grid point, run as a Celery group across the workers.",
                    sweep.sweep,
                    ("ray", "optuna"),
                    fan_out=FanOut(lambda params: len(sweep.grid(params)), sweep.train_point, sweep.describe_point),
                ),
                Step(
                    "pick",
                    "Pick the best",
                    "The point with the best cross-validated score, with the whole grid plotted.",
                    sweep.pick,
                    ("optuna",),
                ),
                Step(
                    "register",
                    "Register",
                    "The best model stored with its parameters and scores, ready to serve.",
                    sweep.register,
                    ("mlflow",),
                ),
            ),
            (
                *COMMON,
                Param("depths", int, 3, "Tree depths tried (2 to 2 + n).", 1, 6),
                Param("learning_rates", int, 3, "Learning rates tried, spread from 0.03 to 0.3.", 1, 6),
            ),
        ),
    )
}


def describe(pipeline: Pipeline) -> dict[str, Any]:
    return {
        "slug": pipeline.slug,
        "name": pipeline.name,
        "summary": pipeline.summary,
        "steps": [
            {
                "name": s.name,
                "title": s.title,
                "demonstrates": s.demonstrates,
                "tools": list(s.tools),
                "resources": list(s.resources),
            }
            for s in pipeline.steps
        ],
        "params": [p.describe() for p in pipeline.params],
    }
