"""Serve the dataset with several Datasette processes on one port, one per core.

    python -m scripts.serve.workers --workers 2 -- <the options of `datasette serve`>

`datasette serve` runs one process, and a process uses about one core at most: its event loop
renders every page in Python and its SQL threads hold Python's lock while they read rows (under
16 clients the server measured 106 % CPU on a 2-core machine, the other core idle). The database
is immutable, so processes need share nothing but the port: each of WORKERS processes builds
its own Datasette from the same `datasette serve` options (`app`), with its own response cache
and request limits, and listens on a socket of its own bound with SO_REUSEPORT, so the kernel
spreads the connections over them (on one shared socket, measured, one process took nearly
every connection). With one worker it is `datasette serve` itself.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import socket
from multiprocessing.connection import wait

import click
import uvicorn
from datasette import cli

PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
GRACE_SECONDS = 5  # for answers in flight when the server stops


def app(options: list[str]):
    """One worker's application: Datasette as `datasette serve` makes it from these options.
    Its startup hooks run on its first request."""
    context = cli.serve.make_context("serve", options)
    datasette = context.invoke(cli.serve.callback, **{**context.params, "return_instance": True})
    return datasette.app()


def listening_socket(host: str, port: int) -> socket.socket:
    """A worker's own socket on the shared port (SO_REUSEPORT). IPPROTO_TCP is named, not left
    0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on connections of a socket that
    says it is TCP; without it every answer waited 40 ms for an ACK (measured)."""
    listening = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listening.bind((host, port))
    listening.listen(2048)
    return listening


def serve_one(options: list[str], host: str, port: int, parent: int) -> None:
    """A worker process: its own socket on the shared port, its own Datasette. It ends when the
    process that started it ends, however that ends (killed, a worker never outlives the server),
    and stops within GRACE_SECONDS of being told to, a download still streaming or not."""
    _end_with(parent)
    config = uvicorn.Config(app(options), log_level="info", lifespan="on", timeout_graceful_shutdown=GRACE_SECONDS)
    uvicorn.Server(config).run(sockets=[listening_socket(host, port)])


def _end_with(parent: int) -> None:
    """Ask Linux to send this process SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG);
    if the parent is already gone, end now."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the server's own SIGTERM still ends its workers
    if os.getppid() != parent:
        raise SystemExit(0)


@click.command(context_settings={"ignore_unknown_options": True}, help="Datasette on one port with WORKERS processes.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the cores")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
@click.argument("serve_options", nargs=-1, type=click.UNPROCESSED)
def main(workers: int, host: str, port: int, serve_options: tuple[str, ...]) -> None:
    if workers == 1:
        cli.serve.main([*serve_options, "--host", host, "--port", str(port)], prog_name="datasette serve")
        return
    cli.serve.make_context("serve", list(serve_options))  # bad options fail here, once, not in every worker
    processes = [
        multiprocessing.get_context("spawn").Process(target=serve_one, args=(list(serve_options), host, port, os.getpid()), daemon=True)
        for _ in range(workers)
    ]
    for process in processes:
        process.start()

    def stop(signum=None, frame=None):
        for process in processes:
            if process.is_alive():
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # The server lives as long as every worker: one that ends (it could not bind the port, say)
    # ends the others.
    wait([process.sentinel for process in processes])
    stop()
    for process in processes:
        process.join()
    failed = [process.exitcode for process in processes if process.exitcode not in (0, -signal.SIGTERM)]
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
