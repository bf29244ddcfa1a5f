"""Static checks of the book's sources (fast; no build, no kernel).

- every file in _toc.yml exists, and every page under book/ is in _toc.yml;
- every notebook starts with the standard setup cell (tools/setup_cell.py), whose install
  URL is the repository URL set in _config.yml;
- committed notebooks carry outputs (and execution counts, so nbval compares them) only in
  cells tagged "nbval-check-output", and no widget state, and have exactly one "# Title";
- no page shows test machinery: nbval reads cell tags, so no source mentions NBVAL;
- the configuration keeps the settings the course relies on.
"""
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
sys.path.insert(0, str(ROOT / "tools"))
import api_modules  # noqa: E402
import setup_cell  # noqa: E402

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())
CHECK_TAG = "nbval-check-output"
PAGE_SUFFIXES = (".md", ".ipynb")


def toc_files(node=TOC):
    """Every document named in the TOC (``root`` and each ``file:``), without suffix."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("root", "file"):
                found.append(value)
            else:
                found += toc_files(value)
    elif isinstance(node, list):
        for item in node:
            found += toc_files(item)
    return found


def book_pages():
    """Every page source under book/ (assets and checkpoints excluded)."""
    return sorted(p for p in BOOK.rglob("*") if p.suffix in PAGE_SUFFIXES
                  and not any(part.startswith(("_", ".")) for part in p.relative_to(BOOK).parts))


NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))


def _source(doc: str) -> Path | None:
    matches = [ROOT / (doc + s) for s in PAGE_SUFFIXES if (ROOT / (doc + s)).is_file()]
    return matches[0] if len(matches) == 1 else None


# -- table of contents -------------------------------------------------------------------
@pytest.mark.parametrize("doc", toc_files())
def test_every_toc_entry_exists(doc):
    assert not Path(doc).suffix, f"write TOC entries without suffix: {doc}"
    assert _source(doc) is not None, f"_toc.yml lists {doc}, but no single {doc}.md/.ipynb exists"


def test_every_page_is_in_the_toc():
    listed = set(toc_files())
    missing = [str(p.relative_to(ROOT)) for p in book_pages()
               if str(p.relative_to(ROOT).with_suffix("")) not in listed]
    assert not missing, f"pages not in _toc.yml (they would not be built): {missing}"


def test_toc_has_no_duplicates():
    files = toc_files()
    assert len(files) == len(set(files))


# -- notebooks ---------------------------------------------------------------------------
def test_there_are_notebooks():
    assert BOOK / "explorers.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_with_the_setup_cell(path):
    nb = nbformat.read(path, as_version=4)
    assert setup_cell.has_setup_cell(nb), (
        f"{path.name}: the first cell must be the setup cell; run "
        f"`.venv/bin/python tools/setup_cell.py book/{path.name}`")
    url = CONFIG["repository"]["url"].rstrip("/")
    assert f"git+{url}" in nb.cells[0].source
    assert "remove-cell" in nb.cells[0].metadata["tags"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_outputs_only_in_checked_cells(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = f"{path.name} cell {i} ({cell.source[:40]!r})"
        checked = CHECK_TAG in cell.metadata.get("tags", [])
        if cell.outputs:
            assert checked, (
                f"{where} has outputs but no {CHECK_TAG} tag; run "
                f"`.venv/bin/python tools/refresh_notebook.py book/{path.name}`")
            kinds = {o.output_type for o in cell.outputs}
            assert "error" not in kinds, f"{where}: committed output is an error"
            assert not any("image/png" in o.get("data", {}) for o in cell.outputs), (
                f"{where}: checked cells print numbers; figures are not committed")
        if checked:
            assert cell.outputs, f"{where}: a checked cell needs its committed output"
            assert cell.execution_count is not None, (
                f"{where}: nbval compares only cells with an execution count; run "
                f"`.venv/bin/python tools/refresh_notebook.py book/{path.name}`")
        else:
            assert cell.execution_count is None, f"{where}: unchecked cells carry no count"
    assert "widgets" not in nb.metadata, f"{path.name}: widget state must not be committed"


@pytest.mark.parametrize("path", book_pages(), ids=lambda p: p.name)
def test_no_page_shows_test_markers(path):
    # nbval reads the cell tag nbval-check-output; a "# NBVAL_..." comment in a cell would
    # be rendered in the book as if it were part of the code a learner writes.
    text = path.read_text()
    if path.suffix == ".ipynb":
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "NBVAL_" not in text, f"{path.name} shows an nbval marker to readers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_checked_cells_are_tagged_for_nbval(path):
    nb = nbformat.read(path, as_version=4)
    checked = [c for c in nb.cells if CHECK_TAG in c.metadata.get("tags", [])]
    assert all(c.cell_type == "code" for c in checked), f"{path.name}: tagged a markdown cell"
    assert path.name == "explorers.ipynb" or len(checked) >= 3, (
        f"{path.name}: a chapter checks the numbers its prose quotes (tag the cells)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_one_title(path):
    nb = nbformat.read(path, as_version=4)
    titles = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = re.sub(r"^(```|~~~).*?^\1", "", cell.source, flags=re.S | re.M)
            titles += re.findall(r"^# \S.*$", text, flags=re.M)
    assert len(titles) == 1, f"{path.name}: expected exactly one '# Title', found {titles}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_kernel_is_python3(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


# -- setup cell tool ---------------------------------------------------------------------
def test_setup_cell_tool_inserts_and_updates(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T")])
    assert setup_cell.ensure_setup_cell(nb)
    assert setup_cell.has_setup_cell(nb) and len(nb.cells) == 2
    assert not setup_cell.ensure_setup_cell(nb)  # idempotent
    nb.cells[0].source = nb.cells[0].source.replace("mlpcourse/mlpcourse", "old/url")
    nb.cells.insert(0, nb.cells.pop(0))
    assert setup_cell.ensure_setup_cell(nb) and len(nb.cells) == 2
    assert setup_cell.has_setup_cell(nb)
    path = tmp_path / "n.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), path)
    assert setup_cell.main(["--check", str(path)]) == 1
    assert setup_cell.main([str(path)]) == 0
    assert setup_cell.main(["--check", str(path)]) == 0


def test_setup_cell_installs_only_where_missing():
    src = setup_cell.setup_source()
    assert re.search(r"try:\n    import mlpcourse\nexcept ImportError:\n    %pip install", src)


# -- configuration -----------------------------------------------------------------------
def test_repository_url_is_set_in_one_place():
    url = CONFIG["repository"]["url"]
    assert url == setup_cell.repository_url()
    for path in [*BOOK.glob("*.md"), *(ROOT / "tools").glob("*.py"), ROOT / "_toc.yml"]:
        assert url not in path.read_text(), f"{path.name} repeats the repository URL"


def test_config_executes_everything_and_fails_on_errors():
    assert CONFIG["execute"]["execute_notebooks"] == "force"
    assert CONFIG["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    assert CONFIG["only_build_toc_files"] is True
    buttons = CONFIG["launch_buttons"]
    assert buttons["binderhub_url"] and buttons["colab_url"] and buttons["thebe"]
    assert CONFIG["html"]["use_repository_button"]
    for ext in ("sphinx_exercise", "sphinx.ext.autodoc", "sphinx.ext.napoleon"):
        assert ext in CONFIG["sphinx"]["extra_extensions"]


def test_no_cdn_in_config():
    """MathJax, RequireJS and the widgets manager come from node_modules, not a CDN."""
    cfg = CONFIG["sphinx"]["config"]
    assert not re.match(r"(https?:)?//", cfg["mathjax_path"])
    assert all(not re.match(r"(https?:)?//", js) for js in cfg["nb_ipywidgets_js"])
    assert not (ROOT / "_static").exists(), "no top-level _static: Jupyter Book would inject it"


def test_npm_packages_are_pinned_and_locked():
    pkg = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for name, version in pkg["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned exactly"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_references_have_the_core_papers():
    bib = (BOOK / "references.bib").read_text()
    for key in ("rumelhart1986learning", "glorot2010understanding", "he2015delving",
                "lecun1998efficient", "baydin2018automatic"):
        assert re.search(rf"@\w+\{{{key},", bib), key
    assert "G{\\'e}ron" in bib
    keys = re.findall(r"@\w+\{([^,]+),", bib)
    assert len(keys) == len(set(keys)), "duplicate BibTeX keys"


# -- API reference -----------------------------------------------------------------------
def test_api_reference_lists_every_public_module():
    modules = api_modules.public_modules()
    assert modules[:2] == ["mlpcourse.mlp", "mlpcourse.activations"]
    assert "mlpcourse.explorers" in modules
    assert not any(m.split(".")[-1].startswith("_") for m in modules)


def test_api_reference_escapes_absolute_value_bars_outside_literals():
    lines = ["stable for large |z|.", "``a|b|c`` stays", "| a | table |"]
    api_modules.escape_bars(None, "function", "f", None, {}, lines)
    assert lines == ["stable for large \\|z\\|.", "``a|b|c`` stays", "| a | table |"]
