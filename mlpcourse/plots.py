"""The course's plotting helpers (matplotlib, imported when first used).

Every function draws into ``ax`` when given one (else a new figure) and returns the axes, so
chapters and explorers compose them. Titles and axis labels are always set.

Colours are chosen for every reader, including the one in twelve men with a colour-vision
deficiency: lines and classes use the Okabe-Ito palette (Okabe and Ito, "Color Universal
Design", 2008), whose colours stay apart under protanopia, deuteranopia and tritanopia;
maps of one quantity use ``cividis``, whose lightness rises steadily and which looks the
same with or without red-green colour vision; maps signed around a centre use ``RdBu_r``
(blue below, red above, white at the centre). Classes also differ by marker shape.
:func:`use_course_style` makes these the matplotlib defaults and draws inline figures
sharp on high-DPI screens; the course's environment calls it in every kernel.
"""
import numpy as np

#: The Okabe-Ito palette, by name.
OKABE_ITO = {"blue": "#0072B2", "orange": "#E69F00", "bluish green": "#009E73",
             "vermillion": "#D55E00", "reddish purple": "#CC79A7", "sky blue": "#56B4E9",
             "yellow": "#F0E442", "black": "#000000"}
#: Line colours in matplotlib's usual order (blue, orange, green, red, purple, ...), so text
#: that says "the orange curve" stays true. Yellow is left out: too light on white.
LINE_COLORS = tuple(OKABE_ITO[name] for name in (
    "blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "black"))
#: Class colours: class 0 blue and class 1 vermillion, the ends of DIVERGING_CMAP.
CLASS_COLORS = tuple(OKABE_ITO[name] for name in (
    "blue", "vermillion", "bluish green", "reddish purple", "orange"))
#: Class markers, so classes differ by shape as well as by colour.
CLASS_MARKERS = ("o", "s", "^", "D", "v")
#: Colour map of one quantity (perceptually uniform, colour-blind safe).
SEQUENTIAL_CMAP = "cividis"
#: Colour map of a signed quantity or a probability around 0.5 (ColorBrewer RdBu).
DIVERGING_CMAP = "RdBu_r"
#: matplotlib settings of the course style (see :func:`use_course_style`).
COURSE_RC = {"axes.prop_cycle": f"cycler('color', {list(LINE_COLORS)!r})",
             "image.cmap": SEQUENTIAL_CMAP}
#: Image pixels per CSS pixel of inline figures (2: sharp on high-DPI screens).
INLINE_PIXEL_RATIO = 2


def inline_png(fig):
    """An inline figure as a 2x palette PNG and its display size: ``(base64, metadata)``.

    The IPython ``image/png`` formatter that :func:`use_course_style` installs: like
    IPython's ``"retina"`` format (twice the pixels, shown at the figure's size, cropped
    tight), but reduced to a palette (:func:`mlpcourse.rendering.palette_png`), so it costs
    about the bytes of a 1x image. The figure is left open (the inline backend closes it).
    Returns None for an empty figure, which IPython then does not show.
    """
    import base64

    from IPython.core.pylabtools import print_figure

    from .rendering import palette_png, png_size

    png = print_figure(fig, "png", dpi=fig.dpi * INLINE_PIXEL_RATIO)
    if png is None:
        return None
    png = palette_png(png)
    width, height = (round(n / INLINE_PIXEL_RATIO) for n in png_size(png))
    return base64.b64encode(png).decode("ascii"), {"width": width, "height": height}


def use_course_style(shell=None):
    """Make the course style matplotlib's default, and inline figures sharp (2x pixels).

    Sets :data:`COURSE_RC` (Okabe-Ito line colours, ``cividis`` maps). In IPython or Jupyter
    (``shell``, default: the running one, if any), also shows figures with
    :func:`inline_png`. The course's environment runs it in every kernel
    (``tools/ipython_kernel_config.py``); on Colab or elsewhere, call it once at the top
    of a notebook.
    """
    import matplotlib

    matplotlib.rcParams.update(COURSE_RC)
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # plain Python: rcParams only
            return
        shell = get_ipython()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", {})
    backend = str(matplotlib.get_backend(auto_select=False) or "")
    if "image/png" not in formatters or "inline" not in backend:
        return  # no notebook, or figures open in windows: nothing to format
    # Loading the inline backend now lets it register its own formatters first (it drops
    # any it finds when it loads); ours then replaces its PNG one.
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    plt.switch_backend(backend)
    formatters["image/png"].for_type(Figure, inline_png)


def _axes(ax, figsize=(5, 4)):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    return plt.subplots(figsize=figsize)[1]


def grid_over(X, resolution=150, padding=0.5):
    """A (resolution x resolution) grid covering the 2-D points X with ``padding`` around.

    Returns ``(xx, yy, points)`` with points of shape (resolution**2, 2).
    """
    X = np.asarray(X)
    lo, hi = X.min(axis=0) - padding, X.max(axis=0) + padding
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(model, X, y, ax=None, resolution=150, title=None, padding=0.5):
    """Shade the plane by the model's prediction and scatter the labelled points.

    ``model`` is an :class:`~mlpcourse.MLP` (or anything with ``predict``) or a function
    mapping an (n, 2) array to outputs. One output column is read as the probability of
    class 1 (shaded from 0 to 1, boundary at 0.5); several columns as class scores (argmax).
    """
    from matplotlib.colors import ListedColormap
    ax = _axes(ax)
    predict = model.predict if hasattr(model, "predict") else model
    X = np.asarray(X)
    xx, yy, points = grid_over(X, resolution, padding)
    dtype = getattr(model, "dtype", np.float64)
    out = np.asarray(predict(points.astype(dtype)))
    y = np.asarray(y).reshape(-1)
    if out.ndim == 2 and out.shape[1] > 1:
        k = out.shape[1]
        cmap = ListedColormap(CLASS_COLORS[:k])  # the class colours, lightened by alpha
        ax.contourf(xx, yy, out.argmax(axis=1).reshape(xx.shape), levels=np.arange(k + 1) - 0.5,
                    cmap=cmap, alpha=0.25)
    else:
        prob = np.nan_to_num(out.reshape(xx.shape), nan=0.5)
        ax.contourf(xx, yy, prob, levels=np.linspace(0, 1, 11), cmap=DIVERGING_CMAP,
                    alpha=0.35, vmin=0, vmax=1)
        if prob.min() < 0.5 < prob.max():
            ax.contour(xx, yy, prob, levels=[0.5], colors="k", linewidths=1)
    for label in np.unique(y):
        mask = y == label
        k = int(label) % len(CLASS_COLORS)
        ax.scatter(X[mask, 0], X[mask, 1], s=14, color=CLASS_COLORS[k], marker=CLASS_MARKERS[k],
                   edgecolor="white", linewidth=0.4, label=f"class {label}")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title or "Decision boundary")
    return ax


def plot_history(history, ax=None, title=None, log=False):
    """Plot the training (and validation) loss per epoch of a :class:`~mlpcourse.History`."""
    ax = _axes(ax)
    epochs = np.arange(1, len(history.loss) + 1)
    ax.plot(epochs, history.loss, color=LINE_COLORS[0], label="training loss")
    if len(history.val_loss):
        ax.plot(epochs, history.val_loss, color=LINE_COLORS[1], label="validation loss",
                linestyle="--")
    if getattr(history, "diverged", None):
        ax.axvline(history.diverged, color=OKABE_ITO["vermillion"], linestyle=":",
                   label="diverged")
    if log:
        ax.set_yscale("log")
    ax.set(xlabel="epoch", ylabel="loss", title=title or "Learning curve")
    ax.legend()
    return ax


def _layer_name(i, n_layers):
    if i == 0:
        return "input\n(passthrough)"
    if i == n_layers - 1:
        return "output\nlayer"
    return f"hidden\nlayer {i}"


def neuron_positions(layer_sizes, max_units=8):
    """(x, y) centres of the drawn neurons, layer by layer; big layers show ``max_units``."""
    positions = []
    for i, size in enumerate(layer_sizes):
        shown = min(size, max_units)
        ys = np.linspace(-(shown - 1) / 2, (shown - 1) / 2, shown) if shown > 1 else [0.0]
        positions.append([(float(i), float(y)) for y in ys])
    return positions


def draw_network(layer_sizes, ax=None, show_bias=True, weights=None, node_labels=None,
                 edge_labels=None, title=None, max_units=8, label_layers=True):
    """Draw a fully connected network: neurons, bias neurons, connections, layer names.

    Parameters
    ----------
    layer_sizes : sequence of int
    weights : list of arrays (fan_in, fan_out), optional
        Drawn as line width (size) and colour (vermillion positive, blue negative).
    node_labels : dict {(layer, unit): str}, optional
        Text under a neuron (values, gradients). ``(layer, "bias")`` labels a bias neuron.
    edge_labels : dict {(layer, i, j): str}, optional
        Text on the connection from unit i of ``layer`` to unit j of ``layer + 1``.
    """
    ax = _axes(ax, figsize=(1.8 * len(layer_sizes) + 1, 4))
    pos = neuron_positions(layer_sizes, max_units)
    top = max(len(p) for p in pos) / 2 + 0.6
    scale = max((np.abs(w).max() for w in weights), default=1.0) if weights else 1.0
    for layer in range(len(layer_sizes) - 1):
        sources = list(pos[layer])
        if show_bias:
            sources.append((layer + 0.35, top - 0.1))
        for i, (x0, y0) in enumerate(sources):
            for j, (x1, y1) in enumerate(pos[layer + 1]):
                style = {"color": "0.6", "linewidth": 0.6, "zorder": 1}
                if weights is not None and i < len(pos[layer]):
                    w = weights[layer][i, j]
                    style.update(color=CLASS_COLORS[1] if w > 0 else CLASS_COLORS[0],
                                 linewidth=0.3 + 3 * abs(w) / scale)
                if i == len(pos[layer]):
                    style.update(linestyle=":")
                ax.plot([x0, x1], [y0, y1], **style)
                text = (edge_labels or {}).get((layer, i, j))
                if text:
                    ax.text(x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0), text, fontsize=7,
                            ha="center", va="center", backgroundcolor="white", zorder=3)
        if show_bias:
            bx, by = sources[-1]
            ax.scatter([bx], [by], s=260, color="#fff2b2", edgecolor="k", zorder=2)
            ax.text(bx, by, "1", ha="center", va="center", fontsize=8, zorder=3)
            text = (node_labels or {}).get((layer, "bias"))
            if text:
                ax.text(bx, by + 0.35, text, ha="center", fontsize=7)
    colors = ["#d9ead3"] + ["#cfe2f3"] * (len(layer_sizes) - 2) + ["#f4cccc"]
    for layer, points in enumerate(pos):
        xs, ys = zip(*points)
        ax.scatter(xs, ys, s=420, color=colors[layer], edgecolor="k", zorder=2)
        for unit, (x, y) in enumerate(points):
            text = (node_labels or {}).get((layer, unit))
            if text:
                ax.text(x, y, text, ha="center", va="center", fontsize=7, zorder=3)
        if layer_sizes[layer] > len(points):
            ax.text(xs[0], min(ys) - 0.6, f"({layer_sizes[layer]} units)", ha="center",
                    fontsize=8)
        if label_layers:
            ax.text(xs[0], -top - 0.2, _layer_name(layer, len(layer_sizes)), ha="center",
                    va="top", fontsize=8)
    ax.set_xlim(-0.6, len(layer_sizes) - 0.4)
    ax.set_ylim(-top - 1.0, top + 0.3)
    ax.set_axis_off()
    n_params = sum((a + 1) * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    ax.set_title(title or f"{'-'.join(map(str, layer_sizes))} network, {n_params} parameters")
    return ax
