"""tools/a11y_fixes.py and its template overrides: the markup our dependencies generate is
rewritten as intended, and the overrides still match the theme they replace. (axe-core on
the built pages, tests/browser/test_accessibility.py, checks the result.)"""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import a11y_fixes  # noqa: E402
import offline_assets  # noqa: E402


def test_citations_become_list_items():
    body = ('<div role="list" class="citation-list">\n'
            '<div class="citation" id="id1" role="doc-biblioentry">A</div>\n'
            '<div class="citation" id="id2" role="doc-biblioentry">B</div></div>')
    fixed = a11y_fixes.fix_body(body)
    assert fixed.count('role="listitem"') == 2 and "doc-biblioentry" not in fixed


def test_hidden_cell_toggle_is_named_by_its_text():
    body = ('<details class="hide above-input">\n<summary aria-label="Toggle hidden content">\n'
            '<span class="collapsed">Show code cell source</span></summary>')
    fixed = a11y_fixes.fix_body(body)
    assert "<summary>\n<span" in fixed and "aria-label" not in fixed


def test_other_markup_is_left_alone():
    body = '<button aria-label="Copy">x</button><div role="list"><p role="note">n</p></div>'
    assert a11y_fixes.fix_body(body) == body


def test_the_generated_markup_is_what_the_fixes_expect():
    """If docutils or MyST-NB change their markup, a fix silently stops matching: check the
    installed versions still generate the strings we replace."""
    import docutils.writers._html_base as html_base
    import myst_nb.sphinx_ as myst_sphinx

    writer = Path(html_base.__file__).read_text()
    assert "doc-biblioentry" in writer
    assert '<summary aria-label="Toggle hidden content">' in Path(myst_sphinx.__file__).read_text()


THEME = Path(__import__("pydata_sphinx_theme").__file__).parent / "theme" / \
    "pydata_sphinx_theme" / "components"


@pytest.mark.parametrize("name", ["search-button-field.html", "search-button.html",
                                  "theme-switcher.html"])
def test_template_overrides_follow_the_theme(name):
    """Our copy keeps the theme's markup, classes and JavaScript hooks; only the names and
    the icons' aria-hidden change."""
    ours = (a11y_fixes.TEMPLATES / name).read_text()
    theirs = (THEME / name).read_text()

    def tags(text):
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
        return [re.sub(r'\s+(aria-label|aria-hidden|title)="[^"]*"', "", t)
                for t in re.findall(r"<[a-z][^>]*>", text)]

    assert [re.sub(r"\s+", " ", t) for t in tags(ours)] == [
        re.sub(r"\s+", " ", t) for t in tags(theirs)]
    assert all('aria-hidden="true"' in icon for icon in re.findall(r"<i [^>]*>", ours))


def test_search_field_is_named_by_what_it_shows():
    ours = (a11y_fixes.TEMPLATES / "search-button-field.html").read_text()
    button = re.search(r"<button[^>]*>", ours).group(0)
    assert "aria-label" not in button


def test_the_stylesheet_is_served_with_the_book():
    assert "a11y.css" in offline_assets.OWN
    assert (ROOT / "book" / "_assets" / "a11y.css").is_file()
    assert a11y_fixes.CSS == f"{offline_assets.VENDOR}/a11y.css"
