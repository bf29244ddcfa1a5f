"""axe-core on every page of the built book: no serious or critical WCAG 2.0/2.1 A or AA
violation.

axe-core is pinned in package.json (a devDependency, installed by ``npm ci``) and injected
into each page as an inline script, so the run needs no network: the page is opened with
every request outside the book blocked, like the other browser tests. The page is checked as
a reader sees it: math typeset and every explorer rendered (the widgets' DOM is where the
slider handles and buttons live). Where a violation comes from a dependency (the theme,
ipywidgets), the fix is ours: see tools/a11y_fixes.py, book/_assets/a11y.css and
book/_assets/widgets-setup.js.
"""
from __future__ import annotations

import re

import pytest

from .conftest import ROOT, book_pages, open_offline, settle, split_pages, visit_each

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The rule sets of WCAG 2.0 and 2.1, levels A and AA (axe-core's tags).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Impacts that fail the test. "moderate" and "minor" are reported by axe but do not fail.
FAILING = ("serious", "critical")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {
    version: axe.version,
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({target: n.target.join(" "), impact: n.impact,
                                  html: n.html.replace(/\\s+/g, " ").slice(0, 200)})),
    })),
  };
}"""


def run_axe(page) -> dict:
    """Inject axe-core (inline, no request) and run the WCAG 2.0/2.1 A+AA rules."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make assets` (npm ci installs axe-core)",
                    pytrace=False)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def serious(violations: list[dict]) -> list[dict]:
    """The violations that fail the test, keeping only their serious or critical nodes."""
    found = []
    for v in violations:
        nodes = [n for n in v["nodes"] if (n["impact"] or v["impact"]) in FAILING]
        if nodes:
            found.append({**v, "nodes": nodes})
    return found


def describe(path: str, violations: list[dict]) -> str:
    """One line per element: page, impact, rule, what the rule asks, element and its HTML."""
    return "\n".join(f"{path}: [{n['impact'] or v['impact']}] {v['id']} ({v['help']}): "
                     f"{n['target']}  {n['html']}" for v in violations for n in v["nodes"])


PAGES = book_pages()
TEXT_PAGES, SOURCE_PAGES = split_pages(PAGES)


@pytest.mark.parametrize("path", TEXT_PAGES or ["index.html"])
def test_page_has_no_serious_accessibility_violation(path, base_url, browser, book_dir):
    html = (book_dir / path).read_text(encoding="utf-8")
    if re.search(r'http-equiv="refresh"', html, re.I):
        # A redirect stub (index.html): the page it leads to is checked on its own.
        target = re.search(r'url=([^"]+)"', html, re.I).group(1)
        assert target in PAGES, f"{path} redirects to {target}, which is not a built page"
        return
    page, log = open_offline(browser, base_url + path, base_url)
    try:
        settle(page, html)
        result = run_axe(page)
    finally:
        page.context.close()
    assert result["version"].startswith("4."), result["version"]
    bad = serious(result["violations"])
    assert not bad, (f"{sum(len(v['nodes']) for v in bad)} serious or critical WCAG "
                     f"violations (axe-core {result['version']}):\n" + describe(path, bad))
    assert not log.blocked, f"requests outside the book: {log.blocked}"


@pytest.mark.parametrize("half", [0, 1])
def test_source_pages_have_no_serious_accessibility_violation(half, base_url, browser,
                                                              book_dir):
    """The same check on every highlighted source page, in one tab (see conftest); in two
    halves (every other page), which two test workers check side by side."""
    assert len(SOURCE_PAGES) >= 20, f"too few source pages (_modules/): {SOURCE_PAGES}"
    pages = SOURCE_PAGES[half::2]
    found, seen, log = [], 0, None
    for path, page, _, log in visit_each(browser, base_url, pages, book_dir):
        seen += 1
        bad = serious(run_axe(page)["violations"])
        if bad:
            found.append(describe(path, bad))
    assert seen == len(pages)
    assert not found, "serious or critical WCAG violations:\n" + "\n".join(found)
    assert not log.blocked, f"requests outside the book: {log.blocked}"


#: Pages checked again in dark mode (the theme follows the reader's system setting): one of
#: each kind (text, explorers and admonitions, highlighted source).
DARK_PAGES = ["book/intro.html", "book/explorers.html", "book/regression.html",
              "_modules/mlpcourse/mlp.html"]


@pytest.mark.parametrize("path", DARK_PAGES)
def test_dark_mode_has_no_serious_accessibility_violation(path, base_url, browser, book_dir):
    html = (book_dir / path).read_text(encoding="utf-8")
    context = browser.new_context(color_scheme="dark", service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        (base_url, "data:")) else r.abort())
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        settle(page, html)
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        bad = serious(run_axe(page)["violations"])
    finally:
        context.close()
    assert not bad, "in dark mode:\n" + describe(path, bad)


def test_axe_finds_a_planted_violation(base_url, browser):
    """Guard against a vacuous pass: on a page with an unlabelled slider and an image with no
    alt text, the same run reports both, as serious or critical."""
    page, _ = open_offline(browser, base_url + "book/intro.html", base_url)
    try:
        page.evaluate("""() => {
            const d = document.createElement("div");
            d.innerHTML = '<div role="slider" tabindex="0" aria-valuenow="1"></div>' +
                          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
            document.querySelector("main").prepend(d);
        }""")
        bad = serious(run_axe(page)["violations"])
    finally:
        page.context.close()
    assert {"aria-input-field-name", "image-alt"} <= {v["id"] for v in bad}, describe("", bad)
