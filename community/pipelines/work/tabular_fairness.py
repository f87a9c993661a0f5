"""tabular-fairness: validate → train → evaluate → bias audit (Fairlearn) → promote or block."""

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import accuracy_score, brier_score_loss, confusion_matrix, roc_auc_score
from sklearn.model_selection import train_test_split

from community.pipelines.context import StepContext, StepFailed
from community.pipelines.work import data, plots

GROUPS = {0: "group A", 1: "group B"}


def validate(ctx: StepContext) -> None:
    ctx.pause()
    p = ctx.params
    rows = data.lending(p["rows"], p["seed"], bias=p.get("bias", 0.0))
    if p["corrupt_data"]:
        rows = data.corrupt(rows, p["seed"])
        ctx.log("fault switch on: the data was corrupted on purpose")
    metrics, problems = data.validate(rows, ctx.log)
    for name, value in metrics.items():
        ctx.metric(name, value)
    if problems:
        raise StepFailed([f"Data validation failed: {p}" for p in problems])
    ctx.save("data", rows)


def train(ctx: StepContext) -> None:
    ctx.pause()
    rows = ctx.load("data")
    idx = np.arange(len(rows["y"]))
    train_idx, test_idx = train_test_split(idx, test_size=0.3, random_state=ctx.params["seed"], stratify=rows["y"])
    model = HistGradientBoostingClassifier(max_depth=4, learning_rate=0.1, random_state=ctx.params["seed"])
    model.fit(rows["X"][train_idx], rows["y"][train_idx])
    ctx.log(f"trained on {len(train_idx)} rows; the sensitive attribute is not a feature")
    ctx.metric("train_rows", len(train_idx))
    ctx.metric("train_accuracy", float(model.score(rows["X"][train_idx], rows["y"][train_idx])))
    ctx.save("model", model)
    ctx.save("split", {"train": train_idx, "test": test_idx})


def evaluate(ctx: StepContext) -> None:
    ctx.pause()
    rows, model, split = ctx.load("data"), ctx.load("model"), ctx.load("split")
    X, y = rows["X"][split["test"]], rows["y"][split["test"]]
    proba = model.predict_proba(X)[:, 1]
    predicted = (proba >= 0.5).astype(int)
    ctx.metric("accuracy", float(accuracy_score(y, predicted)))
    ctx.metric("roc_auc", float(roc_auc_score(y, proba)))
    ctx.metric("brier", float(brier_score_loss(y, proba)))
    prob_true, prob_pred = calibration_curve(y, proba, n_bins=10)
    ctx.metric("calibration_error", float(np.mean(np.abs(prob_true - prob_pred))))
    ctx.plot("confusion-matrix", "Confusion matrix", plots.confusion(confusion_matrix(y, predicted), "Test set"))
    ctx.plot("calibration", "Calibration", plots.calibration(prob_true, prob_pred, "Calibration"))
    ctx.log(f"test set: {len(y)} rows, ROC AUC {ctx.metrics['roc_auc']:.3f}")
    ctx.save_json("evaluation", ctx.metrics)


def bias_audit(ctx: StepContext) -> None:
    from fairlearn.metrics import (
        MetricFrame,
        demographic_parity_difference,
        equalized_odds_difference,
        false_negative_rate,
        false_positive_rate,
        selection_rate,
    )

    ctx.pause()
    rows, model, split = ctx.load("data"), ctx.load("model"), ctx.load("split")
    X, y, group = rows["X"][split["test"]], rows["y"][split["test"]], rows["group"][split["test"]]
    predicted = model.predict(X)
    names = np.array([GROUPS[g] for g in group])
    frame = MetricFrame(
        metrics={
            "selection rate": selection_rate,
            "false positive rate": false_positive_rate,
            "false negative rate": false_negative_rate,
        },
        y_true=y,
        y_pred=predicted,
        sensitive_features=names,
    )
    by_group = frame.by_group
    for metric in by_group.columns:
        for name in by_group.index:
            ctx.metric(f"{metric.replace(' ', '_')}[{name}]", float(by_group.loc[name, metric]))
    ctx.metric(
        "demographic_parity_difference", float(demographic_parity_difference(y, predicted, sensitive_features=names))
    )
    ctx.metric("equalized_odds_difference", float(equalized_odds_difference(y, predicted, sensitive_features=names)))
    figure = plots.grouped_bars(
        list(by_group.index), {m: list(by_group[m]) for m in by_group.columns}, "Rates per group"
    )
    ctx.plot("group-rates", "Selection and error rates per group", figure)
    ctx.log(
        f"demographic parity difference {ctx.metrics['demographic_parity_difference']:.3f}, "
        f"equalised odds difference {ctx.metrics['equalized_odds_difference']:.3f}"
    )
    ctx.save_json("audit", ctx.metrics)


def decide(ctx: StepContext) -> None:
    ctx.pause()
    p, evaluation, audit = ctx.params, ctx.load_json("evaluation"), ctx.load_json("audit")
    reasons = []
    if evaluation["roc_auc"] < p["min_auc"]:
        reasons.append(f"ROC AUC {evaluation['roc_auc']:.3f} is below the {p['min_auc']:.2f} required")
    parity = audit["demographic_parity_difference"]
    if parity > p["max_parity_gap"]:
        rates = ", ".join(f"{g} {audit[f'selection_rate[{g}]']:.1%}" for g in GROUPS.values())
        reasons.append(
            f"Demographic parity difference {parity:.3f} exceeds {p['max_parity_gap']:.2f}: selection rates {rates}"
        )
    odds = audit["equalized_odds_difference"]
    if odds > p["max_odds_gap"]:
        fnr = ", ".join(f"{g} {audit[f'false_negative_rate[{g}]']:.1%}" for g in GROUPS.values())
        reasons.append(
            f"Equalised odds difference {odds:.3f} exceeds {p['max_odds_gap']:.2f}: false negative rates {fnr}"
        )
    if reasons:
        ctx.decide("block", reasons)
        ctx.log("blocked: " + "; ".join(reasons))
    else:
        ctx.decide(
            "promote",
            [
                f"ROC AUC {evaluation['roc_auc']:.3f}, parity difference {parity:.3f} and equalised odds difference {odds:.3f} are within the thresholds"
            ],
        )
        ctx.log("promoted")
