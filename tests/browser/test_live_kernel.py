"""The explorer page in a live kernel: Voilà serves a temporary copy of book/explorers.ipynb
on 127.0.0.1 with a random token; Chromium moves a control, and the kernel redraws the
frame (the new frame is marked ``data-frame-source="kernel"`` by mlpcourse.explorers).
"""
from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from .conftest import ROOT
from .voila import open_live, serve

NOTEBOOK = ROOT / "book" / "explorers.ipynb"


@pytest.fixture
def voila(tmp_path):
    """Voilà on a temporary copy of the explorer notebook; yields (url, token, stages)."""
    with serve(NOTEBOOK, tmp_path) as server:
        yield server


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_token_is_required(voila):
    """Without the token the server only offers its login page."""
    base = voila[0]
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(base, timeout=30)
    assert err.value.code == 302 and "/login" in err.value.headers["Location"]


def test_moving_a_control_makes_the_kernel_redraw(voila, browser):
    stages = voila[2]
    page, log = open_live(browser, voila, ".mlpcourse-explorer")
    try:
        explorer = page.locator(".mlpcourse-explorer").first
        frame = explorer.locator("img.mlpcourse-explorer-frame:visible")
        assert frame.get_attribute("data-frame-source") == "embedded"
        start = frame.get_attribute("data-frame-index")
        slider = explorer.locator(".mlpcourse-explorer-control-1 .noUi-handle")
        slider.focus()
        page.keyboard.press("ArrowRight")
        # The jslink switches the frame at once; the kernel then sends a redrawn frame.
        with stages.stage("redraw") as limit:
            page.wait_for_function(
                """(root) => {
                    const f = Array.from(root.querySelectorAll("img.mlpcourse-explorer-frame"))
                      .filter((e) => e.getClientRects().length > 0);
                    return f.length === 1 && f[0].dataset.frameSource === "kernel";
                }""", arg=explorer.element_handle(), timeout=limit * 1000)
        index = frame.get_attribute("data-frame-index")
        assert index != start and index.split("-")[1] == str(int(start.split("-")[1]) + 1)
        readout = explorer.locator(".mlpcourse-explorer-control-1 .widget-readout").inner_text()
        assert f"Slope a = {readout.strip()}" in frame.get_attribute("data-frame-values")
        assert frame.evaluate("(f) => f.complete && f.naturalWidth > 0")
    finally:
        page.context.close()
    assert not log.page_errors, log.page_errors
    # Voilà 0.5's page template links Font Awesome's stylesheet from jsdelivr (icons only);
    # the request is blocked like every other outside request, and nothing else may leave.
    others = [u for u in log.blocked
              if not u.startswith("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@")]
    assert not others, f"Voilà page requested outside resources: {others}"
