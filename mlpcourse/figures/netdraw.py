"""A small fully connected network drawn so that every number on it can be read.

:func:`mlpcourse.plots.draw_network` draws networks of any size. This module draws the
small ones the chapters reason about number by number (2-2-1, 2-3-1): each connection can
carry a label (a weight or a gradient), and the labels are placed along their connections
so that no two overlap and none hides a neuron (:func:`place_labels`). Colour, line style
and width show the sign and size of whatever values the caller passes, so a backward step
can show gradients, not weights. Units are numbered from the top, as they are read.
"""
import numpy as np

from ..plots import CLASS_COLORS

NODE_RADIUS = 0.3
#: Fractions along a connection tried for its label. Each source neuron of a layer starts
#: from its own fraction (staggered), so labels of neighbouring sources do not line up.
FRACTIONS = (0.22, 0.3, 0.38, 0.46, 0.54, 0.62, 0.7, 0.78, 0.16)
STAGGER = 0.12
POSITIVE, NEGATIVE, NEUTRAL = CLASS_COLORS[1], CLASS_COLORS[0], "0.72"
LAYER_FILL = {"input": "#d9ead3", "hidden": "#cfe2f3", "output": "#f4cccc", "bias": "#fff2b2"}


def layout(layer_sizes, dx=2.6, dy=1.4, bias=True):
    """Centres of the neurons and bias neurons.

    Parameters
    ----------
    layer_sizes : sequence of int
    dx, dy : float
        Distance between layers, and between the units of a layer.
    bias : bool
        Give every layer but the last a bias neuron, above its top unit.

    Returns
    -------
    nodes : dict {(layer, unit): (x, y)}
        Unit 0 of each layer at the top.
    biases : dict {layer: (x, y)}
    """
    nodes, biases = {}, {}
    top = dy * (max(layer_sizes) - 1) / 2
    for layer, size in enumerate(layer_sizes):
        for unit in range(size):
            nodes[(layer, unit)] = (layer * dx, dy * ((size - 1) / 2 - unit))
        if bias and layer < len(layer_sizes) - 1:
            biases[layer] = (layer * dx + 0.45 * dx, top + 0.9)
    return nodes, biases


def connections(layer_sizes, nodes, biases):
    """Every connection as ``(layer, i, j), start, end``; ``i = n_layer`` is the bias."""
    segments = []
    for layer in range(len(layer_sizes) - 1):
        sources = [nodes[(layer, i)] for i in range(layer_sizes[layer])]
        if layer in biases:
            sources.append(biases[layer])
        for i, start in enumerate(sources):
            for j in range(layer_sizes[layer + 1]):
                segments.append(((layer, i, j), start, nodes[(layer + 1, j)]))
    return segments


def _overlap(a, b):
    """Overlap area of two boxes given as (centre x, centre y, width, height)."""
    dx = min(a[0] + a[2] / 2, b[0] + b[2] / 2) - max(a[0] - a[2] / 2, b[0] - b[2] / 2)
    dy = min(a[1] + a[3] / 2, b[1] + b[3] / 2) - max(a[1] - a[3] / 2, b[1] - b[3] / 2)
    return max(dx, 0.0) * max(dy, 0.0)


def _candidates(source, fractions):
    """Fractions to try for a label of source neuron ``source``: nearest its own first."""
    own = fractions[0] + STAGGER * source
    return sorted(fractions + (own,), key=lambda t: abs(t - own))


def place_labels(segments, sizes, obstacles=(), fractions=FRACTIONS):
    """Put one label on each segment, clear of other labels, obstacles and other segments.

    Parameters
    ----------
    segments : list of ((layer, i, j), (x0, y0), (x1, y1))
        As :func:`connections` returns them.
    sizes : dict {(layer, i, j): (width, height)}
        The box of each label, in data units; segments without a size get no label.
    obstacles : sequence of (x, y, width, height)
        Boxes to keep clear (the neurons).
    fractions : sequence of float
        Positions along a segment to try; a label of source ``i`` (the middle entry of its
        key) prefers ``fractions[0] + STAGGER * i`` and the fractions nearest to it.

    Returns
    -------
    dict {(layer, i, j): (x, y)}
        The centre of each label. Overlapping another label or an obstacle costs most;
        lying across another segment costs a little; the cheapest candidate wins.
    """
    placed, boxes = {}, list(obstacles)
    t = np.linspace(0.0, 1.0, 41)[:, None]
    samples = {key: np.asarray(a) + t * (np.asarray(b) - np.asarray(a))
               for key, a, b in segments}
    for key, (x0, y0), (x1, y1) in segments:
        if key not in sizes:
            continue
        w, h = sizes[key]
        others = np.concatenate([p for k, p in samples.items() if k != key])
        best, best_cost = None, np.inf
        for t in _candidates(key[1], tuple(fractions)):
            box = (x0 + t * (x1 - x0), y0 + t * (y1 - y0), w, h)
            crossed = np.sum((np.abs(others[:, 0] - box[0]) < w / 2)
                             & (np.abs(others[:, 1] - box[1]) < h / 2))
            # other labels and neurons must stay clear; other connections should
            cost = sum(_overlap(box, other) for other in boxes) + 1e-3 * crossed
            if cost < best_cost:
                best, best_cost = box, cost
            if cost == 0:
                break
        placed[key] = best[:2]
        boxes.append(best)
    return placed


def _style(value, scale):
    if value is None or value == 0:
        return {"color": NEUTRAL, "linewidth": 0.8, "linestyle": "-"}
    return {"color": POSITIVE if value > 0 else NEGATIVE,
            "linewidth": 0.6 + 4.0 * abs(value) / scale,
            "linestyle": "-" if value >= 0 else (0, (4, 2))}


def _edge_value(edge_values, layer, i, j):
    if edge_values is None or edge_values[layer] is None:
        return None
    value = float(edge_values[layer][i, j])
    return value if np.isfinite(value) else None  # NaN: a connection not involved


def _scale_of(edge_values):
    mags = [np.nanmax(np.abs(v)) for v in (edge_values or []) if v is not None]
    return max(max(mags, default=1.0), 1e-12)


def draw_labelled_network(layer_sizes, ax, *, names=None, node_text=None, edge_text=None,
                          edge_values=None, title="", fontsize=9):
    """Draw a small network with readable labels on its neurons and connections.

    Parameters
    ----------
    layer_sizes : sequence of int
    ax : matplotlib Axes
    names : dict {(layer, unit): str}, optional
        Short names written inside the neurons (``x₁``, ``h₂``, ``ŷ``).
    node_text : dict {(layer, unit): str}, optional
        A value written under a neuron.
    edge_text : dict {(layer, i, j): str}, optional
        A label on the connection from unit ``i`` of ``layer`` to unit ``j`` of the next
        layer; ``i = layer_sizes[layer]`` is the bias neuron.
    edge_values : list of (arrays of shape (n_layer + 1, n_next) or None), optional
        The numbers that colour the connections of each layer (last row: the biases):
        red and solid for positive, blue and dashed for negative, width for size.
        ``None`` (for a layer, or for all) draws thin grey lines.
    title : str
    fontsize : float

    Returns
    -------
    dict {(layer, i, j): (x, y)}
        Where each edge label was placed (for tests).
    """
    nodes, biases = layout(layer_sizes)
    segments = connections(layer_sizes, nodes, biases)
    scale = _scale_of(edge_values)
    for (layer, i, j), (x0, y0), (x1, y1) in segments:
        style = _style(_edge_value(edge_values, layer, i, j), scale)
        ax.plot([x0, x1], [y0, y1], zorder=1, solid_capstyle="round", **style)
    xs = [x for x, _ in nodes.values()] + [x for x, _ in biases.values()]
    ys = [y for _, y in nodes.values()] + [y for _, y in biases.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.4)
    ax.set_aspect("equal")
    ax.set_axis_off()
    per_unit = _inches_per_unit(ax)
    char_w, line_h = 0.62 * fontsize / 72 / per_unit, 1.5 * fontsize / 72 / per_unit
    obstacles = [(x, y, 2.2 * NODE_RADIUS, 2.2 * NODE_RADIUS)
                 for x, y in [*nodes.values(), *biases.values()]]
    for key, text in (node_text or {}).items():
        x, y = nodes[key]
        obstacles.append((x, y - NODE_RADIUS - 0.5 * line_h, char_w * len(text) + 0.1, line_h))
    sizes = {key: (char_w * len(text) + 0.08, line_h)
             for key, text in (edge_text or {}).items()}
    placed = place_labels(segments, sizes, obstacles)
    box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "0.6",
           "linewidth": 0.5}
    for key, (x, y) in placed.items():
        ax.text(x, y, edge_text[key], ha="center", va="center", fontsize=fontsize, zorder=4,
                bbox=box)
    _draw_neurons(ax, layer_sizes, nodes, biases, names or {}, node_text or {}, fontsize)
    ax.set_title(title)
    return placed


def _draw_neurons(ax, layer_sizes, nodes, biases, names, node_text, fontsize):
    from matplotlib.patches import Circle

    last = len(layer_sizes) - 1
    for (layer, unit), (x, y) in nodes.items():
        kind = "input" if layer == 0 else "output" if layer == last else "hidden"
        ax.add_patch(Circle((x, y), NODE_RADIUS, facecolor=LAYER_FILL[kind],
                            edgecolor="k", zorder=2))
        ax.text(x, y, names.get((layer, unit), ""), ha="center", va="center",
                fontsize=fontsize + 1, zorder=3)
        text = node_text.get((layer, unit))
        if text:
            ax.text(x, y - NODE_RADIUS - 0.05, text, ha="center", va="top", fontsize=fontsize,
                    weight="bold", zorder=5, bbox={"boxstyle": "round,pad=0.15",
                                                   "facecolor": "#fafafa", "edgecolor": "none"})
    for x, y in biases.values():
        ax.add_patch(Circle((x, y), 0.7 * NODE_RADIUS, facecolor=LAYER_FILL["bias"],
                            edgecolor="k", zorder=2))
        ax.text(x, y, "1", ha="center", va="center", fontsize=fontsize, zorder=3)


def _inches_per_unit(ax):
    """How many inches one data unit spans on an equal-aspect axes."""
    fig = ax.figure
    pos = ax.get_position()
    width, height = pos.width * fig.get_figwidth(), pos.height * fig.get_figheight()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    return min(width / (x1 - x0), height / (y1 - y0))
