"""A local Datasette serving a built database as `make serve` does, for tests and tools.

`running_server(db)` starts it on a free port of 127.0.0.1 and yields its address; it is
stopped when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import httpx

from scripts.common.paths import REPO
from scripts.serve.settings import serve_options


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(
    db: Path, inspect_file: Path | None = None, base_url: str = "/", basemap: str = "offline", plain: bool = False, workers: int = 1,
):
    """Datasette serving `db` on 127.0.0.1 as `make serve` does; yields its base URL.
    `basemap`: the map's tiles, "offline" or "online" (`make serve BASEMAP=…`). `plain`: with
    Datasette's defaults instead (no settings, metadata, plugins or inspect file), to compare.
    `workers`: processes (`scripts.serve.workers`); `make serve` runs one per core, tests one,
    so that a test's second request meets the same response cache as its first."""
    port = free_port()
    command = [sys.executable, "-m", "scripts.serve.workers", "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port), "--", "-i", str(db)]
    if inspect_file is not None and not plain:
        command += ["--inspect-file", str(inspect_file)]
    if not plain:
        command += serve_options(base_url)
    # The module runs from the repository whatever the caller's folder.
    environment = {**os.environ, "KASHMIR_BASEMAP": basemap, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"Datasette did not start: {server.stderr.read().decode()}")
                if time.monotonic() > deadline:
                    raise RuntimeError("Datasette did not answer within 60 seconds")
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def wait_until_warmed(base: str, workers: int, seconds: float = 600) -> None:
    """Wait until every worker process has warmed its response cache with the tables' first
    pages (plugins/response_cache.py), as a server does once after it starts: the load test
    measures the steady state. Each request on a new connection may reach any worker."""
    warmed: set[int] = set()
    deadline = time.monotonic() + seconds
    while len(warmed) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(warmed)} of {workers} workers warmed their caches within {seconds:.0f} s")
        status = httpx.get(f"{base}/-/response-cache.json", timeout=30).json()
        if status["warmed"]:
            warmed.add(status["process"])
        else:
            time.sleep(0.5)
