"""nbval is more than "the notebook runs": it compares the outputs of the cells tagged
``nbval-check-output`` with the committed ones, so a broken package function fails it.

A tiny notebook with one checked cell is run by nbval in a subprocess twice: against the
real package (passes) and against a copy of the package with one function deliberately
broken, put first on PYTHONPATH (fails, on the output comparison).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]

CHECKED = """import numpy as np
from mlpcourse.activations import sigmoid
print(np.round(sigmoid(np.array([0.0, 1.0, -2.0])), 4))"""
EXPECTED = "[0.5    0.7311 0.1192]\n"

BREAK = """

# --- deliberately broken by tests/test_notebooks_nbval.py ---
_real_sigmoid = sigmoid


def sigmoid(z):
    return _real_sigmoid(z) + 0.01
"""


def _notebook(path: Path, expected: str = EXPECTED, count: int | None = 1) -> Path:
    cell = nbformat.v4.new_code_cell(CHECKED, metadata={"tags": ["nbval-check-output"]})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=expected)]
    cell.execution_count = count  # nbval only compares the outputs of cells that have run
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Check"), cell])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                              "language": "python"}
    nbformat.write(nb, path)
    return path


def _nbval(notebook: Path, pythonpath: str | None = None, *extra: str):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["MPLBACKEND"] = "Agg"
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "--nbval-lax", "--nbval-current-env", "--rootdir", str(notebook.parent), *extra,
         str(notebook)],
        cwd=notebook.parent, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def broken_package(tmp_path):
    target = tmp_path / "broken" / "mlpcourse"
    shutil.copytree(ROOT / "mlpcourse", target,
                    ignore=shutil.ignore_patterns("__pycache__"))
    with open(target / "activations.py", "a") as f:
        f.write(BREAK)
    return target.parent


def test_nbval_passes_with_the_real_package_and_fails_with_a_broken_one(tmp_path,
                                                                         broken_package):
    nb = _notebook(tmp_path / "checked.ipynb")
    good = _nbval(nb)
    assert good.returncode == 0, good.stdout + good.stderr

    bad = _nbval(nb, pythonpath=str(broken_package))
    assert bad.returncode != 0, "nbval did not notice the broken sigmoid:\n" + bad.stdout
    # It fails on the comparison of the checked output, not on an exception.
    assert "Cell outputs differ" in bad.stdout and "mismatch 'stdout'" in bad.stdout, bad.stdout
    assert "0.51" in bad.stdout, bad.stdout


def test_an_untagged_cell_is_not_compared(tmp_path, broken_package):
    # The tag, not a comment, is what makes nbval compare: without it, --nbval-lax only
    # checks that the cell runs, so the broken sigmoid goes unnoticed.
    nb_path = _notebook(tmp_path / "unchecked.ipynb")
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[1].metadata.pop("tags")
    nbformat.write(nb, nb_path)
    bad = _nbval(nb_path, pythonpath=str(broken_package))
    assert bad.returncode == 0, bad.stdout + bad.stderr
