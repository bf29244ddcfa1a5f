"""The playground's figures, drawn once and then updated in place (no widgets here).

Each plot keeps its matplotlib artists and changes only their data on every frame
(``set_data``, ``set_offsets``, ``set_linewidths``). :class:`LiveFigure` renders the static
parts once and blits the changing artists onto them, then encodes a PNG for an
``ipywidgets.Image``. The same plots draw the frames of the static version
(:func:`mlpcourse.playground.static.snapshot_figure`); the network view is in
:mod:`mlpcourse.playground.network`.
"""
import io
from dataclasses import dataclass

import numpy as np

from .data import DOMAIN, FEATURES
from .network import CMAP, NetworkPlot, unit_scale

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


@dataclass(frozen=True)
class View:
    """What the figure shows, apart from the run itself (these never change training).

    ``show_test``: draw the test points; ``discretize``: colour the plane by the predicted
    class (or the prediction rounded to steps of 0.25) instead of the smooth output;
    ``unit``: ``(layer, index)`` of a unit whose heatmap the big panel shows enlarged
    (layer 0 holds the features), or None for the network's output.
    """

    show_test: bool = True
    discretize: bool = False
    unit: tuple = None


def discretize(output, classification):
    """The class (0 or 1, threshold 0.5) or the prediction rounded to steps of 0.25.

    >>> discretize(np.array([0.2, 0.5, 0.9]), True)
    array([0., 1., 1.])
    """
    output = np.asarray(output, dtype=float)
    if classification:
        return (output >= 0.5).astype(float)
    return np.round(output * 4) / 4


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

    def show(self, trainer, activations, resolution, view):
        """Show what ``view`` asks for: the output (smooth or discretized), or one unit's
        heatmap enlarged (scaled like the network's heatmaps); sets the title."""
        classification = trainer.data.classification
        lo, hi = (0, 1) if classification else (-1, 1)
        if view.unit is None:
            output = activations[-1][:, 0]
            self.update(discretize(output, classification) if view.discretize else output,
                        resolution)
            title = "Decision boundary" if classification else "Regression surface"
        else:
            layer, index = view.unit
            self.update(lo + (hi - lo) * unit_scale(activations[layer])[:, index],
                        resolution)
            title = unit_name(trainer.config, layer, index)
        self.ax.set_title(title, fontsize=10)


def unit_name(config, layer, index):
    """``"feature x₁"``, ``"layer 2, unit 3"`` or ``"output"`` for a unit of the network."""
    if layer == 0:
        return f"feature {FEATURES[config.features[index]][0]}"
    if layer == len(config.layer_sizes) - 1:
        return "output"
    return f"layer {layer}, unit {index + 1}"


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


class LiveFigure:
    """Network, boundary and loss curves in one figure, redrawn by blitting.

    The static parts (axes, ticks, labels) are rendered once into a background; each frame
    restores it and draws only the artists that change, then encodes a PNG.
    """

    def __init__(self, trainer, resolution=40, dpi=80, size=(10.0, 4.8)):
        self.resolution, self.dpi, self.size = resolution, dpi, size
        self.key = None
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
        self.data = self.view = None
        self.background = None

    def update(self, trainer, view=View()):
        """Show the trainer's current state as ``view`` asks; return the frame as PNG bytes."""
        c = trainer.config
        if self.key != (tuple(c.layer_sizes), tuple(c.features)):
            self.build(trainer)
        if self.data is not trainer.data or self.view != view:
            self.boundary.set_data(trainer.data, show_test=view.show_test)
            self.data, self.view = trainer.data, view
            self.background = None
        _, activations = trainer.grid_activations(self.resolution)
        clim = (0, 1) if trainer.data.classification else (-1, 1)
        self.network.selected = view.unit
        self.network.update(activations, trainer.net.weights, self.resolution, clim)
        self.boundary.show(trainer, activations, self.resolution, view)
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
