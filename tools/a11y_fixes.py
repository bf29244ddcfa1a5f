"""Sphinx extension: accessibility fixes for markup that our dependencies generate.

axe-core (tests/browser/test_accessibility.py) checks every built page against WCAG 2.0/2.1
A and AA. Where a violation comes from the theme, docutils or MyST-NB, it is fixed here,
from our side, each fix with the reason:

- The theme's search and colour-mode buttons: template overrides in
  ``book/_assets/templates/`` (searched before the theme's own templates).
- Our stylesheet ``book/_assets/a11y.css`` (link contrast, explorer controls at narrow
  widths, visible focus), copied by tools/offline_assets.py.
- Markup of the page body, rewritten by :func:`fix_body` (see ``BODY_FIXES``).
- The widgets (slider names, announced values): book/_assets/widgets-setup.js.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "book" / "_assets" / "templates"
CSS = "offline/a11y.css"  # below _static/, copied there by tools/offline_assets.py

#: (markup as generated, markup we serve, why). Exact strings: a dependency upgrade that
#: changes the markup makes the fix a no-op, and the axe test then reports the violation.
BODY_FIXES = [
    # docutils 0.21 marks each citation role="doc-biblioentry", a DPUB-ARIA role deprecated
    # in DPUB-ARIA 1.1 (axe: aria-deprecated-role), inside a <div role="list">, which then
    # has no list items (axe: aria-required-children, critical). A list item it is.
    ('role="doc-biblioentry"', 'role="listitem"',
     "citations are the items of the citation list"),
    # MyST-NB 1.4 names the toggle of a hidden cell "Toggle hidden content" while it shows
    # "Show code cell source" (axe: label-content-name-mismatch, WCAG 2.5.3 Label in Name).
    # Without the aria-label, the summary is named by the text it shows.
    ('<summary aria-label="Toggle hidden content">', "<summary>",
     "a hidden cell's toggle is named by the text it shows"),
]


def fix_body(body: str) -> str:
    """Apply every fix of ``BODY_FIXES`` to the HTML of a page body."""
    for generated, served, _why in BODY_FIXES:
        body = body.replace(generated, served)
    return body


def _on_page_context(app, pagename, templatename, context, doctree):
    if isinstance(context.get("body"), str):
        context["body"] = fix_body(context["body"])


def _add_templates(app, config):
    # First in the search path: before the theme's components, which pydata-sphinx-theme
    # appends to templates_path when it is set up.
    config.templates_path.insert(0, str(TEMPLATES))


def setup(app):
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _on_page_context, priority=950)
    app.add_css_file(CSS)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
