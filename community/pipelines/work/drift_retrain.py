"""drift-retrain: validate → train on a first period → drift check per week → retrain if drifted → decide."""

import numpy as np
from scipy.stats import ks_2samp
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

from community.pipelines.context import StepContext, StepFailed
from community.pipelines.work import data, plots


def _weeks(p: dict) -> list[dict[str, np.ndarray]]:
    per_week = max(200, p["rows"] // 4)
    return [
        data.lending(per_week, p["seed"] + 100 + w, shift=p["drift"] * (w + 1) / p["weeks"]) for w in range(p["weeks"])
    ]


def psi(reference: np.ndarray, current: np.ndarray, bins: int = 10) -> float:
    """Population stability index over the reference's deciles."""
    edges = np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    ref = np.histogram(reference, edges)[0] / len(reference)
    cur = np.histogram(current, edges)[0] / len(current)
    ref, cur = np.clip(ref, 1e-4, None), np.clip(cur, 1e-4, None)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def validate(ctx: StepContext) -> None:
    ctx.pause()
    p = ctx.params
    reference = data.lending(p["rows"], p["seed"])
    weeks = _weeks(p)
    if p["corrupt_data"]:
        weeks[-1] = data.corrupt(weeks[-1], p["seed"])
        ctx.log("fault switch on: the latest weekly batch was corrupted on purpose")
    problems = []
    for label, batch in [("reference", reference), *((f"week {i + 1}", b) for i, b in enumerate(weeks))]:
        _metrics, found = data.validate(batch, lambda line: None)
        problems += [f"{label}: {f}" for f in found]
    ctx.metric("reference_rows", len(reference["y"]))
    ctx.metric("weekly_rows", len(weeks[0]["y"]))
    ctx.log(f"checked the reference period and {len(weeks)} weekly batches")
    if problems:
        raise StepFailed([f"Data validation failed: {p}" for p in problems[:6]])
    ctx.save("reference", reference)
    ctx.save("weeks", weeks)


def train_baseline(ctx: StepContext) -> None:
    ctx.pause()
    reference = ctx.load("reference")
    model = HistGradientBoostingClassifier(max_depth=4, random_state=ctx.params["seed"]).fit(
        reference["X"], reference["y"]
    )
    ctx.metric("reference_auc", float(roc_auc_score(reference["y"], model.predict_proba(reference["X"])[:, 1])))
    ctx.log("baseline trained on the reference period")
    ctx.save("baseline", model)


def drift_check(ctx: StepContext) -> None:
    ctx.pause()
    p, reference, weeks, model = ctx.params, ctx.load("reference"), ctx.load("weeks"), ctx.load("baseline")
    ref_pred = model.predict_proba(reference["X"])[:, 1]
    per_feature: dict[str, list[float]] = {f: [] for f in data.FEATURES}
    prediction_psi, week_auc = [], []
    for batch in weeks:
        ctx.checkpoint()
        for i, feature in enumerate(data.FEATURES):
            per_feature[feature].append(psi(reference["X"][:, i], batch["X"][:, i]))
        proba = model.predict_proba(batch["X"])[:, 1]
        prediction_psi.append(psi(ref_pred, proba))
        week_auc.append(float(roc_auc_score(batch["y"], proba)))
    latest = weeks[-1]
    drifted = []
    for i, feature in enumerate(data.FEATURES):
        ks = ks_2samp(reference["X"][:, i], latest["X"][:, i])
        ctx.metric(f"ks[{feature}]", float(ks.statistic))
        ctx.metric(f"ks_p[{feature}]", float(ks.pvalue))
        ctx.metric(f"psi[{feature}]", per_feature[feature][-1])
        if per_feature[feature][-1] > p["psi_threshold"]:
            drifted.append(feature)
    share = len(drifted) / len(data.FEATURES)
    ctx.metric("prediction_psi", prediction_psi[-1])
    ctx.metric("drifted_features", len(drifted))
    ctx.metric("drifted_share", share)
    ctx.metric("latest_week_auc_old_model", week_auc[-1])
    weeks_axis = list(range(1, len(weeks) + 1))
    ctx.plot(
        "drift-per-feature",
        "Drift per feature (PSI) by week",
        plots.lines(
            weeks_axis, {**per_feature, "predictions": prediction_psi}, "PSI by week", p["psi_threshold"], "PSI"
        ),
    )
    ctx.log(f"latest week: {len(drifted)} of {len(data.FEATURES)} features drifted ({', '.join(drifted) or 'none'})")
    ctx.save_json(
        "drift", {"drifted": drifted, "share": share, "trigger": share >= p["drifted_share"] and bool(drifted)}
    )


def retrain(ctx: StepContext) -> None:
    ctx.pause()
    drift = ctx.load_json("drift")
    if not drift["trigger"]:
        ctx.log("drift below the threshold: no retrain")
        ctx.metric("retrained", False)
        return
    weeks, baseline = ctx.load("weeks"), ctx.load("baseline")
    recent = weeks[-3:-1] if len(weeks) > 2 else weeks[:-1]
    X = np.vstack([w["X"] for w in recent])
    y = np.concatenate([w["y"] for w in recent])
    model = HistGradientBoostingClassifier(max_depth=4, random_state=ctx.params["seed"]).fit(X, y)
    latest = weeks[-1]
    old_auc = float(roc_auc_score(latest["y"], baseline.predict_proba(latest["X"])[:, 1]))
    new_auc = float(roc_auc_score(latest["y"], model.predict_proba(latest["X"])[:, 1]))
    ctx.metric("retrained", True)
    ctx.metric("old_model_auc_latest_week", old_auc)
    ctx.metric("new_model_auc_latest_week", new_auc)
    ctx.log(f"retrained on {len(y)} recent rows: ROC AUC on the latest week {old_auc:.3f} → {new_auc:.3f}")
    ctx.save("candidate", model)
    ctx.save_json("comparison", {"old": old_auc, "new": new_auc})


def decide(ctx: StepContext) -> None:
    ctx.pause()
    drift = ctx.load_json("drift")
    if not drift["trigger"]:
        ctx.decide(
            "keep",
            [
                f"Only {drift['share']:.0%} of features drifted, below the {ctx.params['drifted_share']:.0%} that triggers a retrain"
            ],
        )
        return
    comparison = ctx.load_json("comparison")
    if comparison["new"] > comparison["old"]:
        ctx.decide(
            "retrain",
            [
                f"Drift in {', '.join(drift['drifted'])} triggered a retrain",
                f"The retrained model scores ROC AUC {comparison['new']:.3f} on the latest week against {comparison['old']:.3f}: promoted",
            ],
        )
    else:
        ctx.decide(
            "keep",
            [
                f"Drift in {', '.join(drift['drifted'])} triggered a retrain",
                f"The retrained model scores {comparison['new']:.3f} against the old model's {comparison['old']:.3f}: the old model stays",
            ],
        )
