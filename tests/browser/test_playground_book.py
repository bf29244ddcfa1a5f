"""The playground page of the built book: the picture of the widget and the training
scrubber, with no kernel.

The live playground's output is hidden in the static book (it needs a kernel); a picture of
the whole widget stands in for it. Moving the training slider step by step must show, each
time, the saved snapshot for the epoch the slider displays (a different image every time),
for every preset, and the frames must be large enough to read.
"""
from __future__ import annotations

import pytest

from .conftest import open_offline

SCRUBBER = ".mlpcourse-explorer"
VISIBLE_FRAME = """(root) => {
  const f = Array.from(root.querySelectorAll("img.mlpcourse-explorer-frame"))
    .filter((e) => e.getClientRects().length > 0);
  return f.map((e) => ({values: e.dataset.frameValues, src: e.getAttribute("src"),
                        loaded: e.complete && e.naturalWidth > 0, width: e.naturalWidth}));
}"""


def _visible(root):
    frames = root.evaluate(VISIBLE_FRAME)
    assert len(frames) == 1, f"expected one visible frame, got {len(frames)}"
    return frames[0]


def test_scrubbing_the_training_slider(book_dir, base_url, browser):
    if not (book_dir / "book" / "playground.html").is_file():
        pytest.fail("the built book has no book/playground.html", pytrace=False)
    page, log = open_offline(browser, base_url + "book/playground.html", base_url)
    try:
        root = page.locator(SCRUBBER).first
        root.wait_for(timeout=60_000)
        assert page.locator(".mlpcourse-playground").count() == 0  # live widget hidden
        picture = page.locator("img.mlpcourse-playground-picture")
        assert picture.count() == 1
        assert picture.evaluate("(p) => p.complete && p.naturalWidth >= 1600")
        assert "Learning rate" in picture.get_attribute("alt")
        presets = root.locator(".mlpcourse-explorer-control-0 select")
        names = presets.locator("option").all_inner_texts()
        assert len(names) == 6 and "deep_he" in names
        handle = root.locator(".mlpcourse-explorer-control-1 .noUi-handle")
        readout = root.locator(".mlpcourse-explorer-control-1 .widget-readout")
        n_epochs = int(float(handle.get_attribute("aria-valuemax"))) + 1
        assert n_epochs >= 3
        for k, name in enumerate(names):
            presets.select_option(index=k)
            handle.focus()
            page.keyboard.press("Home")
            seen = []
            for step in range(n_epochs):
                if step:
                    page.keyboard.press("ArrowRight")
                epoch = readout.inner_text().strip()
                page.wait_for_function(
                    """([root, text]) => Array.from(root.querySelectorAll(
                         "img.mlpcourse-explorer-frame"))
                       .some((e) => e.getClientRects().length > 0
                                    && e.dataset.frameValues.endsWith(text))""",
                    arg=[root.element_handle(), f"Epochs of training = {epoch}"],
                    timeout=10_000)
                frame = _visible(root)
                assert frame["loaded"] and frame["width"] >= 800  # the network view fits
                assert f"Preset = {name}" in frame["values"]
                seen.append((epoch, frame["src"]))
            epochs = [int(e) for e, _ in seen]
            assert epochs == sorted(epochs) and len(set(epochs)) == n_epochs
            assert len({src for _, src in seen}) == n_epochs, "a snapshot repeats"
    finally:
        page.context.close()
    assert not log.unexpected_errors(), log.unexpected_errors()
    assert not log.blocked, log.blocked
