"""How long each stage of a build took, for `python -m scripts.build --timings` and the benchmarks."""

from __future__ import annotations

import contextlib
import time


class Timings:
    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str):
        """Time the block, adding to what the same stage took before."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0) + time.monotonic() - started

    def add_steps(self, steps: dict[str, float]) -> None:
        """Steps timed inside the last stage, shown under it."""
        self.seconds.update({f"  of which {step}": seconds for step, seconds in steps.items()})
