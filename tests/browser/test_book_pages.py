"""Every page of the built book, opened in Chromium with no network beyond the book itself.

For each page: no console errors (except the commented allow-list in conftest.py), no
request leaves the book, math is typeset by MathJax, every internal link and image
resolves, every image has real alt text, and every explorer (found generically, by the CSS
class ``mlpcourse-explorer`` its root widget carries) shows, for every value of every
control, the frame drawn for the values the controls display.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import (WIDGET_STATE, book_pages, expected_explorers, open_offline, split_pages,
                       visit_each)

# Reads one explorer's state from the DOM: each control's label, shown value, kind, index
# and number of options, and the frames currently visible.
READ_EXPLORER = """(root) => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const controls = Array.from(root.querySelectorAll(".mlpcourse-explorer-control"))
    .map((c) => {
      const k = Number([...c.classList].find((s) => /^mlpcourse-explorer-control-\\d+$/.test(s)).split("-").pop());
      const label = (c.querySelector(".widget-label") || {}).textContent || "";
      const handle = c.querySelector(".noUi-handle");
      const select = c.querySelector("select");
      const buttons = Array.from(c.querySelectorAll("button"));
      let kind, value, index, n;
      if (handle) {
        kind = "slider";
        value = c.querySelector(".widget-readout").textContent;
        index = Math.round(Number(handle.getAttribute("aria-valuenow")));
        n = Math.round(Number(handle.getAttribute("aria-valuemax"))) + 1;
      } else if (select) {
        kind = "dropdown";
        value = select.options[select.selectedIndex].text;
        index = select.selectedIndex; n = select.options.length;
      } else {
        kind = "buttons";
        const active = buttons.findIndex((b) => b.classList.contains("mod-active"));
        value = active >= 0 ? buttons[active].textContent : "";
        index = active; n = buttons.length;
      }
      return {k, label: label.trim(), value: value.trim(), kind, index, n};
    })
    .sort((a, b) => a.k - b.k);
  const frames = Array.from(root.querySelectorAll("img.mlpcourse-explorer-frame"))
    .filter(visible)
    .map((f) => ({index: f.dataset.frameIndex, values: f.dataset.frameValues,
                  loaded: f.complete && f.naturalWidth > 0, alt: f.getAttribute("alt") || ""}));
  return {controls, frames};
}"""


@lru_cache(maxsize=None)
def _ids_in(path: Path) -> frozenset:
    return frozenset(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


def _target_file(book_dir: Path, url_path: str) -> Path:
    target = book_dir / unquote(url_path).lstrip("/")
    return target / "index.html" if url_path.endswith("/") or target.is_dir() else target


# -- the checks ----------------------------------------------------------------------
def check_math(page, problems):
    n_math = page.locator(".math").count()
    if not n_math:
        return
    try:
        page.wait_for_function(
            """() => Array.from(document.querySelectorAll(".math"))
                 .every((m) => m.querySelector("mjx-container"))""", timeout=20_000)
    except Exception:
        left = page.evaluate("""() => Array.from(document.querySelectorAll(".math"))
            .filter((m) => !m.querySelector("mjx-container")).map((m) => m.textContent.slice(0, 60))""")
        problems.append(f"math not typeset by MathJax: {left[:5]}")
    if page.locator("mjx-merror").count():
        problems.append(f"MathJax errors: {page.locator('mjx-merror').all_inner_texts()[:5]}")


def check_links(page, base_url, book_dir, problems):
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map((a) => a.href)")
    for href in sorted(set(hrefs)):
        if not href.startswith(base_url):
            continue  # external links (launch buttons, repository) are not fetched
        parts = urlsplit(href)
        target = _target_file(book_dir, parts.path)
        if not target.is_file():
            problems.append(f"broken link: {href}")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids_in(target):
            problems.append(f"link to a missing anchor: {href}")


def check_images(page, base_url, book_dir, problems):
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach((i) => i.loading = 'eager')")
    page.wait_for_function("() => Array.from(document.images).every((i) => i.complete)", timeout=15_000)
    images = page.evaluate("""() => Array.from(document.images).map((i) => ({
        src: i.currentSrc || i.src, alt: i.getAttribute("alt"),
        loaded: i.naturalWidth > 0}))""")
    for img in images:
        src, alt = img["src"], (img["alt"] or "").strip()
        name = src if src.startswith("data:") else urlsplit(src).path.rsplit("/", 1)[-1]
        shown = src[:60] + "..." if src.startswith("data:") else src
        if not img["loaded"]:
            problems.append(f"image does not load: {shown}")
        if src.startswith(base_url) and not _target_file(book_dir, urlsplit(src).path).is_file():
            problems.append(f"image file missing: {shown}")
        if not alt or alt == name or re.fullmatch(r"[\w./-]+\.(png|jpe?g|svg|gif)", alt):
            problems.append(f"image without real alt text (alt={img['alt']!r}): {shown}")


def _state(explorer):
    return explorer.evaluate(READ_EXPLORER)


def _check_frame(state, where, problems):
    frames = state["frames"]
    if len(frames) != 1:
        problems.append(f"{where}: {len(frames)} frames visible, expected exactly 1")
        return False
    frame = frames[0]
    shown = ", ".join(f"{c['label']} = {c['value']}" for c in state["controls"])
    indices = "-".join(str(c["index"]) for c in state["controls"])
    if frame["values"] != shown or frame["index"] != indices:
        problems.append(f"{where}: frame for [{frame['values']}] ({frame['index']}) shown, "
                        f"controls say [{shown}] ({indices})")
        return False
    if not frame["loaded"]:
        problems.append(f"{where}: frame image did not load")
    return True


def _move(page, control, kind, to_index, current):
    if kind == "slider":
        handle = control.locator(".noUi-handle")
        handle.focus()
        for _ in range(abs(to_index - current)):
            page.keyboard.press("ArrowRight" if to_index > current else "ArrowLeft")
    elif kind == "dropdown":
        control.locator("select").select_option(index=to_index)
    else:
        control.locator("button").nth(to_index).click()


def check_explorer(page, explorer, name, problems):
    state = _state(explorer)
    controls = state["controls"]
    if not controls:
        problems.append(f"{name}: no controls")
        return
    for c in controls:
        if not c["label"]:
            problems.append(f"{name}: control {c['k']} has no label")
        if c["n"] < 2:
            continue
    if not _check_frame(state, f"{name} at start", problems):
        return
    for c in controls:
        control = explorer.locator(f".mlpcourse-explorer-control-{c['k']}")
        current = _state(explorer)["controls"][c["k"]]["index"]
        # Visit every value of this control, from its current one, wrapping around.
        for step in range(1, c["n"]):
            target = (current + 1) % c["n"]
            before = _state(explorer)
            _move(page, control, c["kind"], target, current)
            try:
                page.wait_for_function(
                    """([root, k, target]) => {
                        const f = Array.from(root.querySelectorAll("img.mlpcourse-explorer-frame"))
                          .filter((e) => e.getClientRects().length > 0);
                        return f.length === 1 && f[0].dataset.frameIndex.split("-")[k] === String(target);
                    }""", arg=[explorer.element_handle(), c["k"], target], timeout=5_000)
            except Exception:
                problems.append(f"{name}: moving '{c['label']}' to option {target} did not "
                                f"switch the frame (still {before['frames']})")
                return
            after = _state(explorer)
            where = f"{name}, '{c['label']}' -> option {target}"
            if not _check_frame(after, where, problems):
                return
            others = [(b["index"], a["index"]) for b, a in zip(before["controls"], after["controls"])
                      if b["k"] != c["k"]]
            if any(b != a for b, a in others):
                problems.append(f"{where}: other controls changed too")
            current = target


def check_explorers(page, html, problems):
    n = expected_explorers(html)
    if not n:
        return 0
    try:
        page.wait_for_function(
            f"() => document.querySelectorAll('.mlpcourse-explorer').length >= {n}", timeout=30_000)
    except Exception:
        found = page.locator(".mlpcourse-explorer").count()
        problems.append(f"only {found} of {n} explorers rendered (widgets manager not loaded?)")
        return found
    for i in range(n):
        explorer = page.locator(".mlpcourse-explorer").nth(i)
        explorer.scroll_into_view_if_needed()
        check_explorer(page, explorer, f"explorer {i + 1}", problems)
    return n


# -- the tests -----------------------------------------------------------------------
PAGES = book_pages()
TEXT_PAGES, SOURCE_PAGES = split_pages(PAGES)


@pytest.mark.parametrize("path", TEXT_PAGES or ["index.html"])
def test_page(path, base_url, browser, book_dir):
    html = (book_dir / path).read_text(encoding="utf-8")
    page, log = open_offline(browser, base_url + path, base_url)
    problems = []
    try:
        if 'http-equiv="Refresh"' in html or 'http-equiv="refresh"' in html:
            page.wait_for_url(re.compile(r".*\.html"), timeout=10_000)
            page.wait_for_load_state("load")
            assert page.url.startswith(base_url), f"redirect left the book: {page.url}"
            html = _target_file(book_dir, urlsplit(page.url).path).read_text(encoding="utf-8")
        check_all(page, html, base_url, book_dir, problems)
        page.wait_for_timeout(300)  # let late console messages arrive
    finally:
        page.context.close()
    problems += log_problems(log)
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_source_pages(base_url, browser, book_dir):
    """The same checks on every highlighted source page, in one tab (see conftest)."""
    assert len(SOURCE_PAGES) >= 20, f"too few source pages (_modules/): {SOURCE_PAGES}"
    problems, seen, log = [], 0, None
    for path, page, html, log in visit_each(browser, base_url, SOURCE_PAGES, book_dir):
        found = []
        check_all(page, html, base_url, book_dir, found)
        problems += [f"{path}: {p}" for p in found]
        seen += 1
        if seen == len(SOURCE_PAGES):
            page.wait_for_timeout(300)  # let late console messages arrive
    assert seen == len(SOURCE_PAGES)
    problems += log_problems(log)
    assert not problems, "\n  ".join(problems)


def check_all(page, html, base_url, book_dir, problems):
    check_math(page, problems)
    check_links(page, base_url, book_dir, problems)
    check_explorers(page, html, problems)
    check_images(page, base_url, book_dir, problems)


def log_problems(log):
    """What the browser reported that a page must not cause."""
    return ([f"console error: {m}" for m in log.unexpected_errors()]
            + [f"request outside the book (blocked): {u}" for u in log.blocked]
            + [f"failed request: {r}" for r in log.failed])


def test_the_book_has_pages_math_and_explorers(book_dir):
    """Guard against a vacuous pass: the checks above must have had something to check."""
    assert "book/intro.html" in PAGES and "book/explorers.html" in PAGES
    assert expected_explorers((book_dir / "book/explorers.html").read_text()) >= 1
    assert 'class="math' in (book_dir / "book/notation.html").read_text()
    api = (book_dir / "book/api.html").read_text()
    assert 'id="mlpcourse.mlp.MLP"' in api and 'id="mlpcourse.explorers.explorer"' in api, (
        "the API reference has no autodoc output")


def test_no_cdn_in_built_pages(book_dir):
    """The pages load MathJax, RequireJS and the widgets manager from the book itself."""
    for path in PAGES:
        html = (book_dir / path).read_text(encoding="utf-8")
        srcs = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
        external = [s for s in srcs if re.match(r"(https?:)?//", s)]
        assert not external, f"{path} loads scripts from the network: {external}"


def _pages_with_explorers():
    from .conftest import BOOK_HTML

    return [p for p in PAGES if expected_explorers((BOOK_HTML / p).read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", _pages_with_explorers() or ["book/explorers.html"])
def test_explorers_fall_back_to_a_static_image_without_javascript(path, base_url, browser,
                                                                  book_dir):
    """A reader without JavaScript sees one still image, with alt text, per explorer."""
    html = (book_dir / path).read_text(encoding="utf-8")
    n = expected_explorers(html)
    assert n, f"{path}: no explorer found in the embedded widget state"
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base_url, "data:"))
                  else r.abort())
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        stills = page.evaluate("""() => Array.from(document.querySelectorAll("img"))
            .filter((i) => i.src.startsWith("data:image/png") && i.getClientRects().length > 0)
            .map((i) => ({alt: (i.getAttribute("alt") || "").trim(), loaded: i.naturalWidth > 0}))""")
    finally:
        context.close()
    assert len(stills) >= n, f"{path}: {n} explorers but {len(stills)} still images without JS"
    assert all(s["alt"] and s["loaded"] for s in stills), stills


def explorer_sizes(html: str) -> list[int]:
    """Bytes of embedded frames (HTML widget values) under each explorer's root widget."""
    sizes = []
    for block in WIDGET_STATE.findall(html):
        models = json.loads(block).get("state", {})

        def size(model_id, seen):
            if model_id in seen or model_id not in models:
                return 0
            seen.add(model_id)
            state = models[model_id].get("state", {})
            total = len(state.get("value", "")) if isinstance(state.get("value"), str) else 0
            return total + sum(size(c.removeprefix("IPY_MODEL_"), seen)
                               for c in state.get("children", []) if isinstance(c, str))

        for model_id, model in models.items():
            if "mlpcourse-explorer" in (model.get("state", {}).get("_dom_classes") or []):
                sizes.append(size(model_id, set()))
    return sizes


@pytest.mark.parametrize("path", _pages_with_explorers() or ["book/explorers.html"])
def test_explorers_stay_within_budget(path, book_dir):
    """Each explorer embeds under 1.5 MB of frames (mlpcourse.explorers.MAX_BYTES)."""
    from mlpcourse.explorers import MAX_BYTES

    sizes = explorer_sizes((book_dir / path).read_text(encoding="utf-8"))
    assert sizes and all(0 < s <= MAX_BYTES * 1.05 for s in sizes), (
        f"{path}: explorer frame sizes {[round(s / 1e6, 2) for s in sizes]} MB")
