"""Measurements behind the hardening of the public instance: Datasette's defaults against this
instance's settings and plugins, on the same database, in one run.

    python -m scripts.tools.hardening_bench --db build/bench/kashmir-10000/kashmir.db --out build/hardening.md

For each configuration ("defaults": `datasette serve -i DB` and nothing else; "this instance":
as `make serve` serves it) it measures:
- the answer to `GET /\\example.com/` sent as is (an open redirect when it is a 302 to it);
- `?sql=select length(randomblob(900000000))`: status, seconds, and the server's memory growth;
- a table page's first answer with facet suggestions as configured, and 50 `_facet=` in one URL;
- the latency of a small page (a letter's row, a new URL each time so no cache answers it)
  alone and while six clients loop one-second queries.
Not part of `make test` (it takes minutes on the largest database); `make hardening` runs it.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import statistics
import threading
import time
from contextlib import closing
from pathlib import Path

import click
import httpx

from scripts.common.paths import BUILD_DIR
from scripts.serve.server import running_server
from scripts.tools.bench import process_tree_rss_kb

SLOW_SQL = "with recursive c(x) as (select 1 union all select x + 1 from c where x < {n}) select count(*) from c"


def raw_get(url: str, path: str) -> tuple[str, dict[str, str]]:
    """GET a path exactly as written (as `curl --path-as-is` sends it, which HTTP clients
    would normalise): the status line's code and reason, and the headers."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in head[1:])}
    return head[0].split(" ", 1)[1], headers


def inspect_file(db: Path) -> Path | None:
    """The inspect file `make bench` writes beside a benchmark database, if there is one."""
    path = db.with_suffix(".inspect.json")
    return path if path.exists() else None


def memory_mb() -> float:
    return process_tree_rss_kb(os.getpid()) / 1024


def timed_get(client: httpx.Client, path: str, **params) -> tuple[int, float]:
    started = time.monotonic()
    response = client.get(path, params=params or None)
    return response.status_code, (time.monotonic() - started) * 1000


def one_second_sql() -> str:
    """A recursive count that SQLite alone finishes in about a second on this machine."""
    n = 1_000_000
    with closing(sqlite3.connect(":memory:")) as connection:
        while True:
            started = time.monotonic()
            connection.execute(SLOW_SQL.format(n=n)).fetchall()
            if time.monotonic() - started >= 0.9:
                return SLOW_SQL.format(n=n)
            n *= 2


def page_latency(client: httpx.Client, letter: str, count: int = 40) -> dict:
    times = []
    for number in range(count):
        status, ms = timed_get(client, f"/kashmir/letters/{letter}", _r=str(number) + str(time.monotonic()))
        times.append(ms)
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 1), "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1)}


def under_attack(url: str, slow_sql: str, letter: str, clients: int = 6) -> dict:
    stop = threading.Event()
    statuses: list[int] = []

    def attacker():
        with httpx.Client(base_url=url, timeout=60) as client:
            while not stop.is_set():
                statuses.append(client.get("/kashmir.json", params={"sql": slow_sql}).status_code)

    threads = [threading.Thread(target=attacker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    with httpx.Client(base_url=url, timeout=120) as client:
        latency = page_latency(client, letter, count=20)
    stop.set()
    for thread in threads:
        thread.join()
    return {**latency, "attack_statuses": {str(s): statuses.count(s) for s in sorted(set(statuses))}}


def measure(db: Path, hardened: bool, slow_sql: str) -> dict:
    with closing(sqlite3.connect(db)) as connection:
        letter = connection.execute("select id from letters order by rowid limit 1").fetchone()[0]
        mentions = connection.execute("select count(*) from mentions").fetchone()[0]
    result: dict = {"configuration": "this instance" if hardened else "Datasette defaults"}
    with running_server(db, inspect_file(db), plain=not hardened) as url, httpx.Client(base_url=url, timeout=300) as client:
        status, headers = raw_get(url, "/\\example.com/")
        result["backslash_path"] = status + (f", Location: {headers['location']}" if "location" in headers else "")
        if hardened:  # measure once the response cache's start-up warming is done, as a visitor would
            client.get("/")
            while not client.get("/-/response-cache.json").json().get("warmed"):
                time.sleep(1)
        # Memory of this process and the server it started (proportional set sizes, /proc).
        before, peak, done = memory_mb(), [0.0], threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], memory_mb())
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        status, ms = timed_get(client, "/kashmir.json", sql="select length(randomblob(900000000))")
        done.set()
        sampler.join()
        result["randomblob"] = {"status": status, "ms": round(ms), "rss_growth_mb": round(peak[0] - before)}
        # Facets as metadata.yml chooses them are off here (_nofacet): what is left is suggestions.
        status, ms = timed_get(client, "/kashmir/mentions", _nofacet="1", _r="first")
        result["first_page_mentions"] = {"status": status, "ms": round(ms), "rows": mentions}
        facets = "&".join(f"_facet={column}" for column in ["kind", "place", "location_status", "corrected", "name"] * 10)
        status, ms = timed_get(client, f"/kashmir/signatories?{facets}")
        result["fifty_facets"] = {"status": status, "ms": round(ms)}
        result["page_alone"] = page_latency(client, letter)
    with running_server(db, inspect_file(db), plain=not hardened) as url:
        if hardened:
            httpx.get(f"{url}/")
            while not httpx.get(f"{url}/-/response-cache.json").json().get("warmed"):
                time.sleep(1)
        result["page_under_attack"] = under_attack(url, slow_sql, letter)
    return result


@click.command(help="Datasette's defaults against this instance's hardening, on the same database.")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=BUILD_DIR / "bench" / "kashmir-10000" / "kashmir.db", show_default=True, help="the database to serve (make bench builds the default)")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=BUILD_DIR / "hardening.md", show_default=True, help="report to write")
def main(db: Path, out: Path) -> None:
    slow_sql = one_second_sql()
    results = [measure(db, hardened, slow_sql) for hardened in (False, True)]
    for result in results:
        click.echo(json.dumps(result))
    lines = [
        "# Hardening: Datasette's defaults against this instance",
        "",
        f"`python -m scripts.tools.hardening_bench --db {db}`; the slow query: `{slow_sql}`.",
        "",
        "| measurement | " + " | ".join(r["configuration"] for r in results) + " |",
        "| --- | --- | --- |",
    ]
    rows = [
        ("GET /\\example.com/ (as is)", lambda r: r["backslash_path"]),
        ("randomblob(900000000): status, ms, memory growth", lambda r: f"{r['randomblob']['status']}, {r['randomblob']['ms']} ms, +{r['randomblob']['rss_growth_mb']} MB"),
        (f"first page of mentions ({results[0]['first_page_mentions']['rows']:,} rows), facets off, suggestions as configured", lambda r: f"{r['first_page_mentions']['status']}, {r['first_page_mentions']['ms']} ms"),
        ("50 _facet= on signatories", lambda r: f"{r['fifty_facets']['status']}, {r['fifty_facets']['ms']} ms"),
        ("a letter's page, alone: median / p95", lambda r: f"{r['page_alone']['median_ms']} / {r['page_alone']['p95_ms']} ms"),
        ("the same, six clients looping 1 s queries", lambda r: f"{r['page_under_attack']['median_ms']} / {r['page_under_attack']['p95_ms']} ms"),
        ("the attackers' answers", lambda r: ", ".join(f"{k}: {v}" for k, v in r["page_under_attack"]["attack_statuses"].items())),
    ]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(r) for r in results) + " |")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"wrote {out}")


if __name__ == "__main__":
    main()
