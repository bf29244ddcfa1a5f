"""The playground in a live kernel: Voilà serves a temporary copy of book/playground.ipynb on
127.0.0.1 with a random token; Chromium presses Play and sees the epoch counter climb and
the figure (decision boundary, network, loss curves) change, then Pause stop both.
"""
from __future__ import annotations

import time

import pytest

from .conftest import ROOT
from .voila import open_live, serve

NOTEBOOK = ROOT / "book" / "playground.ipynb"
EPOCH = ".mlpcourse-playground-epoch-value"
FIGURE = "img.mlpcourse-playground-figure"
# Voilà's page itself asks a CDN for the Font Awesome stylesheet (icons of its widget
# manager); the request is blocked here and nothing on the page depends on it.
ALLOWED_BLOCKED = ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@",)


@pytest.fixture
def voila_playground(tmp_path):
    """Voilà on a temporary copy of the playground page; yields (url, token, stages)."""
    with serve(NOTEBOOK, tmp_path) as server:
        yield server


def _epoch(page):
    return int(page.locator(EPOCH).inner_text())


def _boundary_pixels(figure):
    """The decision-boundary panel of a screenshot of the figure (its right part; the layout
    is mlpcourse.playground.figure.LiveFigure's: axes at x 0.65-0.92, y 0.37-0.93)."""
    import io

    import numpy as np
    from PIL import Image
    shot = np.asarray(Image.open(io.BytesIO(figure.screenshot())))
    h, w = shot.shape[:2]
    return shot[int(0.1 * h):int(0.6 * h), int(0.66 * w):int(0.91 * w)].copy()


def test_play_trains_and_redraws_pause_stops(voila_playground, browser):
    stages = voila_playground[2]
    page, log = open_live(browser, voila_playground, ".mlpcourse-playground")
    try:
        figure = page.locator(FIGURE)
        with stages.stage("widget") as limit:
            page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                                   arg=figure.element_handle(), timeout=limit * 1000)
        start_epoch, start_src = _epoch(page), figure.get_attribute("src")
        page.locator("button.mlpcourse-playground-play").click()
        with stages.stage("train") as limit:
            page.wait_for_function(
                "([sel, n]) => Number(document.querySelector(sel).textContent) >= n",
                arg=[EPOCH, start_epoch + 5], timeout=limit * 1000)
        assert "Pause" in page.locator("button.mlpcourse-playground-play").inner_text()
        assert figure.get_attribute("src") != start_src  # a new frame was drawn
        pixels, boundary = figure.screenshot(), _boundary_pixels(figure)
        with stages.stage("train") as limit:
            page.wait_for_function(
                "([sel, n]) => Number(document.querySelector(sel).textContent) >= n",
                arg=[EPOCH, _epoch(page) + 10], timeout=limit * 1000)
        assert figure.screenshot() != pixels  # network, boundary and curves keep changing
        assert (_boundary_pixels(figure) != boundary).any()  # the boundary itself moved
        page.locator("button.mlpcourse-playground-play").click()
        with stages.stage("redraw") as limit:
            page.wait_for_function(
                "() => document.querySelector('button.mlpcourse-playground-play')"
                ".textContent.includes('Play')", timeout=limit * 1000)
        stopped = _epoch(page)
        time.sleep(1.5)
        assert _epoch(page) == stopped
        assert page.locator(".mlpcourse-playground-message").inner_text().strip() == ""
    finally:
        page.context.close()
    assert not log.page_errors, log.page_errors
    outside = [u for u in log.blocked if not u.startswith(ALLOWED_BLOCKED)]
    assert not outside, f"Voilà page requested outside resources: {outside}"
