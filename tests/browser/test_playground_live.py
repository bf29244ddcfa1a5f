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


UNIT = ".mlpcourse-playground-unit select"


def _network_layout(labels):
    """The live figure's network for the units the Enlarge drop-down offers ("feature x₁",
    "layer 1, unit 2", ...; the output follows the last hidden layer): the geometry the
    kernel maps a click with, from a playground of the same shape."""
    import re

    from mlpcourse.playground import Config, Trainer
    from mlpcourse.playground.data import FEATURES
    from mlpcourse.playground.figure import LiveFigure
    layers = [int(m.group(1)) for m in map(re.compile(r"layer (\d+), unit").match, labels)
              if m]
    hidden = tuple(layers.count(k) for k in range(1, max(layers, default=0) + 1))
    n_features = sum(label.startswith("feature ") for label in labels)
    config = Config(features=tuple(FEATURES)[:n_features], hidden=hidden)
    return LiveFigure(Trainer(config), resolution=4).network


def test_clicking_a_hidden_units_heatmap_enlarges_it(voila_playground, browser):
    stages = voila_playground[2]
    page, log = open_live(browser, voila_playground, ".mlpcourse-playground")
    try:
        figure, menu = page.locator(FIGURE), page.locator(UNIT)
        with stages.stage("widget") as limit:
            page.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                                   arg=figure.element_handle(), timeout=limit * 1000)
        assert menu.input_value() == "the output (boundary)"
        net = _network_layout(menu.evaluate("(s) => Array.from(s.options, (o) => o.value)"))
        x0, y0 = net.boxes[1][1]  # hidden layer 1, unit 2
        W, H = net.frame_size
        assert figure.evaluate("(img) => [img.naturalWidth, img.naturalHeight]") == [W, H]
        page.set_viewport_size({"width": 560, "height": 900})  # the picture is shown scaled
        page.wait_for_function("([img, w]) => img.getBoundingClientRect().width < w - 50",
                               arg=[figure.element_handle(), W])
        box = figure.bounding_box()
        start_src, boundary = figure.get_attribute("src"), _boundary_pixels(figure)
        message = page.locator(".mlpcourse-playground-message").inner_text()
        figure.click(position={"x": (x0 + net.side / 2) * box["width"] / W,
                               "y": (y0 + net.side / 2) * box["height"] / H})
        with stages.stage("redraw") as limit:
            page.wait_for_function("(s) => s.value === 'layer 1, unit 2'",
                                   arg=menu.element_handle(), timeout=limit * 1000)
            page.wait_for_function("([img, src]) => img.getAttribute('src') !== src",
                                   arg=[figure.element_handle(), start_src],
                                   timeout=limit * 1000)
        assert (_boundary_pixels(figure) != boundary).any()  # the big panel shows the unit
        figure.click(position={"x": 3, "y": 3})  # not on a heatmap: nothing changes
        time.sleep(1.0)
        assert menu.input_value() == "layer 1, unit 2"
        assert page.locator(".mlpcourse-playground-message").inner_text() == message
    finally:
        page.context.close()
    assert not log.page_errors, log.page_errors
    # The click reached the kernel, so ipyevents' front end was loaded (Voilà serves it
    # from the wheel's labextension). The only console errors allowed are one "Failed to
    # load resource" per blocked request of ALLOWED_BLOCKED; no response failed (404).
    blocked = "Failed to load resource: net::ERR_FAILED"
    assert [m for m in log.console_errors if m != blocked] == [], log.console_errors
    assert log.console_errors.count(blocked) <= len(log.blocked) and not log.failed
    outside = [u for u in log.blocked if not u.startswith(ALLOWED_BLOCKED)]
    assert not outside, f"Voilà page requested outside resources: {outside}"
