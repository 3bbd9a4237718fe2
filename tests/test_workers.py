"""`make serve` runs one Datasette process per core on one port (`scripts/serve/workers.py`):
each worker has its own socket (SO_REUSEPORT) that says it is TCP, so answers are not held back
by Nagle's algorithm; connections reach every worker; all give the same answers; stopping the
server stops them all."""

from __future__ import annotations

import os
import socket

import httpx
import pytest

from scripts.serve.server import running_server, wait_until_warmed
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
    for pid in processes:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
