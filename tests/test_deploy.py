"""Deploying beyond one machine, tested offline: each publish target's generated container,
captured from stand-ins for the tools it would call (docker, gcloud) or from `--generate-dir`."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from conftest import REPO

from scripts.serve.settings import SETTINGS

# Builds databases of its own, or serves them: left out of `make test-fast`.
pytestmark = pytest.mark.slow

STAND_INS = {
    "docker": 'echo "docker $*" >> "$CAPTURE/commands"; cp Dockerfile "$CAPTURE/Dockerfile"; ls > "$CAPTURE/files"',
    "gcloud": (
        'echo "gcloud $*" >> "$CAPTURE/commands"\n'
        'case "$*" in "config get-value project") echo test-project ;; '
        'builds\\ submit*) cp Dockerfile "$CAPTURE/Dockerfile"; ls > "$CAPTURE/files" ;; esac'
    ),
}


@pytest.fixture
def stand_ins(tmp_path):
    bin_dir, capture = tmp_path / "bin", tmp_path / "capture"
    bin_dir.mkdir()
    capture.mkdir()
    for tool, script in STAND_INS.items():
        path = bin_dir / tool
        path.write_text(f"#!/bin/sh\n{script}\n")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    environment = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CAPTURE": str(capture)}
    return environment, capture


def make(target: str, built_db, environment=None, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", target, f"DB={built_db}", *extra], cwd=REPO, capture_output=True, text=True, env=environment
    )


def assert_container_serves_the_dataset(dockerfile: str, files: list[str]) -> None:
    assert {"kashmir.db", "metadata.json", "plugins", "templates"} <= set(files)
    assert "datasette inspect kashmir.db --inspect-file inspect-data.json" in dockerfile
    assert "-i kashmir.db" in dockerfile and "--inspect-file inspect-data.json" in dockerfile
    for package in ("datasette==0.65.5", "datasette-cluster-map==0.18.2", "cachetools==8.0.2"):
        assert package in dockerfile
    for name, value in SETTINGS.items():
        assert f"--setting {name} {value}" in dockerfile


def test_make_package_builds_a_docker_image_of_the_whole_instance(stand_ins, built_db):
    environment, capture = stand_ins
    result = make("package", built_db, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (capture / "commands").read_text().startswith("docker build -t kashmir-responses")
    assert_container_serves_the_dataset((capture / "Dockerfile").read_text(), (capture / "files").read_text().split())


def test_make_publish_cloudrun_deploys_scalable_replicas(stand_ins, built_db):
    environment, capture = stand_ins
    result = make("publish-cloudrun", built_db, environment)
    assert result.returncode == 0, result.stdout + result.stderr
    commands = (capture / "commands").read_text()
    assert "gcloud run deploy" in commands and "--max-instances 10" in commands
    assert_container_serves_the_dataset((capture / "Dockerfile").read_text(), (capture / "files").read_text().split())


def test_make_publish_fly_generates_the_app(built_db, tmp_path):
    out = tmp_path / "fly"
    result = make("publish-fly", built_db, None, f"PUBLISH_FLAGS=--generate-dir {out}")
    assert result.returncode == 0, result.stdout + result.stderr
    files = sorted(path.name for path in out.iterdir())
    assert "fly.toml" in files
    assert_container_serves_the_dataset((out / "Dockerfile").read_text(), files)
