"""The built pages' launch buttons and repository links follow ``repository.url`` of
_config.yml (the one place it is set; see tests/test_repo_url.py for the rest)."""
from __future__ import annotations

import re
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import repo_url  # noqa: E402

REPO = repo_url.repository()
CONFIG = repo_url.load_config()
NOTEBOOKS = sorted(p.stem for p in (ROOT / "book").glob("*.ipynb"))


def links(html: str) -> set[str]:
    return set(re.findall(r'href="(https?://[^"]+)"', html))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_launch_buttons_open_this_repository(name, book_dir):
    page = book_dir / "book" / f"{name}.html"
    assert page.is_file(), f"{page} was not built"
    found = links(page.read_text(encoding="utf-8"))
    binder = CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")
    colab = CONFIG["launch_buttons"]["colab_url"].rstrip("/")
    owner, repo, branch = REPO["owner"], REPO["name"], REPO["branch"]
    expected = {
        f"{binder}/v2/gh/{owner}/{repo}/{branch}?urlpath=lab/tree/book/{name}.ipynb",
        f"{colab}/github/{owner}/{repo}/blob/{branch}/book/{name}.ipynb",
        REPO["url"],
    }
    assert expected <= found, f"missing {expected - found}"
    # Every launch link (Binder, Colab) names this repository and no other. (Links to other
    # projects on GitHub, in the text, are fine.)
    launch = [u for u in found if u.startswith((binder + "/", colab + "/"))]
    others = [u for u in launch if f"{owner}/{repo}" not in u]
    assert not others, f"links to another repository: {others}"
