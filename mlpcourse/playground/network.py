"""The playground's network view: a heatmap per feature and unit, weights as lines.

Used by the live figure (:mod:`mlpcourse.playground.figure`, heatmaps pasted into each
rendered frame) and by the static frames (:mod:`mlpcourse.playground.static`, heatmaps
placed as figure images). No widgets here.
"""
import numpy as np

from .data import FEATURES

POSITIVE, NEGATIVE = "#d62728", "#1f77b4"   # weight colours, as in mlpcourse.plots
CMAP = "RdBu_r"


def unit_scale(values):
    """Per-unit symmetric scaling to [0, 1] (0.5 is zero), as the network's heatmaps use."""
    V = np.nan_to_num(np.asarray(values, dtype=float))
    scale = np.abs(V).max(axis=0)
    return 0.5 + V / (2 * np.where(scale > 0, scale, 1.0))


def unit_at(boxes, side, size, x, y, shown=None):
    """The unit whose heatmap is at a point of the picture, or None.

    Parameters
    ----------
    boxes : list of lists of (int, int)
        Per layer, the top-left pixel ``(x0, y0)`` of each unit's heatmap in the rendered
        frame (rows counted from the top): :attr:`NetworkPlot.boxes`.
    side : int
        Side of a heatmap in pixels of the frame.
    size : (int, int)
        Width and height of the rendered frame in pixels.
    x, y : float
        The point, from the top-left corner of the picture as shown.
    shown : (float, float), optional
        Width and height of the picture as shown (a browser may scale it), in the units of
        ``x`` and ``y``; by default the frame's own ``size``.

    Returns
    -------
    (int, int) or None
        ``(layer, index)`` of the heatmap under the point (its one-pixel frame included;
        layer 0 holds the features), or None between and outside the heatmaps.
    """
    width, height = size if shown is None else shown
    if not (width > 0 and height > 0 and np.isfinite([x, y, width, height]).all()):
        return None
    px, py = x * size[0] / width, y * size[1] / height
    for layer, layer_boxes in enumerate(boxes):
        for index, (x0, y0) in enumerate(layer_boxes):
            if x0 - 1 <= px < x0 + side + 1 and y0 - 1 <= py < y0 + side + 1:
                return layer, index
    return None


def _node_size(layer_sizes, width, height, span=0.78):
    """Side of a node's heatmap as figure fractions (w, h): square on the page."""
    tallest = max(layer_sizes)
    h = min(0.13, span / (1.3 * tallest))
    return h * height / width, h


class NetworkPlot:
    """The network: one small heatmap per feature, hidden unit and output, weights as lines.

    Each heatmap shows what the unit computes over the square (red positive, blue negative,
    scaled per unit); each line's width shows a weight's size and its colour its sign. The
    heatmaps are colour-mapped with numpy and pasted into the rendered frame by
    :meth:`paste`, so their number hardly changes the cost of a frame.
    """

    BORDER = (90, 90, 90)

    def __init__(self, fig, layer_sizes, feature_names, left=0.06, right=0.97, levels=None,
                 centre=0.5, span=0.78):
        self.fig = fig
        self.levels = levels
        self.selected = None  # (layer, index) of the unit drawn with a dark frame
        self.layer_sizes = list(layer_sizes)
        width, height = fig.get_size_inches()
        w, h = _node_size(self.layer_sizes, width, height, span)
        n = len(self.layer_sizes)
        xs = np.linspace(left + w, right - w, n) if n > 1 else [0.5]
        self.centres = []
        for k, size in enumerate(self.layer_sizes):
            ys = (centre + (np.arange(size) - (size - 1) / 2) * 1.3 * h)[::-1]
            self.centres.append([(xs[k], y) for y in ys])
            top = centre + (size - 1) / 2 * 1.3 * h + h / 2
            units = f"{size} unit{'s' * (size > 1)}"
            name = ("Input\nfeatures" if k == 0 else "Output" if k == n - 1
                    else f"Hidden layer {k}\n{units}" if n <= 5 else f"Layer {k}\n{units}")
            fig.text(xs[k], min(top + 0.025, centre + span / 2 + 0.1), name, ha="center", va="bottom",
                     fontsize=9 if n <= 6 else 8)
        for (x, y), f in zip(self.centres[0], feature_names):
            fig.text(x - w / 2 - 0.008, y, FEATURES[f][0], ha="right", va="center", fontsize=9)
        self.lines = self._make_lines(w)
        self._make_canvas(h)

    def _make_lines(self, w):
        from matplotlib.collections import LineCollection
        segments = []
        for k in range(len(self.layer_sizes) - 1):
            for (x0, y0) in self.centres[k]:
                for (x1, y1) in self.centres[k + 1]:
                    segments.append([(x0 + w / 2, y0), (x1 - w / 2, y1)])
        back = self.fig.add_axes([0, 0, 1, 1], zorder=-1)
        back.set_xlim(0, 1), back.set_ylim(0, 1)
        back.set_axis_off()
        lines = LineCollection(segments, linewidths=0.5, colors="0.6")
        back.add_collection(lines)
        return lines

    def _make_canvas(self, h):
        """Pixel boxes of the nodes (rows counted from the top, as in the rendered buffer)."""
        from matplotlib import colormaps
        from matplotlib.colors import to_rgba_array
        W, H = (self.fig.get_size_inches() * self.fig.dpi).round().astype(int)
        self.frame_size = (int(W), int(H))  # of the rendered frame, in pixels
        self.side = side = max(int(round(h * H)), 4)
        self.boxes = [[(int(round(x * W - side / 2)), int(round((1 - y) * H - side / 2)))
                       for x, y in layer] for layer in self.centres]
        cmap = colormaps[CMAP].resampled(self.levels) if self.levels else colormaps[CMAP]
        self.lut = cmap(np.linspace(0, 1, 256), bytes=True)[:, :3]
        self.rgba_positive, self.rgba_negative = to_rgba_array([POSITIVE, NEGATIVE])
        self.blocks = []

    def unit_at(self, x, y, shown=None):
        """The unit ``(layer, index)`` whose heatmap is at ``(x, y)`` of the frame as shown
        (``shown``: its displayed width and height), or None: see :func:`unit_at`."""
        return unit_at(self.boxes, self.side, self.frame_size, x, y, shown)

    @property
    def dynamic(self):
        return [self.lines]

    def update(self, activations, weights, resolution, output_clim=(0, 1)):
        """New heatmaps (``activations`` per layer over the grid) and weight lines.

        Features and hidden units are scaled per unit (symmetric about 0); the output uses
        ``output_clim``, the colour scale of the boundary plot.
        """
        pick = (np.arange(self.side) * resolution // self.side).astype(int)
        rows, cols = pick[::-1], pick  # image rows run downwards, x2 upwards
        last = len(activations) - 1
        self.blocks = []
        for k, (boxes, A) in enumerate(zip(self.boxes, activations)):
            V = np.nan_to_num(np.asarray(A, dtype=float))
            if k == last:
                lo, hi = output_clim
                scaled = (V - lo) / (hi - lo)
            else:
                scaled = unit_scale(V)
            codes = np.clip(scaled * 255, 0, 255).astype(np.uint8)
            for j, box in enumerate(boxes):
                img = codes[:, j].reshape(resolution, resolution)[np.ix_(rows, cols)]
                self.blocks.append((box, self.lut[img]))
        flat = np.nan_to_num(np.concatenate([W.ravel() for W in weights]))
        self.lines.set_linewidths(np.minimum(0.3 + 2.0 * np.abs(flat), 6.0))
        self.lines.set_colors(np.where((flat > 0)[:, None], self.rgba_positive,
                                       self.rgba_negative))

    def framed_blocks(self):
        """``((x0, y0), image)`` per heatmap, with its frame: thin grey, or a dark 3-pixel
        frame for the selected unit. ``(x0, y0)`` is the top-left pixel of the frame."""
        flat = [(k, j) for k, layer in enumerate(self.boxes) for j in range(len(layer))]
        for (k, j), ((x0, y0), block) in zip(flat, self.blocks):
            width = 3 if (k, j) == self.selected else 1
            colour = (20, 20, 20) if width == 3 else self.BORDER
            framed = np.empty((self.side + 2 * width, self.side + 2 * width, 3), np.uint8)
            framed[:] = colour
            framed[width:-width, width:-width] = block
            yield (x0 - width, y0 - width), framed

    def paste(self, rgb):
        """Paint the heatmaps, with their frames, into a rendered RGB frame (in place)."""
        for (x0, y0), framed in self.framed_blocks():
            rgb[y0:y0 + framed.shape[0], x0:x0 + framed.shape[1]] = framed

    def place(self):
        """Add the framed heatmaps to the figure as images, for ``savefig``: the static
        frames. Pixel positions hold when the figure is saved at its own dpi."""
        height = int(round(self.fig.get_size_inches()[1] * self.fig.dpi))
        for (x0, y0), framed in self.framed_blocks():
            self.fig.figimage(framed, xo=x0, yo=height - y0 - framed.shape[0], zorder=3)
