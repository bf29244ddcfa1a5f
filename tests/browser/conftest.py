"""Fixtures of the browser tests: the built book served on 127.0.0.1, Debian's Chromium
driven by Playwright, and pages opened with every request outside the book blocked.

Run after the book build: ``make test-browser`` (or ``pytest tests/browser``). The book is
read from ``_build/html`` (override with the ``MLPCOURSE_BOOK_HTML`` environment variable).
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("MLPCOURSE_BOOK_HTML", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("MLPCOURSE_CHROMIUM", "/usr/bin/chromium")

# Console messages of type "error" that are known and harmless. Each entry says why.
# Everything else logged as an error, and every uncaught exception, fails the test.
ALLOWED_CONSOLE_ERRORS = [
    # pydata-sphinx-theme reads the reader's saved light/dark choice from localStorage; a
    # fresh browser profile has none, so it logs this and falls back to "auto".
    re.compile(r"^Got invalid theme mode: \. Resetting to auto\.$"),
]


WIDGET_STATE = re.compile(
    r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', re.S)


def expected_explorers(html: str) -> int:
    """Number of explorers in a page's embedded widget state (root boxes with our class)."""
    count = 0
    for block in WIDGET_STATE.findall(html):
        state = json.loads(block).get("state", {})
        count += sum("mlpcourse-explorer" in (m.get("state", {}).get("_dom_classes") or [])
                     for m in state.values())
    return count


def settle(page, html: str, timeout: float = 30_000) -> None:
    """Wait until a page is what a reader sees: math typeset, every explorer rendered.

    Raises playwright's TimeoutError if either does not happen within ``timeout`` ms.
    """
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll(".math"))
             .every((m) => m.querySelector("mjx-container"))""", timeout=timeout)
    n = expected_explorers(html)
    if n:
        page.wait_for_function(
            f"() => document.querySelectorAll('.mlpcourse-explorer').length >= {n}",
            timeout=timeout)


#: Test modules whose tests take a minute or more each (a whole book per layout, a Voilà
#: kernel, a chapter's exercises). They run first, so that with two workers (make
#: test-browser) neither is left alone with a long test at the end while the other idles.
LONG_FIRST = ("test_layout.py", "test_playground_live.py", "test_live_kernel.py",
              "test_static_exercises.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name not in LONG_FIRST)  # a stable sort


def book_pages() -> list[str]:
    """Every HTML page of the built book, relative to its root (assets excluded)."""
    if not BOOK_HTML.is_dir():
        return []
    skip = {"_static", "_sources", "_images", "_sphinx_design_static", "_panels_static"}
    return sorted(p.relative_to(BOOK_HTML).as_posix() for p in BOOK_HTML.rglob("*.html")
                  if not skip.intersection(p.relative_to(BOOK_HTML).parts))


#: The highlighted source of each module (sphinx.ext.viewcode): some forty pages made by one
#: template. Each check visits them in one browser tab (axe, the slowest, in two halves),
#: rather than one test and one fresh browser context per page: half the time.
SOURCE_PREFIX = "_modules/"


def split_pages(pages: list[str]) -> tuple[list[str], list[str]]:
    """``(text pages, source pages)``: the pages tested one by one, and the rest."""
    return ([p for p in pages if not p.startswith(SOURCE_PREFIX)],
            [p for p in pages if p.startswith(SOURCE_PREFIX)])


def visit_each(browser, base_url: str, paths: list[str], book_dir: Path):
    """Open ``paths`` one after the other in one offline tab; yield ``(path, page, html,
    log)`` once each has loaded and settled (``log``: the tab's :class:`PageLog`)."""
    page, log = open_offline(browser, base_url + paths[0], base_url)
    try:
        for k, path in enumerate(paths):
            if k:
                page.goto(base_url + path, wait_until="load")
            html = (book_dir / path).read_text(encoding="utf-8")
            settle(page, html)
            yield path, page, html, log
    finally:
        page.context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="session")
def book_dir() -> Path:
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"no built book in {BOOK_HTML}: run `make test-book` (or `make book`) "
                    "before the browser tests", pytrace=False)
    return BOOK_HTML


@pytest.fixture(scope="session")
def base_url(book_dir):
    """The built book served by a static file server on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(book_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (installs Debian's chromium)",
                    pytrace=False)
    with sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@dataclass
class PageLog:
    """What happened while a page was open."""

    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    failed: list = field(default_factory=list)

    def unexpected_errors(self) -> list[str]:
        errors = [m for m in self.console_errors
                  if not any(rx.search(m) for rx in ALLOWED_CONSOLE_ERRORS)]
        return errors + [f"uncaught: {e}" for e in self.page_errors]


def open_offline(browser, url: str, allowed_prefix: str, timeout: float = 180_000,
                 **goto):
    """Open ``url`` in a fresh context where requests outside ``allowed_prefix`` are
    aborted (and recorded); return ``(page, log)``.

    ``timeout`` (ms) bounds the page load. It is generous: a Voila page finishes loading
    only once its notebook has run, which takes minutes on a busy 2-core machine.
    ``goto`` overrides ``page.goto``'s other options (``wait_until``)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    log = PageLog()

    def route(r):
        if r.request.url.startswith(allowed_prefix) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.on("response", lambda r: log.failed.append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    page.goto(url, **{"wait_until": "load", "timeout": timeout, **goto})
    return page, log
