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

from scripts.serve.settings import serve_options


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_server(db: Path, inspect_file: Path | None = None, base_url: str = "/", basemap: str = "offline", plain: bool = False):
    """Datasette serving `db` on 127.0.0.1 as `make serve` does; yields its base URL.
    `basemap`: the map's tiles, "offline" or "online" (`make serve BASEMAP=…`). `plain`: with
    Datasette's defaults instead (no settings, metadata, plugins or inspect file), to compare."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(db), "--host", "127.0.0.1", "--port", str(port)]
    if inspect_file is not None and not plain:
        command += ["--inspect-file", str(inspect_file)]
    if not plain:
        command += serve_options(base_url)
    environment = {**os.environ, "KASHMIR_BASEMAP": basemap}
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
