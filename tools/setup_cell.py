"""The standard first cell of every chapter notebook, and a command that inserts it.

The cell installs the ``mlpcourse`` package only where it is missing (Colab, a bare
Jupyter install) and does nothing where it is present (the local venv, Binder, nbval, the
book build). It is tagged ``remove-cell``, so the built book does not show it. The
repository URL comes from ``_config.yml`` (``repository.url``), the one place it is set.

Usage::

    python tools/setup_cell.py book/*.ipynb          # insert or update the cell
    python tools/setup_cell.py --check book/*.ipynb  # exit 1 if a notebook lacks it
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from repo_url import repository_url  # noqa: E402  (tools/ is on sys.path: same folder)

ROOT = Path(__file__).resolve().parent.parent
MARKER = "# mlpcourse setup:"
TAG = "remove-cell"

TEMPLATE = '''\
{marker} install the course package where it is missing (Colab, a bare Jupyter);
# where it is installed already (local venv, Binder) this cell does nothing.
try:
    import mlpcourse
except ImportError:
    %pip install --quiet "mlpcourse[book] @ git+{url}"
    import mlpcourse'''


def setup_source(url: str | None = None) -> str:
    """Source of the setup cell for the repository at ``url`` (default: from _config.yml)."""
    return TEMPLATE.format(marker=MARKER, url=url or repository_url())


def is_setup_cell(cell) -> bool:
    """True if ``cell`` is a setup cell (any version: it starts with the marker)."""
    return cell.get("cell_type") == "code" and cell.get("source", "").startswith(MARKER)


def has_setup_cell(nb, url: str | None = None) -> bool:
    """True if the notebook's first cell is the current setup cell, tagged ``remove-cell``."""
    if not nb.cells:
        return False
    first = nb.cells[0]
    return (is_setup_cell(first) and first.source == setup_source(url)
            and TAG in first.get("metadata", {}).get("tags", []))


def ensure_setup_cell(nb, url: str | None = None) -> bool:
    """Insert the setup cell first, or update an existing one; return True if changed."""
    import nbformat

    if has_setup_cell(nb, url):
        return False
    for i, cell in enumerate(nb.cells):
        if is_setup_cell(cell):  # stale or misplaced: remove it, then insert a fresh one
            del nb.cells[i]
            break
    cell = nbformat.v4.new_code_cell(setup_source(url), metadata={"tags": [TAG]})
    cell.pop("id", None)
    if nb.nbformat_minor >= 5:
        cell["id"] = "mlpcourse-setup"
    nb.cells.insert(0, cell)
    return True


def main(argv=None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true",
                        help="only check; exit 1 if a notebook lacks the current setup cell")
    args = parser.parse_args(argv)
    url = repository_url()
    bad = []
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if args.check:
            if not has_setup_cell(nb, url):
                bad.append(path)
        elif ensure_setup_cell(nb, url):
            nbformat.write(nb, path)
            print(f"setup cell written: {path}")
    for path in bad:
        print(f"{path}: first cell is not the setup cell; run "
              f"`python tools/setup_cell.py {path}`", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
