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


# -- nbval and checked cells without execution counts ----------------------------------
# Chapter notebooks are committed with outputs only in "# NBVAL_CHECK_OUTPUT" cells and
# with every execution count cleared (tools/refresh_notebook.py). nbval refuses a cell that
# has outputs but no execution count ("Unrun reference cell has outputs"), so, as nbval
# reads a notebook, give each checked cell with outputs a count: its outputs are then the
# reference nbval compares with. Cells without the mark are untouched.
CHECK_MARK = "# NBVAL_CHECK_OUTPUT"


def _mark_checked_cells_as_run(nb):
    for cell in nb.cells:
        if (cell.cell_type == "code" and CHECK_MARK in cell.source and cell.outputs
                and cell.get("execution_count") is None):
            cell.execution_count = 1
    return nb


def pytest_configure(config):
    try:
        import nbformat
        from nbval import plugin
    except ImportError:
        return
    if getattr(plugin.nbformat, "_mlpcourse_proxy", False):
        return

    class _Nbformat:
        _mlpcourse_proxy = True

        def __getattr__(self, name):
            return getattr(nbformat, name)

        @staticmethod
        def read(*args, **kwargs):
            return _mark_checked_cells_as_run(nbformat.read(*args, **kwargs))

    plugin.nbformat = _Nbformat()
