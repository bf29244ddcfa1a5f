"""The repository URL, set once as ``repository.url`` in ``_config.yml``, and what follows it.

- Sphinx extension: the MyST substitutions ``{{ repo_url }}`` (the bare URL) and
  ``{{ repo_link }}`` (a link to it), so that pages can mention it without repeating it.
  Jupyter Book passes the same key to the theme (``html_theme_options["repository_url"]``),
  which builds the launch buttons (Binder, Colab) and the repository button from it.
- tools/setup_cell.py installs the package from it in the first cell of every notebook.
- The README badges (tests, the published book, Binder, Colab) are generated from it::

      python tools/repo_url.py --readme   # rewrite the badges block of README.md
      python tools/repo_url.py --check    # exit 1 if the block does not match _config.yml

tests/test_repo_url.py checks that all of them agree.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "_config.yml"
TOC = ROOT / "_toc.yml"
README = ROOT / "README.md"
WORKFLOW = "book.yml"  # .github/workflows/book.yml: tests, and publishes the book
BADGES_START = "<!-- badges: written by `python tools/repo_url.py --readme` from _config.yml -->"
BADGES_END = "<!-- /badges -->"
GITHUB = re.compile(r"https://github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?")


def load_config(config: Path = CONFIG) -> dict:
    import yaml

    return yaml.safe_load(Path(config).read_text())


def repository_url(config: Path = CONFIG) -> str:
    """The repository URL set in the book's ``_config.yml`` (``repository.url``)."""
    return load_config(config)["repository"]["url"].rstrip("/")


def repository(config: Path = CONFIG) -> dict:
    """``{"url", "owner", "name", "branch", "pages"}`` of the repository in ``_config.yml``.

    ``pages`` is where .github/workflows/book.yml publishes the book (GitHub Pages).
    """
    url = repository_url(config)
    match = GITHUB.fullmatch(url)
    if not match:
        raise ValueError(f"repository.url in {config} must be https://github.com/OWNER/NAME "
                         f"(the workflow publishes to GitHub Pages), got {url!r}")
    owner, name = match["owner"], match["name"]
    branch = load_config(config)["repository"].get("branch", "main")
    return {"url": url, "owner": owner, "name": name, "branch": branch,
            "pages": f"https://{owner.lower()}.github.io/{name}/"}


def first_notebook(toc: Path = TOC) -> str:
    """The first notebook of the numbered chapters in the table of contents (else of any
    part), e.g. ``book/structure.ipynb``: where the README's Colab badge opens."""
    import yaml

    parts = yaml.safe_load(Path(toc).read_text()).get("parts", [])
    for part in sorted(parts, key=lambda part: not part.get("numbered")):
        for chapter in part.get("chapters", []):
            if (ROOT / (chapter["file"] + ".ipynb")).is_file():
                return chapter["file"] + ".ipynb"
    raise ValueError(f"{toc} lists no notebook")


def badges(config: Path = CONFIG, toc: Path = TOC) -> str:
    """The README's badges block (Markdown), from ``_config.yml``."""
    repo, cfg = repository(config), load_config(config)
    binder = cfg["launch_buttons"]["binderhub_url"].rstrip("/")
    colab = cfg["launch_buttons"]["colab_url"].rstrip("/")
    actions = f"{repo['url']}/actions/workflows/{WORKFLOW}"
    notebook = first_notebook(toc)
    lines = [
        BADGES_START,
        f"[![Tests and book]({actions}/badge.svg?branch={repo['branch']})]({actions})",
        f"[![Launch Binder]({binder}/badge_logo.svg)]"
        f"({binder}/v2/gh/{repo['owner']}/{repo['name']}/{repo['branch']}?urlpath=lab/tree/book)",
        f"[![Open in Colab]({colab}/assets/colab-badge.svg)]"
        f"({colab}/github/{repo['owner']}/{repo['name']}/blob/{repo['branch']}/{notebook})",
        "",
        f"**Read the book:** <{repo['pages']}>",
        BADGES_END,
    ]
    return "\n".join(lines)


def readme_badges(readme: Path = README) -> str | None:
    """The badges block of ``readme`` as it is, or None if it has none."""
    text = Path(readme).read_text()
    start, end = text.find(BADGES_START), text.find(BADGES_END)
    return text[start:end + len(BADGES_END)] if 0 <= start < end else None


def write_readme(readme: Path = README, config: Path = CONFIG) -> bool:
    """Replace the badges block of ``readme`` (after its title if it has none).

    Returns True if the file changed."""
    text = Path(readme).read_text()
    block, current = badges(config), readme_badges(readme)
    if current == block:
        return False
    if current is not None:
        text = text.replace(current, block)
    else:
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{block}\n{rest}"
    Path(readme).write_text(text)
    return True


# -- Sphinx extension ----------------------------------------------------------------------
def _add_substitution(app, config):
    url = config.html_theme_options.get("repository_url", "").rstrip("/")
    config.myst_substitutions = {**config.myst_substitutions, "repo_url": url,
                                 "repo_link": f"[{url}]({url})"}


def setup(app):
    app.connect("config-inited", _add_substitution, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="README badges from _config.yml")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--readme", action="store_true", help="rewrite README.md's badges")
    group.add_argument("--check", action="store_true", help="exit 1 if they are stale")
    args = parser.parse_args(argv)
    if args.check:
        if readme_badges() != badges():
            print("README.md's badges do not follow repository.url of _config.yml: run "
                  "`python tools/repo_url.py --readme`", file=sys.stderr)
            return 1
        return 0
    print("README.md badges " + ("written" if write_readme() else "already up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
