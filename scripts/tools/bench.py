"""Benchmarks: build throughput against SQLite's own floor, serving latency, the map at scale.

    python -m scripts.tools.bench [100 1000 10000] [--out build/bench.md] [--bench-dir build/bench] [--repeats 15]

For each corpus size (`scripts.tools.generate_corpus`, seeded) it builds the database as
`make build` does and records wall time, signatures per second, peak memory (the build and its workers,
summed) and database size; then the physical floor: the same rows, read back, inserted by
SQLite alone from Python (`executemany` in one transaction, same tables and keys, no indexes).
At the largest size it serves the database as `make serve` does and times every page against
the same SQL run directly in SQLite. Then it times the map in headless Chromium. Everything is
written to build/bench.md (and build/bench.json) with the command that made it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import click
import httpx
import yaml

from scripts.common.paths import BUILD_DIR, REPO
from scripts.pipeline.load.schema import SCHEMA
from scripts.serve.server import running_server, wait_until_warmed
from scripts.tools.chromium import launch as launch_chromium
from scripts.tools.generate_corpus import generate


def process_tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc: the sum of their proportional
    set sizes, so pages the forked workers share with the main process count once."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as file:
                total += next(int(line.split()[1]) for line in file if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as file:
                    stack += [int(child) for child in file.read().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def timed_build(seeds: Path, db: Path) -> dict:
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "scripts.build", "--seeds", str(seeds), "--db", str(db)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, process_tree_rss_kb(process.pid))
        time.sleep(0.25)  # reading /proc costs the build some time: not too often
    wall = time.monotonic() - started
    output, errors = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {errors}")
    subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db), "--inspect-file", str(db.with_suffix(".inspect.json"))], check=True)
    with closing(sqlite3.connect(db)) as connection:
        signatures = connection.execute("select count(*) from signatories").fetchone()[0]
        rows = sum(connection.execute(f"select count(*) from [{name}]").fetchone()[0] for name in SCHEMA)
    return {"wall_s": round(wall, 2), "signatures": signatures, "rows": rows, "signatures_per_s": round(signatures / wall),
            "peak_memory_mb": round(peak / 1024), "db_mb": round(db.stat().st_size / 1e6, 1), "summary": output.strip()}


def sqlite_floor(db: Path) -> float:
    """Seconds for SQLite alone to insert the built database's rows (held in memory) into a
    fresh file with the same tables and primary keys, with executemany in one transaction."""
    with closing(sqlite3.connect(db)) as source:
        tables = {name: (source.execute("select sql from sqlite_master where name = ?", [name]).fetchone()[0],
                         source.execute(f"select * from [{name}]").fetchall()) for name in SCHEMA}
    floor_db = db.with_name("floor.db")
    floor_db.unlink(missing_ok=True)
    with closing(sqlite3.connect(floor_db, isolation_level=None)) as target:
        target.execute("pragma journal_mode = off")
        target.execute("pragma synchronous = off")
        for create, _ in tables.values():
            target.execute(create)
        started = time.monotonic()
        target.execute("begin")
        for name, (_, rows) in tables.items():
            if rows:
                target.executemany(f"insert into [{name}] values ({', '.join('?' * len(rows[0]))})", rows)
        target.execute("commit")
        elapsed = time.monotonic() - started
    floor_db.unlink()
    return round(elapsed, 2)


def serving_cases(db: Path) -> list[tuple[str, str, str | None, list]]:
    """(what, URL path, the SQL it runs or None where a page runs several, its parameters) for
    every page a user reaches by clicking: table pages with their default facets, a facet's
    value, a sort, row pages, searches, the document reader and every canned query."""
    with closing(sqlite3.connect(db)) as connection:
        def middle(table: str) -> str:
            return connection.execute(f"select id from [{table}] order by rowid limit 1 offset (select count(*) / 2 from [{table}])").fetchone()[0]

        rows = {table: middle(table) for table in ("signatories", "letters", "organisations", "people", "locations", "documents")}
        letter = connection.execute("select title from letters order by rowid limit 1").fetchone()[0]
        place = connection.execute("select name from locations where latitude is not null order by signature_count desc limit 1").fetchone()[0]
        authority = connection.execute("select id, name from local_authorities order by signature_count desc, id limit 1").fetchone()
    queries = yaml.safe_load((REPO / "metadata.yml").read_text(encoding="utf-8"))["databases"]["kashmir"]["queries"]
    examples = {
        "q": "mosques", "letter": letter, "place": place, "latitude": "51.5", "longitude": "-0.1", "km": "5", "id": rows["signatories"],
        "area": authority[1],
    }
    cases = [
        ("table page: signatories", "/kashmir/signatories", "select * from signatories order by start limit 101", []),
        ("table page: organisations", "/kashmir/organisations", "select * from organisations order by name limit 101", []),
        *[(f"table page: {table}", f"/kashmir/{table}", None, []) for table in ("documents", "letters", "people", "locations", "appearances", "mentions", "provenance")],
        ("a facet's value: signatories of organisations", "/kashmir/signatories?kind=organisation", None, []),
        ("a facet's value: signatories in a local authority", f"/kashmir/signatories?local_authority_id={authority[0]}", None, []),
        ("a sort: signatories by member count", "/kashmir/signatories.json?_sort_desc=member_count",
         "select * from signatories order by member_count desc, id limit 101", []),
        *[(f"row page: {table}", f"/kashmir/{table}/{quote(row_id)}", None, []) for table, row_id in rows.items()],
        ("document reader", f"/-/read/{quote(rows['documents'])}", None, []),
        ("search: signatories (FTS)", "/kashmir/signatories.json?_search=Redbridge",
         "select * from signatories where rowid in (select rowid from signatories_fts where signatories_fts match 'Redbridge') limit 101", []),
        ("search: documents (FTS)", "/kashmir/documents.json?_search=Kashmir",
         "select * from documents where rowid in (select rowid from documents_fts where documents_fts match 'Kashmir') limit 101", []),
        ("search: documents, HTML", "/kashmir/documents?_search=mosques", None, []),
        ("map data: signatory_map JSON", "/kashmir/signatory_map.json?_size=max", "select * from signatory_map limit 1001", []),
        ("search everything: a common word", "/-/search?q=Khan", None, []),
    ]
    for name, query in queries.items():
        # Every canned query is timed, with an example for each of its :named parameters.
        named = sorted(set(re.findall(r"(?<!:):(\w+)", query["sql"])))
        unknown = [parameter for parameter in named if parameter not in examples]
        if unknown:
            raise click.ClickException(f"canned query {name}: no example value for :{', :'.join(unknown)} (add one to serving_cases)")
        parameters = {parameter: examples[parameter] for parameter in named}
        path = f"/kashmir/{name}.json?" + str(httpx.QueryParams(parameters))
        cases.append((f"canned query: {name}", path, query["sql"], parameters))
    return cases


def time_serving(db: Path, repeats: int = 15) -> list[dict]:
    results = []
    from datasette.utils import escape_fts

    workers = os.cpu_count() or 1
    with running_server(db, db.with_suffix(".inspect.json"), workers=workers) as url, httpx.Client(base_url=url, timeout=60) as client, \
            closing(sqlite3.connect(db)) as connection:
        connection.create_function("escape_fts", 1, escape_fts)
        # Served as `make serve` serves it, one process per core, each warming its response
        # cache with every table's first page at startup: time requests once that is done, as a
        # visitor after the start would meet them (one connection: one process answers them all).
        wait_until_warmed(url, workers)
        for what, path, sql, parameters in serving_cases(db):
            page, direct, statuses = [], [], set()
            for _ in range(repeats):
                started = time.monotonic()
                response = client.get(path)
                page.append((time.monotonic() - started) * 1000)
                statuses.add(response.status_code)
                if sql is not None:
                    started = time.monotonic()
                    connection.execute(sql, parameters).fetchall()
                    direct.append((time.monotonic() - started) * 1000)
            results.append({"what": what, "path": path, "statuses": sorted(statuses), "first_ms": round(page[0], 1),
                            **figures("page", page), **(figures("sqlite", direct) if direct else {"sqlite_median_ms": None, "sqlite_p95_ms": None})})
        started = time.monotonic()
        with client.stream("GET", "/kashmir/signatories.csv?_stream=on&_size=max") as response:
            size = sum(len(chunk) for chunk in response.iter_bytes())
        stream = (time.monotonic() - started) * 1000
        started = time.monotonic()
        connection.execute("select * from signatories").fetchall()
        results.append({"what": "CSV stream: all signatories", "path": "/kashmir/signatories.csv?_stream=on", "statuses": [response.status_code],
                        "first_ms": round(stream), "page_median_ms": round(stream), "page_p95_ms": round(stream), "sqlite_median_ms": round((time.monotonic() - started) * 1000),
                        "sqlite_p95_ms": None, "bytes": size})
    return results


def figures(prefix: str, values: list[float]) -> dict:
    ordered = sorted(values)
    return {f"{prefix}_median_ms": round(statistics.median(ordered), 1), f"{prefix}_p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1)}


def time_map(db: Path, expected: int, load_all: bool) -> dict:
    """Seconds until headless Chromium shows `expected` signatories on the map."""
    from playwright.sync_api import sync_playwright


    with running_server(db, db.with_suffix(".inspect.json")) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        started = time.monotonic()
        page.goto(f"{url}/kashmir/signatory_map")
        page.wait_for_selector(".leaflet-marker-icon", state="attached", timeout=60_000)
        message = page.locator(".cluster-map-button").count() and page.locator(".cluster-map-button").locator("..").inner_text()
        if load_all and page.locator(".cluster-map-button").count():  # no button: every marker is loaded already
            page.locator(".cluster-map-button").click()
            page.wait_for_function("() => !document.querySelector('.cluster-map-button')", timeout=600_000)
            page.wait_for_timeout(500)  # markercluster adds the last markers in chunks
        # Markers the map holds: the clusters' counts plus single markers, read at the zoom that
        # fits them all (where no cluster is nested in another on screen).
        shown = page.evaluate(
            "() => [...document.querySelectorAll('.marker-cluster span')].reduce((n, e) => n + (+e.textContent.replace(/,/g, '') || 0), 0)"
            " + document.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length"
        )
        elapsed = time.monotonic() - started
        started = time.monotonic()
        page.mouse.wheel(0, -300)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        responsive = time.monotonic() - started
        browser.close()
    return {"markers_expected": expected, "markers_shown": shown, "seconds": round(elapsed, 2), "message_before_load_all": message or None,
            "frame_after_zoom_ms": round(responsive * 1000)}


@click.command(help="Build throughput against SQLite's floor, serving latency and the map, on synthetic corpora.")
@click.argument("sizes", type=click.IntRange(min=1), nargs=-1)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=BUILD_DIR / "bench.md", show_default=True, help="report (and its .json beside it)")
@click.option("--bench-dir", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR / "bench", show_default=True, help="where the corpora and databases go")
@click.option("--repeats", type=click.IntRange(min=1), default=15, show_default=True, help="requests of each URL when timing serving")
@click.option("--reuse", is_flag=True, help="time the databases already built in the bench folder")
def main(sizes: tuple[int, ...], out: Path, bench_dir: Path, repeats: int, reuse: bool) -> None:
    """SIZES: corpus sizes in documents, smallest first (default 100 1000 10000)."""
    sizes = sizes or (100, 1000, 10000)
    bench_dir.mkdir(parents=True, exist_ok=True)
    builds = []
    for size in sizes:
        corpus, db = bench_dir / f"corpus-{size}", bench_dir / f"kashmir-{size}" / "kashmir.db"
        if reuse and (bench_dir / f"kashmir-{size}.json").exists():
            builds.append(json.loads((bench_dir / f"kashmir-{size}.json").read_text()))
            continue
        generate(size, corpus)
        # A first build, as the floor is: a previous database here would add a changes table
        # listing every row of a corpus generated afresh.
        shutil.rmtree(db.parent, ignore_errors=True)
        db.parent.mkdir(parents=True)
        result = {"documents": size, **timed_build(corpus, db)}
        result["floor_s"] = sqlite_floor(db)
        result["build_over_floor"] = round(result["wall_s"] / result["floor_s"], 1)
        builds.append(result)
        (bench_dir / f"kashmir-{size}.json").write_text(json.dumps(result))
        click.echo(json.dumps(result))
    largest = bench_dir / f"kashmir-{sizes[-1]}" / "kashmir.db"
    serving = time_serving(largest, repeats)
    maps = []
    for size, load_all in [(sizes[0], False), (sizes[0], True), (sizes[min(1, len(sizes) - 1)], True)]:
        db = bench_dir / f"kashmir-{size}" / "kashmir.db"
        with closing(sqlite3.connect(db)) as connection:
            mapped = connection.execute("select count(*) from signatory_map").fetchone()[0]
        maps.append({"corpus": size, **time_map(db, mapped if load_all else min(mapped, 1000), load_all)})
        click.echo(json.dumps(maps[-1]))
    report = {"command": "make bench  (python -m scripts.tools.bench " + " ".join(map(str, sizes)) + ")", "repeats": repeats, "machine": f"{os.cpu_count()} cores",
              "builds": builds, "serving": serving, "map": maps}
    out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    out.write_text(markdown(report), encoding="utf-8")
    click.echo(markdown(report))


def markdown(report: dict) -> str:
    lines = ["# Benchmarks", "", f"Made by `{report['command']}` on a {report['machine']} machine.", "", "## Build",
             "", "| documents | signatures | rows | wall s | signatures/s | peak memory MB (PSS) | database MB | SQLite floor s | build / floor |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for b in report["builds"]:
        lines.append(f"| {b['documents']:,} | {b['signatures']:,} | {b['rows']:,} | {b['wall_s']} | {b['signatures_per_s']:,} | {b['peak_memory_mb']} | {b['db_mb']} | {b['floor_s']} | {b['build_over_floor']} |")
    lines += ["", f"## Serving the largest database ({report['builds'][-1]['signatures']:,} signatures)", "",
              f"Each URL requested {report['repeats']} times once the server has warmed its response cache with every table's first page (plugins/response_cache.py): "
              f"“first” is the first request of the {report['repeats']}, computed unless it is a warmed table page; later ones come from the cache.", "",
              "| request | status | first ms | median ms | p95 ms | same SQL in SQLite, median ms |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for s in report["serving"]:
        direct = "—" if s["sqlite_median_ms"] is None else s["sqlite_median_ms"]
        lines.append(f"| {s['what']} | {','.join(map(str, s['statuses']))} | {s['first_ms']} | {s['page_median_ms']} | {s['page_p95_ms']} | {direct} |")
    lines += ["", "## The map in headless Chromium", "", "| corpus | markers | shown | seconds | message before “load all” | frame after zoom ms |", "| ---: | ---: | ---: | ---: | --- | ---: |"]
    for m in report["map"]:
        lines.append(f"| {m['corpus']:,} documents | {m['markers_expected']:,} | {m['markers_shown']:,} | {m['seconds']} | {m['message_before_load_all'] or ''} | {m['frame_after_zoom_ms']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
