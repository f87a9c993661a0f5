"""hyperparameter-sweep: validate → train every grid point in parallel (a Celery chord) → pick → register."""

import itertools

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import cross_val_score
from threadpoolctl import threadpool_limits

from community.pipelines.context import StepContext, StepFailed
from community.pipelines.work import data, plots


def grid(params: dict) -> list[dict]:
    depths = [2 + i for i in range(params["depths"])]
    rates = (
        np.round(np.geomspace(0.03, 0.3, params["learning_rates"]), 3).tolist()
        if params["learning_rates"] > 1
        else [0.1]
    )
    return [{"max_depth": d, "learning_rate": r} for d, r in itertools.product(depths, rates)]


def validate(ctx: StepContext) -> None:
    ctx.pause()
    p = ctx.params
    rows = data.lending(p["rows"], p["seed"])
    if p["corrupt_data"]:
        rows = data.corrupt(rows, p["seed"])
    metrics, problems = data.validate(rows, ctx.log)
    for name, value in metrics.items():
        ctx.metric(name, value)
    if problems:
        raise StepFailed([f"Data validation failed: {p}" for p in problems])
    ctx.save("data", rows)
    ctx.metric("grid_points", len(grid(p)))


def train_point(ctx: StepContext, index: int) -> dict:
    """One grid point: 3-fold cross-validated ROC AUC (runs as its own Celery task)."""
    point = grid(ctx.params)[index]
    rows = ctx.load("data")
    model = HistGradientBoostingClassifier(random_state=ctx.params["seed"], max_iter=150, **point)
    # One thread per job: the parallelism is the fan-out's, across worker processes; OpenMP threads on top of
    # it only fight over the same cores.
    with threadpool_limits(limits=1):
        scores = cross_val_score(model, rows["X"], rows["y"], cv=3, scoring="roc_auc")
    return {**point, "index": index, "auc": float(scores.mean())}


def describe_point(result: dict) -> str:
    return (
        f"grid point {result['index'] + 1}: depth {result['max_depth']}, "
        f"learning rate {result['learning_rate']} → ROC AUC {result['auc']:.3f}"
    )


def sweep(ctx: StepContext, results: list[dict]) -> None:
    """Collect the chord's results (the fan-out itself is Celery's)."""
    results = sorted(results, key=lambda r: r["index"])
    ctx.metric("points_trained", len(results))
    ctx.metric("best_auc", max(r["auc"] for r in results))
    ctx.save_json("results", results)
    ctx.log(f"{len(results)} grid points trained in parallel")


def pick(ctx: StepContext) -> None:
    ctx.pause()
    results = ctx.load_json("results")
    best = max(results, key=lambda r: (r["auc"], -r["index"]))
    depths = sorted({r["max_depth"] for r in results})
    rates = sorted({r["learning_rate"] for r in results})
    table = np.zeros((len(depths), len(rates)))
    for r in results:
        table[depths.index(r["max_depth"]), rates.index(r["learning_rate"])] = r["auc"]
    ctx.plot(
        "sweep-results",
        "Cross-validated ROC AUC over the grid",
        plots.heatmap(table, [f"depth {d}" for d in depths], [str(r) for r in rates], "ROC AUC"),
    )
    ctx.metric("best_max_depth", best["max_depth"])
    ctx.metric("best_learning_rate", best["learning_rate"])
    ctx.metric("best_auc", best["auc"])
    ctx.save_json("best", best)
    ctx.log(f"best: depth {best['max_depth']}, learning rate {best['learning_rate']} (ROC AUC {best['auc']:.3f})")


def register(ctx: StepContext) -> None:
    ctx.pause()
    best, rows = ctx.load_json("best"), ctx.load("data")
    params = {k: best[k] for k in ("max_depth", "learning_rate")}
    model = HistGradientBoostingClassifier(random_state=ctx.params["seed"], max_iter=150, **params).fit(
        rows["X"], rows["y"]
    )
    ctx.save("registered-model", model)
    ctx.metric("registered", True)
    ctx.decide(
        "promote",
        [
            f"Registered the best of {len(ctx.load_json('results'))} grid points: depth {params['max_depth']}, learning rate {params['learning_rate']}, cross-validated ROC AUC {best['auc']:.3f}"
        ],
    )
