"""What a step function sees: its parameters, a place for files, and calls to log, measure, plot and decide.

Step functions are plain scikit-learn code; everything they report goes through the context, which writes it
to the step's row as it happens (so a page shows the log while the step runs) or at the end (metrics).
"""

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import joblib


class StepFailed(Exception):
    """The step found a reason to stop the run (bad data, a failed gate); `reasons` say why, in words."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class Cancelled(Exception):
    """Someone cancelled the run; the step stops at its next checkpoint."""


class StepContext:
    def __init__(
        self,
        params: dict[str, Any],
        workdir: Path,
        media_dir: Path,
        write_log: Callable[[str], None] = lambda line: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        self.params = params
        self.workdir = workdir
        self.media_dir = media_dir
        self.metrics: dict[str, Any] = {}
        self.plots: list[tuple[str, str, Path]] = []
        self.decision: dict[str, Any] | None = None
        self._write_log = write_log
        self._cancelled = cancelled
        workdir.mkdir(parents=True, exist_ok=True)
        media_dir.mkdir(parents=True, exist_ok=True)

    def log(self, line: str) -> None:
        self._write_log(line)

    def metric(self, name: str, value: Any) -> None:
        self.metrics[name] = round(value, 4) if isinstance(value, float) else value

    def save(self, name: str, value: Any) -> None:
        joblib.dump(value, self.workdir / f"{name}.joblib")

    def load(self, name: str) -> Any:
        return joblib.load(self.workdir / f"{name}.joblib")

    def save_json(self, name: str, value: Any) -> None:
        (self.workdir / f"{name}.json").write_text(json.dumps(value))

    def load_json(self, name: str) -> Any:
        return json.loads((self.workdir / f"{name}.json").read_text())

    def plot(self, name: str, title: str, figure) -> None:
        """Save a matplotlib figure as PNG among the step's artifacts."""
        import matplotlib.pyplot as plt

        path = self.media_dir / f"{name}.png"
        figure.savefig(path, dpi=90, bbox_inches="tight")
        plt.close(figure)
        self.plots.append((name, title, path))

    def decide(self, action: str, reasons: list[str]) -> None:
        self.decision = {"action": action, "reasons": reasons}

    def checkpoint(self) -> None:
        if self._cancelled():
            raise Cancelled

    def pause(self) -> None:
        """Wait the run's `pause` seconds, checking for cancellation every 0.2 s."""
        deadline = time.monotonic() + float(self.params.get("pause", 0))
        while time.monotonic() < deadline:
            self.checkpoint()
            time.sleep(0.2)
        self.checkpoint()
