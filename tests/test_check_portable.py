"""tools/check_portable.py (``make check-portable``): it runs nbval under the OpenBLAS kernel
and thread count it is given, and names every checked cell whose output differs."""
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import check_portable  # noqa: E402

SOURCE = "import numpy as np\nprint(np.ones((3, 3)).sum())"


def _notebook(path: Path, printed: str) -> Path:
    cell = nbformat.v4.new_code_cell(SOURCE, metadata={"tags": ["nbval-check-output"]})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    cell.execution_count = 1
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                              "language": "python"}
    nbformat.write(nb, path)
    return path


def test_environment_sets_kernel_and_every_thread_variable():
    env = check_portable.environment("Sandybridge", 1)
    assert env["OPENBLAS_CORETYPE"] == "Sandybridge"
    assert all(env[v] == "1" for v in check_portable.THREAD_VARIABLES)
    assert "PYTHONPATH" not in env


def test_the_kernel_asked_for_is_the_kernel_in_use():
    env = check_portable.environment("Sandybridge", 1)
    assert check_portable.blas_in_use(env).startswith("Sandybridge x1")


def test_reports_a_changed_cell_and_passes_an_unchanged_one(tmp_path, capsys):
    good = _notebook(tmp_path / "good.ipynb", "9.0\n")
    bad = _notebook(tmp_path / "bad.ipynb", "9.5\n")
    code = check_portable.main(["--kernels", "Prescott", "--threads", "1", "--jobs", "1",
                                str(good), str(bad)])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 cell(s) print something else" in out
    assert "bad.ipynb::Cell 0: under Prescott, 1 thread" in out
    assert "good.ipynb" not in out.split("print something else")[1]
