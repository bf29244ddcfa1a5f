"""Execute chapter notebooks in place and keep only the outputs nbval checks.

Usage: python tools/refresh_notebook.py book/structure.ipynb [more.ipynb ...]
       python tools/refresh_notebook.py --strip-only book/*.ipynb

Cells whose source contains ``# NBVAL_CHECK_OUTPUT`` keep their (fresh) outputs and get
execution counts 1, 2, 3, ... (nbval only compares cells that carry a count, and numbering
them in order keeps diffs stable); every other cell is committed without outputs or counts.
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARK = "# NBVAL_CHECK_OUTPUT"


def strip(nb):
    """Keep outputs only in marked cells, numbered in order; drop widget state."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        if MARK not in cell.source:
            cell.outputs = []
        elif cell.outputs:
            count += 1
            cell.execution_count = count
        for out in cell.get("outputs", []):
            if "execution_count" in out:
                out["execution_count"] = cell.execution_count
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--strip-only", action="store_true", help="do not execute, only strip")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if not args.strip_only:
            NotebookClient(nb, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        nbformat.write(strip(nb), path)
        print(f"refreshed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
