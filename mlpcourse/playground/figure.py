"""The playground's figures, drawn once and then updated in place (no widgets here).

Each plot keeps its matplotlib artists and changes only their data on every frame
(``set_data``, ``set_offsets``, ``set_linewidths``). :class:`LiveFigure` renders the static
parts once and blits the changing artists onto them, then encodes a PNG for an
``ipywidgets.Image``. The same plots draw the frames of the static version
(:func:`snapshot_figure`).
"""
import io

import numpy as np

from .data import DOMAIN, FEATURES

POSITIVE, NEGATIVE = "#d62728", "#1f77b4"   # weight colours, as in mlpcourse.plots
CMAP = "RdBu_r"
EXTENT = (-DOMAIN, DOMAIN, -DOMAIN, DOMAIN)


def new_figure(width, height, dpi=80):
    """A matplotlib Figure on an Agg canvas (no pyplot: nothing is shown twice)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _grid_image(values, resolution):
    return np.asarray(values, dtype=float).reshape(resolution, resolution)


class BoundaryPlot:
    """The decision boundary (classification) or regression surface, with the data points."""

    def __init__(self, ax, levels=None):
        self.ax = ax
        cmap = CMAP
        if levels:  # banded colours: flat areas, small PNG frames for the static book
            from matplotlib import colormaps
            cmap = colormaps[CMAP].resampled(levels)
        self.image = ax.imshow(np.zeros((2, 2)), extent=EXTENT, origin="lower", cmap=cmap,
                               vmin=0, vmax=1, interpolation="bilinear", alpha=0.75)
        empty = np.zeros(0)
        self.train = ax.scatter(empty, empty, c=empty, s=14, cmap=CMAP, edgecolor="white",
                                linewidth=0.5, label="training points")
        self.test = ax.scatter(empty, empty, c=empty, s=14, cmap=CMAP, edgecolor="black",
                               linewidth=0.7, label="test points")
        ax.set(xlim=EXTENT[:2], ylim=EXTENT[2:], xlabel="$x_1$", ylabel="$x_2$")
        ax.set_aspect("equal")
        self.kind = None
        self.dynamic = [self.image, self.train, self.test]

    def set_data(self, data, show_test=True):
        """Show new data points (after regenerating or changing the data set)."""
        self.kind = data.kind
        lo, hi = (0, 1) if data.classification else (-1, 1)
        for artist in (self.image, self.train, self.test):
            artist.set_clim(lo, hi)
        self.train.set_offsets(data.X_train)
        self.train.set_array(np.ravel(data.y_train).astype(float))
        self.test.set_offsets(data.X_test if show_test else np.zeros((0, 2)))
        self.test.set_array(np.ravel(data.y_test).astype(float) if show_test else np.zeros(0))
        title = "Decision boundary" if data.classification else "Regression surface"
        self.ax.set_title(title)

    def update(self, output, resolution):
        """Show the network's output over the grid (probability of class 1 or prediction)."""
        self.image.set_data(_grid_image(output, resolution))


#: The loss axis turns logarithmic when the largest loss is more than this many times the
#: smallest positive one (four decades): a diverging run stays readable.
LOG_SPAN = 1e4
#: Limits of the logarithmic loss axis, in powers of ten; larger losses leave the plot.
LOG_DECADES = (-30, 100)


def loss_axis(losses):
    """The y scale and limits that show every finite loss of ``losses``.

    Returns ``("linear", (0, top))``, or ``("log", (low, high))`` with limits on powers of
    ten when the losses span more than :data:`LOG_SPAN` (within :data:`LOG_DECADES`).

    >>> loss_axis([0.7, 0.4, 0.2])
    ('linear', (0.0, 0.77))
    >>> loss_axis([0.7, 30.0, 2e6])
    ('log', (0.1, 10000000.0))
    """
    finite = [float(v) for v in losses if np.isfinite(v)]
    positive = [v for v in finite if v > 0]
    top = max(finite, default=1.0) or 1.0
    if positive and top / min(positive) > LOG_SPAN:
        low, high = np.clip([np.floor(np.log10(min(positive))), np.ceil(np.log10(top))],
                            *LOG_DECADES)
        return "log", (10.0 ** float(low), 10.0 ** float(high))
    return "linear", (0.0, round(1.1 * top, 12))


class LossPlot:
    """Training and test loss per epoch; the axis limits grow in steps, not every frame.

    The y axis is linear, or logarithmic while the losses span many decades
    (:func:`loss_axis`).
    """

    def __init__(self, ax):
        self.ax = ax
        (self.train,) = ax.plot([], [], color="0.15", label="training loss")
        (self.test,) = ax.plot([], [], color="#ff7f0e", label="test loss")
        ax.set(xlabel="epoch", ylabel="loss", xlim=(0, 10), ylim=(0, 1))
        ax.legend(loc="upper right", fontsize=8)
        ax.grid(alpha=0.3)
        self.dynamic = [self.train, self.test]

    def set_axis(self, scale, limits):
        self.ax.set_yscale(scale)
        self.ax.set_ylim(*limits)

    def update(self, train_loss, test_loss):
        """New curves; return True if the axes changed (and must be redrawn)."""
        epochs = np.arange(len(train_loss))
        self.train.set_data(epochs, train_loss)
        self.test.set_data(epochs, test_loss)
        scale, (low, high) = loss_axis([*train_loss, *test_loss])
        xmax = 10 * 2 ** int(np.ceil(np.log2(max(1.0, (len(train_loss) - 1) / 10))))
        old_x, (old_low, old_high) = self.ax.get_xlim()[1], self.ax.get_ylim()
        if scale == self.ax.get_yscale() and (len(train_loss) > 1 or old_high / 2 < high):
            low, high = min(low, old_low), max(high, old_high)  # during a run: only grow
        if xmax != old_x or (scale, low, high) != (self.ax.get_yscale(), old_low, old_high):
            self.ax.set_xlim(0, xmax)
            self.set_axis(scale, (low, high))
            return True
        return False


def _node_size(layer_sizes, width, height):
    """Side of a node's heatmap as figure fractions (w, h): square on the page."""
    tallest = max(layer_sizes)
    h = min(0.13, 0.78 / (1.3 * tallest))
    return h * height / width, h


class NetworkPlot:
    """The network: one small heatmap per feature, hidden unit and output, weights as lines.

    Each heatmap shows what the unit computes over the square (red positive, blue negative,
    scaled per unit); each line's width shows a weight's size and its colour its sign. The
    heatmaps are colour-mapped with numpy and pasted into the rendered frame by
    :meth:`paste`, so their number hardly changes the cost of a frame.
    """

    BORDER = (90, 90, 90)

    def __init__(self, fig, layer_sizes, feature_names, left=0.06, right=0.97):
        self.fig = fig
        self.layer_sizes = list(layer_sizes)
        width, height = fig.get_size_inches()
        w, h = _node_size(self.layer_sizes, width, height)
        n = len(self.layer_sizes)
        xs = np.linspace(left + w, right - w, n) if n > 1 else [0.5]
        self.centres = []
        for k, size in enumerate(self.layer_sizes):
            ys = (0.5 + (np.arange(size) - (size - 1) / 2) * 1.3 * h)[::-1]
            self.centres.append([(xs[k], y) for y in ys])
            top = 0.5 + (size - 1) / 2 * 1.3 * h + h / 2
            units = f"{size} unit{'s' * (size > 1)}"
            name = ("Input\nfeatures" if k == 0 else "Output" if k == n - 1
                    else f"Hidden layer {k}\n{units}" if n <= 5 else f"Layer {k}\n{units}")
            fig.text(xs[k], min(top + 0.025, 0.88), name, ha="center", va="bottom",
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
        self.side = side = max(int(round(h * H)), 4)
        self.boxes = [[(int(round(x * W - side / 2)), int(round((1 - y) * H - side / 2)))
                       for x, y in layer] for layer in self.centres]
        self.lut = colormaps[CMAP](np.linspace(0, 1, 256), bytes=True)[:, :3]
        self.rgba_positive, self.rgba_negative = to_rgba_array([POSITIVE, NEGATIVE])
        self.blocks = []

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
                scale = np.abs(V).max(axis=0)
                scaled = 0.5 + V / (2 * np.where(scale > 0, scale, 1.0))
            codes = np.clip(scaled * 255, 0, 255).astype(np.uint8)
            for j, box in enumerate(boxes):
                img = codes[:, j].reshape(resolution, resolution)[np.ix_(rows, cols)]
                self.blocks.append((box, self.lut[img]))
        flat = np.nan_to_num(np.concatenate([W.ravel() for W in weights]))
        self.lines.set_linewidths(np.minimum(0.3 + 2.0 * np.abs(flat), 6.0))
        self.lines.set_colors(np.where((flat > 0)[:, None], self.rgba_positive,
                                       self.rgba_negative))

    def paste(self, rgb):
        """Paint the heatmaps, with a thin border, into a rendered RGB frame (in place)."""
        s = self.side
        for (x0, y0), block in self.blocks:
            rgb[y0 - 1:y0 + s + 1, x0 - 1:x0 + s + 1] = self.BORDER
            rgb[y0:y0 + s, x0:x0 + s] = block


class LiveFigure:
    """Network, boundary and loss curves in one figure, redrawn by blitting.

    The static parts (axes, ticks, labels) are rendered once into a background; each frame
    restores it and draws only the artists that change, then encodes a PNG.
    """

    def __init__(self, trainer, resolution=40, dpi=80, size=(10.0, 4.8)):
        self.resolution, self.dpi, self.size = resolution, dpi, size
        self.key = None
        self.data = None
        self.build(trainer)

    def build(self, trainer):
        """Lay out the figure for the trainer's network (after adding layers or units)."""
        c = trainer.config
        fig = new_figure(*self.size, dpi=self.dpi)
        self.fig = fig
        self.network = NetworkPlot(fig, c.layer_sizes, c.features, left=0.085, right=0.57)
        self.boundary = BoundaryPlot(fig.add_axes([0.65, 0.37, 0.27, 0.27 * 10 / 4.8]))
        self.loss = LossPlot(fig.add_axes([0.64, 0.08, 0.33, 0.17]))
        self.loss.ax.xaxis.labelpad = 1
        self.dynamic = self.network.dynamic + self.boundary.dynamic + self.loss.dynamic
        for artist in self.dynamic:
            artist.set_animated(True)
        self.key = (tuple(c.layer_sizes), tuple(c.features))
        self.data = None
        self.background = None

    def update(self, trainer):
        """Show the trainer's current state; return the frame as PNG bytes."""
        c = trainer.config
        if self.key != (tuple(c.layer_sizes), tuple(c.features)):
            self.build(trainer)
        if self.data is not trainer.data:
            self.boundary.set_data(trainer.data)
            self.data = trainer.data
            self.background = None
        _, activations = trainer.grid_activations(self.resolution)
        clim = (0, 1) if trainer.data.classification else (-1, 1)
        self.network.update(activations, trainer.net.weights, self.resolution, clim)
        self.boundary.update(activations[-1][:, 0], self.resolution)
        if self.loss.update(trainer.train_loss, trainer.test_loss):
            self.background = None
        return self.render()

    def render(self):
        """Blit: restore the static background, draw the changing artists, encode PNG."""
        from PIL import Image
        canvas = self.fig.canvas
        if self.background is None:
            canvas.draw()
            self.background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self.background)
        for artist in self.dynamic:
            self.fig.draw_artist(artist)
        buf = io.BytesIO()
        rgb = np.array(np.asarray(canvas.buffer_rgba())[..., :3])
        self.network.paste(rgb)
        Image.fromarray(rgb).save(buf, format="png", compress_level=1)
        return buf.getvalue()


def snapshot_figure(snapshot, resolution, title, dpi=72, levels=10):
    """One frame of the static playground: boundary and loss curves side by side.

    ``snapshot`` is a dict with ``data``, ``output`` (grid values), ``train_loss`` and
    ``test_loss`` (lists up to this epoch), ``epochs`` and ``loss_axis`` (the loss axis of
    the whole run, :func:`loss_axis`, so that the frames line up; by default the axis that
    fits this snapshot's losses).
    """
    fig = new_figure(7.0, 3.2, dpi=dpi)
    ax_b = fig.add_axes([0.08, 0.14, 0.34, 0.7])
    ax_l = fig.add_axes([0.53, 0.14, 0.44, 0.7])
    boundary = BoundaryPlot(ax_b, levels=levels)
    boundary.set_data(snapshot["data"])
    boundary.update(snapshot["output"], resolution)
    loss = LossPlot(ax_l)
    loss.update(snapshot["train_loss"], snapshot["test_loss"])
    ax_l.set_xlim(0, snapshot["epochs"])
    loss.set_axis(*snapshot.get("loss_axis",
                                loss_axis([*snapshot["train_loss"], *snapshot["test_loss"]])))
    ax_l.set_title(f"Loss after {len(snapshot['train_loss']) - 1} epochs", fontsize=10)
    fig.suptitle(title, fontsize=10)
    return fig
