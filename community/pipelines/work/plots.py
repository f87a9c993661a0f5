"""Matplotlib figures for the steps (the Agg backend: no display on a worker)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np


def confusion(matrix: np.ndarray, title: str):
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    ax.imshow(matrix, cmap="Blues")
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, str(value), ha="center", va="center", color="black")
    ax.set_xticks([0, 1], ["default", "repaid"])
    ax.set_yticks([0, 1], ["default", "repaid"])
    ax.set_xlabel("predicted")
    ax.set_ylabel("actual")
    ax.set_title(title)
    return fig


def grouped_bars(groups: list[str], series: dict[str, list[float]], title: str):
    fig, ax = plt.subplots(figsize=(5.2, 3.2))
    width = 0.8 / max(1, len(series))
    for k, (name, values) in enumerate(series.items()):
        ax.bar(np.arange(len(groups)) + k * width, values, width, label=name)
    ax.set_xticks(np.arange(len(groups)) + width * (len(series) - 1) / 2, groups)
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)
    ax.set_title(title)
    return fig


def lines(x: list, series: dict[str, list[float]], title: str, threshold: float | None = None, ylabel: str = ""):
    fig, ax = plt.subplots(figsize=(5.2, 3.2))
    for name, values in series.items():
        ax.plot(x, values, marker="o", label=name)
    if threshold is not None:
        ax.axhline(threshold, color="grey", linestyle="--", label="threshold")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=7)
    ax.set_title(title)
    return fig


def calibration(prob_true: np.ndarray, prob_pred: np.ndarray, title: str):
    fig, ax = plt.subplots(figsize=(3.6, 3.2))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--")
    ax.plot(prob_pred, prob_true, marker="o")
    ax.set_xlabel("predicted probability")
    ax.set_ylabel("observed rate")
    ax.set_title(title)
    return fig


def heatmap(values: np.ndarray, rows: list[str], cols: list[str], title: str):
    fig, ax = plt.subplots(figsize=(4.6, 3.4))
    im = ax.imshow(values, cmap="viridis")
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(rows)), rows)
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, f"{value:.3f}", ha="center", va="center", color="white", fontsize=8)
    fig.colorbar(im, ax=ax)
    ax.set_title(title)
    return fig
