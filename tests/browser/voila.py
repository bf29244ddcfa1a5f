"""Serving a notebook live for the browser tests: Voilà on a temporary copy of the notebook,
bound to 127.0.0.1 on a free port, with a random token; and opening it in stages.

A live page is ready in stages, and each stage is waited for on its own, with its own limit:

1. **the server answers** (:func:`serve` polls it over HTTP);
2. **the response starts** (``page.goto`` returns at ``commit``): Voilà then streams the page
   while its kernel runs the notebook, cell after cell;
3. **the kernel is idle**: the page's ``load`` event fires when the last cell has run and
   Voilà closes the document; only then does the kernel answer widget messages at once;
4. **the widget is rendered** by Voilà's widget manager in the browser.

The limits below come from measurements on this project's 2-core machine while six other
sessions were at work on it (load average 12 to 15: already far busier than an idle
machine, on which the issue that asked for this measured all three live tests in 57 s),
once as found and once more with two extra CPU-bound processes
(``python -c "while True: pass"``) and an nbval run of this session beside it. Each limit
is about three times the slowest time measured, and at least 30 s; the figures are in
:data:`MEASURED`. The
old single ``page.goto`` with Playwright's 30 s default failed under load because it
waited for stage 3 with a limit fit for stage 2, and the old 60 s server limit was below
the 81 s that Voilà took to answer under load.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import open_offline

VOILA = Path(sys.executable).with_name("voila")

#: Seconds each stage took, measured on 2026-12-01 (see above): {stage: (as found, with two
#: extra CPU-bound processes)} for the playground page; the explorer page's in the comment.
#: "train" is Play until the epoch counter rose by 5 (then by 10); "redraw" is Pause
#: showing Play again, or the kernel's redrawn explorer frame.
MEASURED = {
    "server": (23.0, 81.5),       # explorer page: 38.3 and 19.8 / 55.5 and 69.6
    "response": (6.3, 17.7),      # explorer page: 4.7 / 10.4
    "notebook": (157.7, 132.6),   # explorer page: 79.4 / 59.6 (the first run had a longer
                                  # scrubber, 30 frames; the second ran the final 24)
    "widget": (6.3, 4.9),         # explorer page: 4.8 / 4.7
    "train": (1.7, 2.0),
    "redraw": (1.1, 1.2),         # explorer page; playground Pause: 0.1 / 0.3
}
#: The same tests later at load average 7 (the final notebook): server 5.1 s (explorer page
#: 11.8 s), response 2.1 s, notebook 68.2 s (30.0 s), widget 3.8 s, train 1.3 s, redraw
#: 0.2 s (0.4 s); the three live tests took 161 s in all (542 s in the loaded run).
#: Limits in seconds, per stage: about three times the slowest measurement, rounded up, and
#: at least 30 s.
LIMITS = {"server": 240, "response": 60, "notebook": 480, "widget": 30, "train": 30,
          "redraw": 30}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stages:
    """Times of the stages of one live page, printed with the test's output (``-s``)."""

    def __init__(self, name):
        self.name, self.times, self.start = name, {}, time.monotonic()

    @contextlib.contextmanager
    def stage(self, stage):
        start = time.monotonic()
        try:
            yield LIMITS[stage]
        finally:
            self.times[stage] = time.monotonic() - start
            print(f"[live page {self.name}] {stage}: {self.times[stage]:.1f} s "
                  f"(limit {LIMITS[stage]} s)", file=sys.stderr)


def _wait_until_up(base, proc, log_path, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(base, timeout=5)
            return
        except urllib.error.HTTPError:  # any HTTP answer: the server is up
            return
        except OSError:
            if proc.poll() is not None:
                pytest.fail("Voilà stopped before answering:\n" + log_path.read_text())
            if time.monotonic() > deadline:
                pytest.fail(f"Voilà did not answer within {seconds} s:\n"
                            + log_path.read_text())
            time.sleep(0.5)


@contextlib.contextmanager
def serve(notebook: Path, workdir: Path):
    """Serve a copy of ``notebook`` placed in ``workdir``; yields ``(base_url, token,
    stages)`` once the server answers."""
    shutil.copy(notebook, workdir / notebook.name)
    port, token = free_port(), secrets.token_hex(16)
    log_path = workdir / "voila.log"
    env = {**os.environ, "MPLBACKEND": "Agg", "JUPYTER_PLATFORM_DIRS": "1"}
    stages = Stages(notebook.stem)
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(VOILA), notebook.name, "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", f"--token={token}", "--show_tracebacks=True"],
            cwd=workdir, stdout=log, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}/"
        try:
            with stages.stage("server") as limit:
                _wait_until_up(base, proc, log_path, limit)
            yield base, token, stages
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def open_live(browser, server, ready_selector):
    """Open the served notebook and wait, stage by stage, until ``ready_selector`` shows.

    Returns ``(page, log)`` as :func:`conftest.open_offline` does.
    """
    base, token, stages = server
    with stages.stage("response") as limit:
        page, log = open_offline(browser, f"{base}?token={token}", base,
                                 wait_until="commit", timeout=limit * 1000)
    try:
        with stages.stage("notebook") as limit:
            page.wait_for_load_state("load", timeout=limit * 1000)
        with stages.stage("widget") as limit:
            page.locator(ready_selector).first.wait_for(timeout=limit * 1000)
    except Exception:
        page.context.close()
        raise
    return page, log
