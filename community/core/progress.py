"""A one-line progress bar for long management commands (imports, index builds, seeding)."""

import time
from typing import TextIO


class ProgressBar:
    def __init__(self, out: TextIO, label: str, width: int = 30) -> None:
        self.out, self.label, self.width = out, label, width
        self.started = time.perf_counter()
        self.shown = False

    def update(self, done: int, total: int) -> None:
        if total <= 0:
            return
        filled = int(self.width * done / total)
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        self.out.write(
            f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} ({rate:.0f}/s)", ending=""
        )
        self.out.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.out.write("")
