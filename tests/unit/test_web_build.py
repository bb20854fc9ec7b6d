"""runner/web_build.py: when `make run` builds the web app, and the one line it says without Node.js."""

from __future__ import annotations

import os
import subprocess

import pytest

from runner import web_build


def _touch(path, mtime):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    os.utime(path, (mtime, mtime))


@pytest.fixture
def web(tmp_path):
    _touch(tmp_path / "package-lock.json", 100)
    _touch(tmp_path / "src" / "main.tsx", 100)
    _touch(tmp_path / "node_modules" / ".package-lock.json", 200)
    _touch(tmp_path / "dist" / "index.html", 300)
    return tmp_path


def test_an_up_to_date_build_is_left_alone(web, monkeypatch):
    monkeypatch.setattr(web_build.subprocess, "run", _never)
    assert not web_build.needs_build(web) and not web_build.needs_install(web)
    assert web_build.ensure_web_app(web) is None


def test_a_missing_build_or_a_newer_source_needs_a_build(web):
    _touch(web / "src" / "app" / "router.tsx", 400)
    assert web_build.needs_build(web)
    (web / "dist" / "index.html").unlink()
    assert web_build.needs_build(web)


def test_a_newer_lock_file_needs_npm_ci_and_a_build(web):
    _touch(web / "package-lock.json", 500)
    assert web_build.needs_install(web) and web_build.needs_build(web)


@pytest.mark.parametrize(
    "version, found", [(None, "no Node.js"), ((18, 19), "Node.js 18.19"), ((20, 18), "Node.js 20.18")]
)
def test_without_node_20_19_one_line_says_what_to_install(web, monkeypatch, version, found):
    (web / "dist" / "index.html").unlink()
    monkeypatch.setattr(web_build, "node_version", lambda: version)
    monkeypatch.setattr(web_build.subprocess, "run", _never)
    message = web_build.ensure_web_app(web)
    assert message is not None and "\n" not in message
    assert found in message and "install Node.js 20.19 or later" in message


def test_a_stale_build_runs_npm_ci_then_the_build(web, monkeypatch):
    _touch(web / "package-lock.json", 500)
    ran = []
    monkeypatch.setattr(web_build, "node_version", lambda: (20, 20))
    monkeypatch.setattr(
        web_build.subprocess, "run", lambda args, cwd: ran.append(args[1:]) or subprocess.CompletedProcess(args, 0)
    )
    assert web_build.ensure_web_app(web) is None
    assert ran == [["ci", "--no-audit", "--no-fund"], ["run", "build"]]


def test_a_failed_build_is_reported_and_not_raised(web, monkeypatch):
    (web / "dist" / "index.html").unlink()
    monkeypatch.setattr(web_build, "node_version", lambda: (22, 1))
    monkeypatch.setattr(web_build.subprocess, "run", lambda args, cwd: subprocess.CompletedProcess(args, 1))
    message = web_build.ensure_web_app(web)
    assert message is not None and "`run build` failed" in message


def _never(*_args, **_kwargs):
    raise AssertionError("nothing should run")
