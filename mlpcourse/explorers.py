"""Explorers: interactive figures that respond in the static book, with no kernel.

An explorer is a pure drawing function plus a grid of parameter values. ``explorer()``
runs the function once for every point of the grid when the notebook executes, embeds
the frames as PNG images, and stacks them in an ipywidgets ``Stack`` whose
``selected_index`` is joined to a control's ``index`` by ``jslink``. The link lives in the
browser, so moving a control in the built HTML page shows the frame for the new values
without a kernel and without a network. Two or more controls use nested stacks: the
outer stack picks the value of the first control, each inner stack the next one.

In a live kernel (Jupyter, Voilà, Binder, Colab) the same links switch the frames, and
the kernel also redraws the selected frame each time a control moves.

Every frame is drawn with two image pixels per CSS pixel and stored as a palette PNG
(:mod:`mlpcourse.rendering`), so it is sharp on high-DPI screens and small. Its alt text
names the values of the controls and what the figure shows for them ("Slope a = 2, Shift
c = 0: ..."); pass ``describe`` to say, frame by frame, what changed.

Example
-------
>>> from mlpcourse.explorers import explorer
>>> def draw(slope, shift):  # doctest: +SKIP
...     fig, ax = plt.subplots()
...     ...
...     ax.set_title(f"slope = {slope}, shift = {shift}")
...     return fig
>>> explorer(draw, {"slope": [0.5, 1, 2], "shift": [-1, 0, 1]},  # doctest: +SKIP
...          labels={"slope": "Slope a", "shift": "Shift c"},
...          alt="The sigmoid of a z + c and its derivative")
>>> def describe(slope, shift):  # doctest: +SKIP
...     return f"the sigmoid rises around z = {-shift / slope:g}, steeper as a grows"

matplotlib and ipywidgets are imported only when an explorer is built, so
``import mlpcourse`` stays light.
"""
from __future__ import annotations

import base64
import html
import itertools
import numbers
from collections.abc import Callable, Mapping, Sequence

from .rendering import DEFAULT_DPI, PIXEL_RATIO, figure_to_png, png_size

# figure_to_png (now in mlpcourse.rendering) can still be imported from here; it is
# documented once, at home.
__all__ = ["explorer", "Explorer", "grid_points", "render_frames", "format_value",
           "MAX_BYTES", "DEFAULT_DPI"]

#: Budget for the embedded frames of one explorer, in bytes of base64 text.
MAX_BYTES = 1_500_000
#: CSS classes the browser tests use to discover explorers and their parts.
ROOT_CLASS = "mlpcourse-explorer"
CONTROL_CLASS = "mlpcourse-explorer-control"
FRAME_CLASS = "mlpcourse-explorer-frame"


# ---------------------------------------------------------------------------------------
# Pure parts: grid checking, grid points, frames
# ---------------------------------------------------------------------------------------
def format_value(value) -> str:
    """Return the text a control shows for ``value`` (``0.5``, ``1e-03``, ``relu``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.4g}"


def _check_grid(grid, labels, defaults):
    """Validate the arguments of ``explorer``; return ``(names, values, start)``."""
    if not isinstance(grid, Mapping) or not grid:
        raise ValueError("grid must be a non-empty dict {parameter name: list of values}, "
                         f"got {grid!r}")
    names = list(grid)
    values = []
    for name in names:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"grid keys must be parameter names, got {name!r}")
        vals = grid[name]
        if isinstance(vals, (str, bytes)) or not isinstance(vals, Sequence) or len(vals) == 0:
            raise ValueError(f"grid[{name!r}] must be a non-empty list of values, got {vals!r}")
        shown = [format_value(v) for v in vals]
        if len(set(shown)) != len(shown):
            raise ValueError(f"grid[{name!r}] has values that look the same on a control: "
                             f"{shown}")
        values.append(list(vals))
    if not isinstance(labels, Mapping):
        raise ValueError("labels must be a dict {parameter name: control label}")
    missing = [n for n in names if not str(labels.get(n, "")).strip()]
    extra = [n for n in labels if n not in grid]
    if missing or extra:
        raise ValueError(f"labels must name exactly the grid parameters {names}; "
                         f"missing {missing}, unknown {extra}")
    defaults = dict(defaults or {})
    unknown = [n for n in defaults if n not in grid]
    if unknown:
        raise ValueError(f"defaults name unknown parameters {unknown}; valid: {names}")
    start = []
    for name, vals in zip(names, values):
        if name not in defaults:
            start.append(0)
            continue
        matches = [i for i, v in enumerate(vals) if v == defaults[name]]
        if not matches:
            raise ValueError(f"defaults[{name!r}] = {defaults[name]!r} is not on the grid "
                             f"{vals}")
        start.append(matches[0])
    return names, values, tuple(start)


def grid_points(grid: Mapping[str, Sequence]) -> list[dict]:
    """Every combination of the grid values, first parameter varying slowest.

    >>> grid_points({"a": [1, 2], "b": ["x", "y"]})
    [{'a': 1, 'b': 'x'}, {'a': 1, 'b': 'y'}, {'a': 2, 'b': 'x'}, {'a': 2, 'b': 'y'}]
    """
    names = list(grid)
    return [dict(zip(names, combo)) for combo in itertools.product(*grid.values())]


def render_frames(draw: Callable, grid: Mapping[str, Sequence], dpi: float = DEFAULT_DPI,
                  pixel_ratio: float = PIXEL_RATIO) -> dict[tuple, bytes]:
    """Run ``draw(**params)`` at every grid point; return ``{value indices: PNG bytes}``.

    The keys are tuples of indices into the grid's value lists, in grid order. Each image
    is ``figsize * dpi * pixel_ratio`` pixels (see :func:`mlpcourse.rendering.figure_to_png`).
    """
    names = list(grid)
    frames = {}
    for index in itertools.product(*(range(len(grid[n])) for n in names)):
        params = {n: grid[n][i] for n, i in zip(names, index)}
        frames[index] = figure_to_png(draw(**params), dpi=dpi, pixel_ratio=pixel_ratio)
    return frames


def _b64(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def _img_html(png: bytes, alt: str, pixel_ratio: float, attributes: str = "") -> str:
    """An ``<img>`` of PNG bytes, shown at its CSS size (image pixels / ``pixel_ratio``)."""
    width, height = (round(n / pixel_ratio) for n in png_size(png))
    return (f'<img src="data:image/png;base64,{_b64(png)}" alt="{html.escape(alt)}" '
            f'width="{width}" height="{height}"{attributes} '
            'style="max-width:100%;height:auto">')


def _frame_html(png: bytes, alt: str, caption: str, index: tuple, source: str,
                pixel_ratio: float = PIXEL_RATIO) -> str:
    """An ``<img>`` tag for one frame; data attributes let tests check which frame shows."""
    return _img_html(png, alt, pixel_ratio,
                     f' class="{FRAME_CLASS}" data-frame-index="{"-".join(map(str, index))}"'
                     f' data-frame-values="{html.escape(caption)}"'
                     f' data-frame-source="{source}"')


# ---------------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------------
class Explorer:
    """Precomputed frames of ``draw`` over ``grid`` and the widget that switches them.

    Build it with :func:`explorer`. Displaying it shows the controls and the frame for
    the current values, plus a static image (with alt text) for readers without
    JavaScript.

    Attributes
    ----------
    names : list of str
        Parameter names, in grid order (one control each).
    values : list of list
        The grid values of each parameter.
    frames : dict
        ``{tuple of value indices: PNG bytes}`` for every grid point.
    nbytes : int
        Size of the embedded frames (base64 text), checked against ``max_bytes``.
    describe : callable or None
        ``describe(**params) -> str``: what each frame shows (see :meth:`frame_alt`).
    pixel_ratio : float
        Image pixels per CSS pixel of the frames.
    links : list
        The ``jslink`` links from each control's ``index`` to its stacks' ``selected_index``
        (filled when the widget is built).
    """

    def __init__(self, draw, names, values, frames, *, labels, alt, start, dpi,
                 describe=None, pixel_ratio=PIXEL_RATIO):
        self.draw = draw
        self.names = names
        self.values = values
        self.frames = frames
        self.labels = dict(labels)
        self.alt = alt
        self.describe = describe
        self.start = start
        self.dpi = dpi
        self.pixel_ratio = pixel_ratio
        self.nbytes = sum(len(_b64(png)) for png in frames.values()) + len(_b64(frames[start]))
        self._widget = None
        self._controls = []
        self._frame_widgets = {}
        self._redrawn = set()
        self.links = []

    def caption(self, index: tuple) -> str:
        """Text naming the values of one frame: ``"Slope a = 2, Shift c = 0"``."""
        return ", ".join(f"{self.labels[n]} = {format_value(self.values[k][i])}"
                         for k, (n, i) in enumerate(zip(self.names, index)))

    def params(self, index: tuple) -> dict:
        """The keyword arguments of ``draw`` for a tuple of value indices."""
        return {n: self.values[k][i] for k, (n, i) in enumerate(zip(self.names, index))}

    def frame_alt(self, index: tuple) -> str:
        """Alt text of one frame: the control values, then what the figure shows for them.

        ``"Slope a = 2, Shift c = 0: " + describe(slope=2, shift=0)`` when the explorer has
        a ``describe`` function, else the values followed by ``alt``.
        """
        text = self.alt
        if self.describe is not None:
            text = self.describe(**self.params(index))
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"describe({self.params(index)}) must return a non-empty "
                                 f"description of the frame, got {text!r}")
        return f"{self.caption(index)}: {text.strip()}"

    # -- widget construction -------------------------------------------------------------
    def _make_control(self, k):
        import ipywidgets as w

        name, vals = self.names[k], self.values[k]
        options = [(format_value(v), i) for i, v in enumerate(vals)]
        numeric = all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in vals)
        common = dict(options=options, value=self.start[k], description=self.labels[name],
                      style={"description_width": "initial"})
        if numeric and len(vals) > 1:
            ctrl = w.SelectionSlider(continuous_update=True, readout=True,
                                     layout=w.Layout(width="min(100%, 36em)"), **common)
        elif len(vals) <= 5:
            ctrl = w.ToggleButtons(**common)
        else:
            ctrl = w.Dropdown(**common)
        ctrl.add_class(CONTROL_CLASS)
        ctrl.add_class(f"{CONTROL_CLASS}-{k}")
        return ctrl

    def _make_stack(self, level, prefix, stacks):
        import ipywidgets as w

        if level == len(self.names):
            index = tuple(prefix)
            frame = w.HTML(_frame_html(self.frames[index], self.frame_alt(index),
                                       self.caption(index), index, "embedded",
                                       self.pixel_ratio))
            self._frame_widgets[index] = frame
            return frame
        children = [self._make_stack(level + 1, prefix + [i], stacks)
                    for i in range(len(self.values[level]))]
        stack = w.Stack(children, selected_index=self.start[level])
        stacks[level].append(stack)
        return stack

    @property
    def widget(self):
        """The ipywidgets box: one labelled control per parameter above the frame stack."""
        if self._widget is None:
            import ipywidgets as w

            self._controls = [self._make_control(k) for k in range(len(self.names))]
            stacks = [[] for _ in self.names]
            top = self._make_stack(0, [], stacks)
            for ctrl, level_stacks in zip(self._controls, stacks):
                for stack in level_stacks:
                    self.links.append(w.jslink((ctrl, "index"), (stack, "selected_index")))
                ctrl.observe(self._redraw, names="index")
            box = w.VBox([*self._controls, top])
            box.add_class(ROOT_CLASS)
            self._widget = box
        return self._widget

    @property
    def controls(self):
        """The control widgets, one per parameter, in grid order."""
        self.widget  # noqa: B018  (builds the widget on first use)
        return list(self._controls)

    def current_index(self) -> tuple:
        """Value indices the controls currently select."""
        return tuple(int(c.index) for c in self.controls)

    def _redraw(self, change=None):
        """Live kernel: redraw the selected frame with ``draw`` (runs only with a kernel).

        Each frame is redrawn at most once per session: ``draw`` is pure, so a second
        redraw would give the same image (and a dragged slider would queue many)."""
        index = self.current_index()
        if index in self._redrawn:
            return
        self._redrawn.add(index)
        png = figure_to_png(self.draw(**self.params(index)), dpi=self.dpi,
                            pixel_ratio=self.pixel_ratio)
        self.frames[index] = png
        self._frame_widgets[index].value = _frame_html(png, self.frame_alt(index),
                                                       self.caption(index), index, "kernel",
                                                       self.pixel_ratio)

    # -- display -------------------------------------------------------------------------
    def fallback_html(self) -> str:
        """Static image of the default frame for readers without JavaScript."""
        return ("<noscript>" + _img_html(self.frames[self.start], self.frame_alt(self.start),
                                         self.pixel_ratio) + "</noscript>")

    def _ipython_display_(self):
        from IPython.display import HTML, display

        display(HTML(self.fallback_html()), metadata={"mlpcourse": "explorer-fallback"})
        display(self.widget)

    def __repr__(self):
        sizes = " x ".join(str(len(v)) for v in self.values)
        return (f"<Explorer {self.names} ({sizes} = {len(self.frames)} frames, "
                f"{self.nbytes / 1e6:.2f} MB)>")


def explorer(draw: Callable, grid: Mapping[str, Sequence], *, labels: Mapping[str, str],
             alt: str, defaults: Mapping | None = None, dpi: float = DEFAULT_DPI,
             max_bytes: int = MAX_BYTES, describe: Callable | None = None,
             pixel_ratio: float = PIXEL_RATIO) -> Explorer:
    """Build an explorer: ``draw`` precomputed over ``grid``, switched by linked controls.

    Parameters
    ----------
    draw : callable
        Pure function ``draw(**params) -> matplotlib.figure.Figure``. It should show the
        current values in the figure (for example in the title).
    grid : dict of {str: list}
        Ordered values of each parameter, e.g. ``{"units": [2, 4, 8]}``. One control per
        key: a slider for numbers, toggle buttons (up to five options) or a drop-down
        otherwise. Keep the grid small: every point is drawn when the notebook executes.
    labels : dict of {str: str}
        Full label of each control, e.g. ``{"units": "Hidden units"}``; shown untruncated.
    alt : str
        Alt text describing the figure. Each frame's alt text is the values of the controls
        followed by it: ``"Slope a = 2, Shift c = 0: <alt>"``; the static fallback (no
        JavaScript) uses the default frame's.
    defaults : dict, optional
        Starting value of some parameters (each must be on the grid); first value otherwise.
    dpi : float, default 72
        CSS pixels per inch of figure: a frame is ``figsize * dpi`` pixels wide on the page.
    max_bytes : int, default 1_500_000
        Budget for the embedded frames; exceeding it raises ``ValueError``.
    describe : callable, optional
        ``describe(**params) -> str``, called with the same keyword arguments as ``draw``:
        what this frame shows that the others do not, for readers who cannot see it, e.g.
        ``"the derivative peaks at 0.5, twice the height at slope 1"``. It replaces ``alt``
        after the control values in each frame's alt text (``alt`` stays the fallback's
        summary). It must be pure and return a non-empty string.
    pixel_ratio : float, default 2
        Image pixels per CSS pixel: 2 keeps the frames sharp on high-DPI screens. Frames
        are palette PNGs (:func:`mlpcourse.rendering.figure_to_png`).

    Returns
    -------
    Explorer
        Displays as the controls plus the frame stack; ``.widget``, ``.frames``,
        ``.controls`` give access to the parts.

    Raises
    ------
    ValueError
        For an empty or malformed grid, labels that do not match the grid, defaults off
        the grid, an empty ``alt``, a ``describe`` that returns no text, or frames over the
        size budget.
    TypeError
        If ``draw`` is not callable or does not return a matplotlib Figure.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function returning a Figure, got {draw!r}")
    if describe is not None and not callable(describe):
        raise TypeError(f"describe must be a function returning a string, got {describe!r}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must be a non-empty description of the figure")
    names, values, start = _check_grid(grid, labels, defaults)
    frames = render_frames(draw, dict(zip(names, values)), dpi=dpi, pixel_ratio=pixel_ratio)
    result = Explorer(draw, names, values, frames, labels=labels, alt=alt, start=start, dpi=dpi,
                      describe=describe, pixel_ratio=pixel_ratio)
    if result.nbytes > max_bytes:
        raise ValueError(
            f"the explorer's {len(frames)} frames take {result.nbytes / 1e6:.2f} MB, over the "
            f"{max_bytes / 1e6:.2f} MB budget: use fewer grid values, a smaller figure or a "
            f"lower dpi (now {dpi})")
    for index in frames:
        result.frame_alt(index)  # a describe() that returns no text fails here, not in a page
    return result
