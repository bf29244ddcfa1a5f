"""Serving a notebook live for the browser tests: Voilà on a temporary copy of the notebook,
bound to 127.0.0.1 on a free port, with a random token."""
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

VOILA = Path(sys.executable).with_name("voila")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base, proc, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(base, timeout=2)
            return
        except urllib.error.HTTPError:  # any HTTP answer: the server is up
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Voilà did not start:\n" + log_path.read_text())
            time.sleep(0.5)


@contextlib.contextmanager
def serve(notebook: Path, workdir: Path):
    """Serve a copy of ``notebook`` placed in ``workdir``; yields ``(base_url, token)``."""
    shutil.copy(notebook, workdir / notebook.name)
    port, token = free_port(), secrets.token_hex(16)
    log_path = workdir / "voila.log"
    env = {**os.environ, "MPLBACKEND": "Agg", "JUPYTER_PLATFORM_DIRS": "1"}
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [str(VOILA), notebook.name, "--no-browser", f"--port={port}",
             "--Voila.ip=127.0.0.1", f"--token={token}", "--show_tracebacks=True"],
            cwd=workdir, stdout=log, stderr=subprocess.STDOUT, env=env)
        base = f"http://127.0.0.1:{port}/"
        try:
            _wait_until_up(base, proc, log_path)
            yield base, token
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
