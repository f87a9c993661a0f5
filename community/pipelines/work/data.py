"""Generated data sets for the demos: lending applications with a sensitive attribute, and weekly batches.

Everything is drawn from a seeded generator, so the same parameters give the same rows and the same figures.
"""

import numpy as np

FEATURES = ["income", "debt_ratio", "history_years", "loan_amount", "area_score"]
RANGES = {
    "income": (0, 1_000_000),
    "debt_ratio": (0, 5),
    "history_years": (0, 80),
    "loan_amount": (0, 2_000_000),
    "area_score": (0, 1),
}


def lending(rows: int, seed: int, bias: float = 0.0, shift: float = 0.0) -> dict[str, np.ndarray]:
    """Applications with `group` (0 = A, 1 = B) and `repaid`. `bias` pushes group B's outcomes down through
    history (labels) and a proxy (area_score); `shift` moves incomes and debt as an economy would."""
    rng = np.random.default_rng(seed)
    group = (rng.random(rows) < 0.4).astype(int)
    income = rng.lognormal(mean=10.6 + 0.6 * shift, sigma=0.45, size=rows)
    debt_ratio = np.clip(rng.normal(0.35 + 0.25 * shift, 0.15, rows), 0, 5)
    history_years = np.clip(rng.gamma(3.0, 3.0, rows), 0, 80)
    loan_amount = np.clip(income * rng.uniform(0.2, 1.5, rows), 1000, 2_000_000)
    area_score = np.clip(rng.normal(0.6 - 0.35 * bias * group, 0.15, rows), 0, 1)
    logit = 1.8 * (
        1.2 * (np.log(income) - 10.6)
        - 4.0 * (debt_ratio - 0.35)
        + 0.08 * (history_years - 9)
        - 0.6 * (loan_amount / income - 0.85)
        + 0.4
        - 1.5 * shift * (debt_ratio - 0.35)
    )
    repaid = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(int)
    # Historical bias: some of group B's good outcomes were recorded as defaults.
    flipped = (group == 1) & (repaid == 1) & (rng.random(rows) < 0.6 * bias)
    repaid[flipped] = 0
    X = np.column_stack([income, debt_ratio, history_years, loan_amount, area_score])
    return {"X": X, "y": repaid, "group": group}


def corrupt(data: dict[str, np.ndarray], seed: int) -> dict[str, np.ndarray]:
    """The fault switch: missing values, impossible values and a collapsed class, as a broken export would."""
    rng = np.random.default_rng(seed + 1)
    X = data["X"].astype(float).copy()
    rows = len(X)
    X[rng.random(rows) < 0.15, 0] = np.nan
    X[rng.random(rows) < 0.05, 1] = -1.0
    y = data["y"].copy()
    y[rng.random(rows) < 0.97] = 1
    return {**data, "X": X, "y": y}


def validate(data: dict[str, np.ndarray], log) -> tuple[dict[str, float], list[str]]:
    """Schema, ranges, missing values and class balance: (metrics, reasons to stop)."""
    X, y = data["X"], data["y"]
    problems = []
    metrics: dict[str, float] = {"rows": len(X)}
    if X.ndim != 2 or X.shape[1] != len(FEATURES):
        return metrics, [f"expected {len(FEATURES)} columns ({', '.join(FEATURES)}), found {X.shape[-1]}"]
    missing = np.isnan(X).mean(axis=0)
    for name, share in zip(FEATURES, missing, strict=True):
        metrics[f"missing_{name}"] = float(share)
        if share > 0.01:
            problems.append(f"{name}: {share:.1%} of values missing (at most 1% allowed)")
    for i, name in enumerate(FEATURES):
        low, high = RANGES[name]
        column = X[:, i][~np.isnan(X[:, i])]
        outside = float(((column < low) | (column > high)).mean()) if len(column) else 0.0
        metrics[f"out_of_range_{name}"] = outside
        if outside > 0:
            problems.append(f"{name}: {outside:.1%} of values outside [{low:g}, {high:g}]")
    positive = float(np.mean(y))
    metrics["positive_rate"] = positive
    if not 0.05 <= positive <= 0.95:
        problems.append(f"class balance: {positive:.1%} positive labels (expected between 5% and 95%)")
    log(f"checked {len(X)} rows × {X.shape[1]} columns: {len(problems)} problem(s)")
    return metrics, problems
