"""The repository URL is set once (``repository.url`` in _config.yml) and everything that
names the repository follows it: the setup cell of every notebook, the README badges, the
published book's address (tools/repo_url.py). The launch buttons of the built pages are
checked in tests/browser/test_repo_links.py.
"""
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import repo_url  # noqa: E402
import setup_cell  # noqa: E402

REPO = repo_url.repository()
SKIP_DIRS = {".git", ".venv", "node_modules", "_build", ".pytest_cache", ".hypothesis",
             "__pycache__"}
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".json", ".ipynb", ".js",
                 ".css", ".html", ".cfg", ".bib", ""}


def test_repository_is_parsed_from_the_config():
    assert REPO["url"] == f"https://github.com/{REPO['owner']}/{REPO['name']}"
    assert REPO["pages"] == f"https://{REPO['owner'].lower()}.github.io/{REPO['name']}/"
    assert REPO["branch"] == repo_url.load_config()["repository"]["branch"]


def test_readme_badges_follow_the_config():
    assert repo_url.readme_badges() == repo_url.badges(), (
        "README.md's badges are stale: run `python tools/repo_url.py --readme`")
    block = repo_url.readme_badges()
    actions = f"{REPO['url']}/actions/workflows/book.yml"
    assert f"({actions}/badge.svg?branch=main)]({actions})" in block
    assert f"/v2/gh/{REPO['owner']}/{REPO['name']}/main?" in block
    assert f"/github/{REPO['owner']}/{REPO['name']}/blob/main/book/" in block
    assert f"<{REPO['pages']}>" in block
    assert repo_url.main(["--check"]) == 0


def test_everything_follows_a_new_url(tmp_path):
    """Change repository.url: the badges, the setup cell and the Pages address change."""
    config = tmp_path / "_config.yml"
    config.write_text((ROOT / "_config.yml").read_text().replace(
        REPO["url"], "https://github.com/Someone/other-course"))
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\nText.\n")
    assert repo_url.write_readme(readme, config)
    text = readme.read_text()
    assert text.startswith("# Title\n\n<!-- badges")
    assert "Someone/other-course" in text and REPO["url"] not in text
    assert "<https://someone.github.io/other-course/>" in text
    assert not repo_url.write_readme(readme, config)  # already up to date
    cell = setup_cell.setup_source(repo_url.repository_url(config))
    assert "git+https://github.com/Someone/other-course" in cell


@pytest.mark.parametrize("url", ["https://gitlab.com/a/b", "github.com/a/b", "https://github.com/a"])
def test_a_url_that_is_not_a_github_repository_is_refused(tmp_path, url):
    config = tmp_path / "_config.yml"
    config.write_text((ROOT / "_config.yml").read_text().replace(REPO["url"], url))
    with pytest.raises(ValueError, match="https://github.com/OWNER/NAME"):
        repo_url.repository(config)


@pytest.mark.parametrize("path", sorted(ROOT.glob("book/*.ipynb")), ids=lambda p: p.name)
def test_setup_cells_install_from_the_config_url(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].source == setup_cell.setup_source(REPO["url"])


def _files():
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        generated = set(parts) & SKIP_DIRS or any(p.endswith(".egg-info") for p in parts)
        if path.is_file() and not generated and path.suffix in TEXT_SUFFIXES:
            yield path


def test_the_url_is_written_nowhere_else():
    """Only _config.yml holds the URL; the README's generated badges and the notebooks'
    generated setup cells repeat it, and nothing else does."""
    needles = [f"github.com/{REPO['owner']}/{REPO['name']}", REPO["pages"].split("//")[1]]
    found = []
    for path in _files():
        text = path.read_text(errors="ignore")
        if path.name == "_config.yml" and path.parent == ROOT:
            continue
        if path == ROOT / "README.md":
            text = text.replace(repo_url.readme_badges() or "", "")
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            text = "\n".join(c.source for c in nb.cells[1:])  # the setup cell is generated
        found += [f"{path.relative_to(ROOT)}: {n}" for n in needles if n in text]
    assert not found, f"the repository URL is repeated outside _config.yml: {found}"
