"""Root pytest configuration (book machinery).

The browser tests in tests/browser/ need the built book (``_build/html``) and Chromium, so
they run in their own stage of ``make test`` (after the book build), with
``pytest tests/browser``. A plain ``pytest tests`` (``make test-unit``) does not collect
them: they are not skipped, they simply belong to the other stage.
"""
from pathlib import Path

BROWSER_DIR = (Path(__file__).parent / "tests" / "browser").resolve()


def _asks_for_browser_tests(config) -> bool:
    for arg in config.args:
        path = Path(str(arg).split("::")[0]).resolve()
        if path == BROWSER_DIR or BROWSER_DIR in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path, config):
    path = Path(collection_path).resolve()
    if (path == BROWSER_DIR or BROWSER_DIR in path.parents) and not _asks_for_browser_tests(config):
        return True
    return None
