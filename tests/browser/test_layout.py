"""Every page read on a phone (390 CSS px wide) and at 200% zoom (WCAG 1.4.4 and 1.4.10):
the page does not scroll sideways, and no explorer control and no figure is cut off. (The
highlighted source pages are one template: two of them stand for all, see ``PAGES``.)

200% zoom of a 1280 x 800 window is a 640 x 400 CSS-pixel viewport with two device pixels
per CSS pixel, which is how it is emulated. Code blocks, wide tables and long equations may
scroll inside their own box (WCAG allows it for such content); the page itself may not.
A full-page screenshot of each chapter page is saved for review under
_build/screenshots/<layout>/ (not committed).
"""
from __future__ import annotations

import re

import pytest

from .conftest import ROOT, book_pages, open_offline, settle, split_pages

LAYOUTS = {
    "phone-390px": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3,
                    "is_mobile": True, "has_touch": True},
    "zoom-200pct": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}
SCREENSHOTS = ROOT / "_build" / "screenshots"
MIN_SLIDER = 120  # CSS px: a slider track narrower than this cannot be used on a phone

# Returns what does not fit: the page's width, then each visible control part or figure
# that sticks out of the viewport or is clipped by a box that hides its overflow.
CHECK = """(minSlider) => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width + 1) problems.push(`the page scrolls sideways: ${scroll} px wide in ${width}`);
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const name = (el) => {
    const ex = el.closest(".mlpcourse-explorer-control");
    const label = ex && ex.querySelector(".widget-label");
    return (label ? `control '${label.textContent.trim()}' ` : "") +
      el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ?
      "." + el.className.trim().split(/\\s+/).slice(0, 2).join(".") : "") +
      (el.alt ? ` (alt '${el.alt.slice(0, 50)}')` : "");
  };
  const cut = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return null;
    if (r.left < -1 || r.right > width + 1) return `sticks out of the viewport (${Math.round(r.left)} to ${Math.round(r.right)} of ${width})`;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const b = a.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1)
        return `cut off by ${a.tagName.toLowerCase()}.${String(a.className).split(/\\s+/)[0]} (overflow ${s.overflowX})`;
    }
    return null;
  };
  const parts = ".mlpcourse-explorer-control .widget-label, .mlpcourse-explorer-control .noUi-handle, " +
    ".mlpcourse-explorer-control .widget-readout, .mlpcourse-explorer-control button, " +
    ".mlpcourse-explorer-control select, main img, main svg.figure, main .cell_output img";
  for (const el of document.querySelectorAll(parts)) {
    if (!visible(el)) continue;
    const why = cut(el);
    if (why) problems.push(`${name(el)} ${why}`);
  }
  for (const track of document.querySelectorAll(".mlpcourse-explorer-control .slider-container")) {
    if (visible(track) && track.getBoundingClientRect().width < minSlider)
      problems.push(`${name(track)} slider is only ${Math.round(track.getBoundingClientRect().width)} px wide`);
  }
  return problems;
}"""

#: index.html only redirects. Of the forty highlighted source pages (_modules/, one template
#: whose code blocks scroll in their own box, which the check allows) two stand for all: the
#: longest, and one of a subpackage (its path is one level deeper).
TEXT_PAGES, SOURCE_PAGES = split_pages([p for p in book_pages() if p != "index.html"])
SAMPLED_SOURCES = ["_modules/mlpcourse/stacked.html", "_modules/mlpcourse/playground/widget.html"]
PAGES = TEXT_PAGES + [p for p in SAMPLED_SOURCES if p in SOURCE_PAGES]


def screenshot_path(layout: str, path: str):
    return SCREENSHOTS / layout / (re.sub(r"[/\\\\]", "__", path).removesuffix(".html") + ".png")


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_pages_fit_the_screen(layout, base_url, browser, book_dir):
    assert set(SAMPLED_SOURCES) <= set(SOURCE_PAGES), f"source pages built: {SOURCE_PAGES}"
    problems = []
    context = browser.new_context(service_workers="block", **LAYOUTS[layout])
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        (base_url, "data:")) else r.abort())
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(base_url + path, wait_until="load")
            settle(page, (book_dir / path).read_text(encoding="utf-8"))
            page.wait_for_timeout(200)  # let the widgets' layout settle
            problems += [f"{path}: {p}" for p in page.evaluate(CHECK, MIN_SLIDER)]
            if path.startswith("book/"):
                out = screenshot_path(layout, path)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out), full_page=path != "book/api.html",
                                scale="css")
    finally:
        context.close()
    assert not problems, f"{layout}:\n  " + "\n  ".join(problems)


def test_layouts_check_what_they_should(base_url, browser):
    """Guard against a vacuous pass: a figure wider than the phone and a control clipped by
    its box are both reported, and so is a page that scrolls sideways."""
    context = browser.new_context(**LAYOUTS["phone-390px"])
    try:
        page = context.new_page()
        page.goto(base_url + "book/intro.html", wait_until="load")
        page.evaluate("""() => {
            const main = document.querySelector("main");
            main.insertAdjacentHTML("afterbegin",
              '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="wide" ' +
              'style="width:900px;max-width:none">' +
              '<div class="mlpcourse-explorer-control" style="width:100px;overflow:hidden">' +
              '<button style="width:300px">far</button></div>');
        }""")
        problems = page.evaluate(CHECK, MIN_SLIDER)
    finally:
        context.close()
    assert any("scrolls sideways" in p for p in problems), problems
    assert any("alt 'wide'" in p for p in problems), problems
    assert any("button" in p and "cut off" in p for p in problems), problems
