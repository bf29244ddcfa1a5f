"""Execute chapter notebooks in place and keep only the outputs nbval checks.

Usage: python tools/refresh_notebook.py book/structure.ipynb [more.ipynb ...]
       python tools/refresh_notebook.py --strip-only book/*.ipynb

Cells tagged ``nbval-check-output`` keep their (fresh) outputs and get execution counts
1, 2, 3, ... (nbval only compares cells that carry a count, and numbering them in order keeps
diffs stable); every other cell is committed without outputs or counts. nbval reads the tag,
so the code a reader sees carries no test marker. Add the tag in JupyterLab (the property
inspector) or with ``--tag``: ``python tools/refresh_notebook.py --tag 12 book/x.ipynb``
tags code cell 12 (counting every cell from 0) before executing.
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

TAG = "nbval-check-output"


def is_checked(cell) -> bool:
    """Whether nbval compares this cell's output (the cell carries the tag)."""
    return cell.cell_type == "code" and TAG in cell.metadata.get("tags", [])


def strip(nb):
    """Keep outputs only in checked cells, numbered in order; drop widget state."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.execution_count = None
        if not is_checked(cell):
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
    parser.add_argument("--tag", type=int, action="append", default=[], metavar="INDEX",
                        help="tag cell INDEX (0-based, all cells) nbval-check-output first")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        for index in args.tag:
            cell = nb.cells[index]
            if cell.cell_type != "code":
                parser.error(f"{path}: cell {index} is a {cell.cell_type} cell, not code")
            tags = cell.metadata.setdefault("tags", [])
            if TAG not in tags:
                tags.append(TAG)
        if not args.strip_only:
            NotebookClient(nb, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        nbformat.write(strip(nb), path)
        print(f"refreshed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
