"""An explorer used with the keyboard alone, as a reader who cannot use a mouse would.

From the top of book/explorers.html, Tab reaches the explorer's buttons and then its
sliders; Enter presses a button and the arrow keys move a slider. Each control is named by
its label and announces the value it shows; each move switches the figure, whose alt text
names the new values and is read out through the explorer's live region; focus is visible.
"""
from __future__ import annotations

from .conftest import open_offline, settle

PAGE = "book/explorers.html"
MAX_TABS = 400  # links of the header, sidebar and text come first

FOCUS = """() => {
  const el = document.activeElement;
  const root = el && el.closest(".mlpcourse-explorer");
  const style = el ? getComputedStyle(el) : null;
  return {inExplorer: !!root, role: el && el.getAttribute("role"), tag: el && el.tagName,
          text: el && el.textContent.trim(),
          outline: style ? [style.outlineStyle, parseFloat(style.outlineWidth)] : null};
}"""

STATE = """() => {
  const root = document.querySelector(".mlpcourse-explorer");
  const frame = Array.from(root.querySelectorAll("img.mlpcourse-explorer-frame"))
    .find((f) => f.getClientRects().length > 0);
  const status = root.nextElementSibling;
  return {values: frame.dataset.frameValues, alt: frame.getAttribute("alt"),
          announced: status && status.classList.contains("mlpcourse-explorer-status")
            ? status.textContent : null,
          live: status && status.getAttribute("aria-live")};
}"""


def tab_until(page, predicate, what):
    """Press Tab until the focused element satisfies ``predicate`` (a dict -> bool)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if predicate(focus):
            return focus
    raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {what}")


def wait_for_values(page, text):
    page.wait_for_function(
        """(text) => {
          const root = document.querySelector(".mlpcourse-explorer");
          return Array.from(root.querySelectorAll("img.mlpcourse-explorer-frame"))
            .some((f) => f.getClientRects().length > 0 && f.dataset.frameValues === text);
        }""", arg=text, timeout=5_000)


def test_an_explorer_works_with_the_keyboard_alone(base_url, browser, book_dir):
    html = (book_dir / PAGE).read_text(encoding="utf-8")
    page, log = open_offline(browser, base_url + PAGE, base_url)
    try:
        settle(page, html)
        start = page.evaluate(STATE)
        assert start["values"] == "Activation function = sigmoid, Slope a = 1, Shift c = 0"
        assert start["live"] == "polite" and start["announced"] == ""  # nothing said yet

        # Tab to the buttons of the first control; the next one is "tanh": press it.
        button = tab_until(page, lambda f: f["inExplorer"] and f["tag"] == "BUTTON",
                           "the explorer's buttons")
        assert button["text"] == "sigmoid"
        assert button["outline"][0] != "none" and button["outline"][1] >= 2, button
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["text"] == "tanh"
        page.keyboard.press("Enter")
        wait_for_values(page, "Activation function = tanh, Slope a = 1, Shift c = 0")
        group = page.get_by_role("group", name="Activation function")
        assert group.get_by_role("button", name="tanh").get_attribute("aria-pressed") == "true"
        assert group.get_by_role("button", name="sigmoid").get_attribute("aria-pressed") == "false"

        # Tab on to the first slider: it is named by its label and says its value.
        focus = tab_until(page, lambda f: f["role"] == "slider", "a slider")
        assert focus["inExplorer"] and focus["outline"][0] != "none", focus
        slope = page.get_by_role("slider", name="Slope a")
        assert slope.evaluate("(e) => e === document.activeElement")
        assert slope.get_attribute("aria-valuetext") == "1"

        page.keyboard.press("ArrowRight")
        wait_for_values(page, "Activation function = tanh, Slope a = 2, Shift c = 0")
        assert slope.get_attribute("aria-valuetext") == "2"
        moved = page.evaluate(STATE)
        assert moved["alt"].startswith("Activation function = tanh, Slope a = 2, Shift c = 0: ")
        assert moved["alt"] != start["alt"]
        page.wait_for_function(
            """(alt) => document.querySelector(".mlpcourse-explorer-status").textContent === alt""",
            arg=moved["alt"], timeout=5_000)  # the live region reads the new frame's alt text

        for _ in range(2):
            page.keyboard.press("ArrowLeft")
        wait_for_values(page, "Activation function = tanh, Slope a = 0.5, Shift c = 0")
        assert slope.get_attribute("aria-valuetext") == "0.5"

        # The next Tab reaches the second slider, past the readout (not a text field).
        page.keyboard.press("Tab")
        shift = page.get_by_role("slider", name="Shift c")
        assert shift.evaluate("(e) => e === document.activeElement")
        page.keyboard.press("ArrowRight")
        wait_for_values(page, "Activation function = tanh, Slope a = 0.5, Shift c = 2")
        assert shift.get_attribute("aria-valuetext") == "2"
    finally:
        page.context.close()
    assert not log.unexpected_errors(), log.unexpected_errors()
