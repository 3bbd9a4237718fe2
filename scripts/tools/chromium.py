"""How the tests and the benchmarks start a browser: Debian's Chromium, headless, never a
downloaded build, with its own background connections off (this machine's network refuses
them, many at a time)."""

from __future__ import annotations

import shutil

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def launch(playwright):
    """Headless Chromium from Debian's package, driven by Playwright."""
    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
