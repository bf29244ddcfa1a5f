"""Tests of mlpcourse.explorers: the pure parts (grid, frames, budget, labels, errors)
and the widget wiring (nested Stacks joined to controls by jslink).

The browser side (frames switch in the built book, with no kernel) is tested in
tests/browser/test_book_pages.py; the live-kernel side in tests/browser/test_live_kernel.py.
"""
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse.explorers import (MAX_BYTES, explorer, figure_to_png,  # noqa: E402
                                 format_value, grid_points, render_frames)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CALLS = []


def draw(slope, shift):
    """A small pure drawing function: a sigmoid with a slope and a shift."""
    CALLS.append((slope, shift))
    fig, ax = plt.subplots(figsize=(3, 2))
    z = np.linspace(-4, 4, 50)
    ax.plot(z, 1 / (1 + np.exp(-(slope * z + shift))))
    ax.set_title(f"slope = {slope}, shift = {shift}")
    return fig


def draw_kind(kind):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_title(kind)
    return fig


GRID = {"slope": [0.5, 1, 2], "shift": [-1, 0]}
LABELS = {"slope": "Slope a", "shift": "Shift c"}


@pytest.fixture
def exp():
    return explorer(draw, GRID, labels=LABELS, alt="A sigmoid curve", defaults={"slope": 1})


# -- pure parts ------------------------------------------------------------------------
def test_grid_points_order_first_parameter_slowest():
    assert grid_points({"a": [1, 2], "b": ["x", "y", "z"]}) == [
        {"a": 1, "b": "x"}, {"a": 1, "b": "y"}, {"a": 1, "b": "z"},
        {"a": 2, "b": "x"}, {"a": 2, "b": "y"}, {"a": 2, "b": "z"}]


def test_render_frames_calls_draw_once_per_grid_point():
    CALLS.clear()
    frames = render_frames(draw, GRID, dpi=40)
    assert sorted(frames) == [(i, j) for i in range(3) for j in range(2)]
    assert CALLS == [(s, c) for s in GRID["slope"] for c in GRID["shift"]]
    assert all(png.startswith(PNG_SIGNATURE) for png in frames.values())
    assert len(set(frames.values())) == 6  # every frame differs (titles differ)


def test_figures_are_closed_after_rendering():
    before = set(plt.get_fignums())
    render_frames(draw, GRID, dpi=30)
    assert set(plt.get_fignums()) == before


def test_dpi_scales_frame_size():
    fig = draw(1, 0)
    small = figure_to_png(fig, dpi=30)
    big = figure_to_png(draw(1, 0), dpi=120)
    assert len(small) < len(big)


@pytest.mark.parametrize("value, text", [(1, "1"), (2.0, "2"), (0.5, "0.5"), (1e-3, "0.001"),
                                         (1e-5, "1e-05"), (0.00015, "0.00015"),
                                         (np.float64(0.25), "0.25"), (np.int64(3), "3"),
                                         (2e6, "2e+06"), ("relu", "relu"), (True, "True")])
def test_format_value(value, text):
    assert format_value(value) == text


def test_explorer_frames_budget_and_defaults(exp):
    assert len(exp.frames) == 6
    assert exp.start == (1, 0)  # slope=1 (from defaults), shift=-1 (first value)
    assert 0 < exp.nbytes < MAX_BYTES
    assert exp.caption((2, 1)) == "Slope a = 2, Shift c = 0"
    assert exp.params((2, 1)) == {"slope": 2, "shift": 0}
    assert "6 frames" in repr(exp)


def test_over_budget_raises_with_advice():
    with pytest.raises(ValueError, match="budget.*fewer grid values"):
        explorer(draw, GRID, labels=LABELS, alt="x", max_bytes=1000)


@pytest.mark.parametrize("grid, labels, defaults, match", [
    ({}, {}, None, "non-empty dict"),
    ([("a", [1])], {"a": "A"}, None, "non-empty dict"),
    ({"slope": []}, {"slope": "S"}, None, "non-empty list"),
    ({"slope": "abc"}, {"slope": "S"}, None, "non-empty list"),
    ({"slope": 3}, {"slope": "S"}, None, "non-empty list"),
    ({"slope": [1, 1.0]}, {"slope": "S"}, None, "look the same"),
    ({"not a name": [1]}, {"not a name": "S"}, None, "parameter names"),
    ({"slope": [1, 2]}, {}, None, "missing"),
    ({"slope": [1, 2]}, {"slope": "  "}, None, "missing"),
    ({"slope": [1, 2]}, {"slope": "S", "other": "O"}, None, "unknown"),
    ({"slope": [1, 2]}, {"slope": "S"}, {"slope": 3}, "not on the grid"),
    ({"slope": [1, 2]}, {"slope": "S"}, {"shift": 0}, "unknown parameters"),
])
def test_bad_grids_raise(grid, labels, defaults, match):
    with pytest.raises(ValueError, match=match):
        explorer(draw, grid, labels=labels, alt="x", defaults=defaults)


def test_bad_alt_and_draw_raise():
    with pytest.raises(ValueError, match="alt"):
        explorer(draw, GRID, labels=LABELS, alt=" ")
    with pytest.raises(TypeError, match="draw"):
        explorer("not callable", GRID, labels=LABELS, alt="x")
    with pytest.raises(TypeError, match="Figure"):
        explorer(lambda slope: None, {"slope": [1]}, labels={"slope": "S"}, alt="x")


# -- widget wiring -----------------------------------------------------------------------
def test_controls_are_labelled_in_full_and_start_at_defaults(exp):
    import ipywidgets as w

    slope, shift = exp.controls
    assert isinstance(slope, w.SelectionSlider) and isinstance(shift, w.SelectionSlider)
    assert (slope.description, shift.description) == ("Slope a", "Shift c")
    assert slope.style.description_width == "initial"  # never truncated
    assert slope.readout  # the current value is shown next to the slider
    assert [label for label, _ in slope.options] == ["0.5", "1", "2"]
    assert (slope.index, shift.index) == (1, 0)


def test_categorical_values_get_buttons_or_dropdown():
    import ipywidgets as w

    few = explorer(draw_kind, {"kind": ["relu", "tanh"]}, labels={"kind": "Activation"},
                   alt="x", dpi=20)
    many = explorer(draw_kind, {"kind": list("abcdefg")}, labels={"kind": "Letter"},
                    alt="x", dpi=20)
    assert isinstance(few.controls[0], w.ToggleButtons)
    assert isinstance(many.controls[0], w.Dropdown)


def test_nested_stacks_are_jslinked_to_every_control(exp):
    import ipywidgets as w

    box = exp.widget
    outer = box.children[-1]
    assert isinstance(outer, w.Stack) and len(outer.children) == 3
    assert outer.selected_index == 1
    assert all(isinstance(c, w.Stack) and len(c.children) == 2 for c in outer.children)
    links = exp.links
    assert all(isinstance(m, w.widgets.widget_link.Link) for m in links)
    # 1 link for the outer stack, 3 for the inner ones
    assert sorted(exp.controls.index(m.source[0]) for m in links) == [0, 1, 1, 1]
    assert all(m.source[1] == "index" and m.target[1] == "selected_index" for m in links)
    assert "mlpcourse-explorer" in box._dom_classes


def test_frames_carry_alt_text_and_their_values(exp):
    exp.widget  # noqa: B018
    frame = exp._frame_widgets[(2, 1)].value
    assert 'alt="Slope a = 2, Shift c = 0: A sigmoid curve"' in frame
    assert 'data-frame-index="2-1"' in frame and 'data-frame-source="embedded"' in frame
    fallback = exp.fallback_html()
    assert fallback.startswith("<noscript><img")
    assert 'alt="Slope a = 1, Shift c = -1: A sigmoid curve"' in fallback  # the start frame


def describe_sigmoid(slope, shift):
    """Per-frame description: where the sigmoid crosses one half."""
    return f"the curve crosses 0.5 at z = {-shift / slope:g}"


def test_describe_gives_each_frame_its_own_alt_text():
    exp = explorer(draw, GRID, labels=LABELS, alt="A sigmoid curve", describe=describe_sigmoid,
                   dpi=20)
    exp.widget  # noqa: B018
    # slope 2, shift 0 crosses at 0; slope 0.5, shift -1 at -(-1) / 0.5 = 2
    assert exp.frame_alt((2, 1)) == "Slope a = 2, Shift c = 0: the curve crosses 0.5 at z = 0"
    assert 'alt="Slope a = 0.5, Shift c = -1: the curve crosses 0.5 at z = 2"' in (
        exp._frame_widgets[(0, 0)].value)
    alts = {exp.frame_alt(i) for i in exp.frames}
    assert len(alts) == len(exp.frames)  # every frame says what is different about it


@pytest.mark.parametrize("bad, match", [(lambda slope, shift: "  ", "non-empty"),
                                        (lambda slope, shift: None, "non-empty"),
                                        ("not callable", "describe must be a function")])
def test_describe_that_gives_no_text_raises(bad, match):
    with pytest.raises((ValueError, TypeError), match=match):
        explorer(draw, GRID, labels=LABELS, alt="x", describe=bad, dpi=20)


def test_frames_are_sharp_on_high_dpi_screens(exp):
    """Frames have 2 image pixels per CSS pixel and are shown at their CSS size."""
    import io

    from PIL import Image

    from mlpcourse.rendering import png_size

    # draw() makes a 3 x 2 inch figure; at 72 CSS px per inch that is 216 x 144 CSS pixels
    assert exp.pixel_ratio == 2
    assert png_size(exp.frames[(0, 0)]) == (432, 288)
    exp.widget  # noqa: B018
    assert 'width="216" height="144"' in exp._frame_widgets[(0, 0)].value
    assert 'width="216" height="144"' in exp.fallback_html()
    assert Image.open(io.BytesIO(exp.frames[(0, 0)])).mode == "P"  # a palette PNG


def test_pixel_ratio_one_gives_the_old_frames():
    exp = explorer(draw_kind, {"kind": ["relu"]}, labels={"kind": "K"}, alt="x",
                   pixel_ratio=1, dpi=50)
    from mlpcourse.rendering import png_size

    assert png_size(exp.frames[(0,)]) == (150, 100)
    assert 'width="150" height="100"' in exp.fallback_html()


def test_live_kernel_redraws_the_selected_frame(exp):
    CALLS.clear()
    exp.controls[1].index = 1  # what a moved control does in a live kernel
    assert CALLS == [(1, 0)]
    assert 'data-frame-source="kernel"' in exp._frame_widgets[(1, 1)].value
    exp.controls[1].index = 0
    exp.controls[1].index = 1  # back to a frame already redrawn: draw is pure, no new call
    assert CALLS == [(1, 0), (1, -1)]


def test_display_shows_fallback_then_widget(exp, monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append(obj))
    exp._ipython_display_()
    assert "noscript" in shown[0].data and shown[1] is exp.widget


def test_import_mlpcourse_stays_light():
    code = ("import sys, mlpcourse, mlpcourse.explorers; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
