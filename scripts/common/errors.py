"""Errors that stop a build, each naming the file (and line, where there is one) at fault.

Every stage raises `BuildError` for bad input; `scripts.build` prints it and exits non-zero,
leaving the previous database untouched.
"""

from __future__ import annotations

from pathlib import Path


class BuildError(Exception):
    """Bad input: `path:line: message`, the form editors and CI logs link to."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):
        # Raised in a build worker, it crosses back to the main process intact.
        return (BuildError, (self.path, self.message, self.line))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
