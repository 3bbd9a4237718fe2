"""`make serve` runs one Datasette process per core on one port (`scripts/serve/workers.py`):
each worker has its own socket (SO_REUSEPORT) that says it is TCP, so answers are not held back
by Nagle's algorithm; connections reach every worker; all give the same answers; stopping the
server stops them all."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from scripts.common.paths import REPO
from scripts.serve.server import free_port, running_server, wait_until_warmed
from scripts.serve.settings import serve_options
from scripts.serve.workers import listening_socket

pytestmark = pytest.mark.slow  # starts servers of its own


def test_each_worker_listens_on_its_own_tcp_socket_sharing_the_port():
    first = listening_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = listening_socket("127.0.0.1", port)
    try:
        for listening in (first, second):
            assert listening.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only then
            assert listening.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
        assert second.getsockname()[1] == port
    finally:
        first.close()
        second.close()


def test_two_workers_share_the_port_give_the_same_answers_and_stop_together(built_db):
    with running_server(built_db, built_db.with_name("kashmir-inspect.json"), workers=2) as url:
        wait_until_warmed(url, 2, seconds=120)  # each answered on connections of its own
        processes = {httpx.get(f"{url}/-/response-cache.json").json()["process"] for _ in range(40)}
        assert len(processes) == 2
        pages = {httpx.get(f"{url}/kashmir/letters.json?_shape=array").text for _ in range(10)}
        assert len(pages) == 1 and "title" in next(iter(pages))
    assert not any(_alive(pid) for pid in processes)


def test_workers_end_when_their_server_is_killed_outright(built_db):
    """A server killed with SIGKILL runs no handler: its workers end anyway (the kernel tells
    them, PR_SET_PDEATHSIG), so none is left serving, or streaming, on its own."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.serve.workers", "--workers", "2", "--port", str(port), "--", "-i", str(built_db), *serve_options()],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline, workers = time.monotonic() + 60, set()
        while len(workers) < 2 and time.monotonic() < deadline:
            try:
                workers.add(httpx.get(f"{url}/-/response-cache.json", timeout=5).json()["process"])
            except httpx.HTTPError:
                time.sleep(0.2)
        assert len(workers) == 2
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        server.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"  # a zombie has ended; only its parent's wait is missing
    except FileNotFoundError:
        return False
