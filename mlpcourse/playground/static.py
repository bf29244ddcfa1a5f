"""The static playground for the built book: saved snapshots of training, scrubbed by a slider.

:func:`training_snapshots` trains one configuration and keeps, at chosen epochs, what the
live figure shows: every unit's heatmap over the square, the weights, the network's output
and the loss curves so far. :func:`snapshot_figure` draws one snapshot as the live figure
does (network, boundary, losses). :func:`static_playground` does that for a few
configurations and hands the frames to :func:`mlpcourse.explorers.explorer`: one control
picks the configuration, a slider moves through training time, and both work in the static
HTML page with no kernel.
"""
import io
from functools import lru_cache

from .config import Config
from .figure import BoundaryPlot, LossPlot, View, loss_axis
from .model import Trainer
from .network import NetworkPlot

DEFAULT_EPOCHS = (0, 2, 5, 10, 25, 50, 100, 200)
#: Size of a static frame in inches, and the number of colour bands of its heatmaps
#: (flat colours keep the embedded PNG frames small).
FRAME_SIZE = (10.0, 4.8)
LEVELS = 12
#: Colours of a saved static frame: a palette PNG is about a third of a full-colour one.
PALETTE = 64


def _palette_figure(width, height, dpi, colours=PALETTE):
    """A matplotlib Figure whose PNG is saved with a palette of at most ``colours``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    class PaletteFigure(Figure):
        def savefig(self, fname, **kwargs):
            from PIL import Image
            buf = io.BytesIO()
            super().savefig(buf, **{**kwargs, "format": "png"})
            image = Image.open(buf).convert("RGB").quantize(colours,
                                                             dither=Image.Dither.NONE)
            image.save(fname, format="png", optimize=True)

    fig = PaletteFigure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def training_snapshots(config, epochs=DEFAULT_EPOCHS, resolution=40):
    """Train ``config`` up to ``max(epochs)``; return ``{epoch: snapshot dict}``.

    Each snapshot holds ``trainer`` facts for drawing: ``config``, ``data``,
    ``activations`` (features, hidden layers and output over the grid, each of shape
    (resolution**2, units)), ``weights``, ``output`` (shape (resolution**2,)),
    ``train_loss`` and ``test_loss`` up to that epoch, ``message``, plus ``epochs`` and
    ``loss_axis`` (the loss axis, shared by the snapshots of the run). If training
    diverges, later snapshots repeat the last good state and carry the message.
    """
    trainer = Trainer(config)
    epochs = sorted(set(int(e) for e in epochs))
    snapshots = {}
    for epoch in epochs:
        while trainer.epoch < epoch and trainer.step():
            pass
        _, activations = trainer.grid_activations(resolution)
        snapshots[epoch] = dict(config=trainer.config, data=trainer.data,
                                activations=[a.copy() for a in activations],
                                weights=[w.copy() for w in trainer.net.weights],
                                output=activations[-1][:, 0].copy(),
                                train_loss=list(trainer.train_loss),
                                test_loss=list(trainer.test_loss), message=trainer.message)
    last = snapshots[epochs[-1]]
    axis = loss_axis(last["train_loss"] + last["test_loss"])
    for s in snapshots.values():
        s.update(epochs=max(epochs), loss_axis=axis)
    return snapshots


class _Snapshot:
    """What :meth:`BoundaryPlot.show` reads from a trainer, taken from a snapshot."""

    def __init__(self, snapshot):
        self.config, self.data = snapshot["config"], snapshot["data"]


def snapshot_figure(snapshot, resolution, title, dpi=72, levels=LEVELS, view=View()):
    """One frame of the static playground, laid out like the live figure.

    Left, the network with a heatmap per feature and unit and the weights as lines; right,
    the boundary (or surface) over the data, and the loss curves up to this epoch on the
    run's loss axis. ``snapshot`` is one value of :func:`training_snapshots`.
    """
    fig = _palette_figure(*FRAME_SIZE, dpi=dpi)
    config = snapshot["config"]
    network = NetworkPlot(fig, config.layer_sizes, config.features, left=0.085, right=0.57,
                          levels=levels, centre=0.45, span=0.72)
    boundary = BoundaryPlot(fig.add_axes([0.64, 0.36, 0.3, 0.3 * 10 / 4.8 * 0.9]),
                            levels=levels)
    boundary.set_data(snapshot["data"], show_test=view.show_test)
    clim = (0, 1) if snapshot["data"].classification else (-1, 1)
    network.selected = view.unit
    network.update(snapshot["activations"], snapshot["weights"], resolution, clim)
    network.place()
    boundary.show(_Snapshot(snapshot), snapshot["activations"], resolution, view)
    ax_l = fig.add_axes([0.64, 0.09, 0.33, 0.17])
    loss = LossPlot(ax_l)
    loss.update(snapshot["train_loss"], snapshot["test_loss"])
    ax_l.set_xlim(0, snapshot.get("epochs", len(snapshot["train_loss"]) - 1))
    loss.set_axis(*snapshot.get("loss_axis",
                                loss_axis([*snapshot["train_loss"], *snapshot["test_loss"]])))
    ax_l.xaxis.labelpad = 1
    fig.suptitle(title, fontsize=11, x=0.01, y=0.99, ha="left")
    return fig


def describe(config):
    """Short text naming a configuration: ``"circle, 2-4-2-1 tanh, learning rate 0.03"``."""
    sizes = "-".join(map(str, config.layer_sizes))
    return (f"{config.dataset}, {sizes} {config.activation}, {config.init}, "
            f"learning rate {config.learning_rate:g}")


def static_playground(configs, epochs=DEFAULT_EPOCHS, *, resolution=40, dpi=72,
                      alt=None, label="Configuration"):
    """An explorer over a few configurations and training time (works in the static book).

    Parameters
    ----------
    configs : dict of {str: Config or dict}
        Named configurations (a dict holds changes to the default :class:`Config`). The
        names label the choices, e.g. ``{"circle, rate 0.03": {"learning_rate": 0.03}}``.
    epochs : sequence of int
        The epochs at which snapshots are saved: the positions of the training slider.
    resolution, dpi : int
        Grid points per side of the heatmaps, and resolution of the frames (a frame is
        ``FRAME_SIZE`` inches: 720 x 346 CSS pixels at the default 72 dpi, drawn with twice
        as many image pixels); keep the frames within the explorer's 1.5 MB budget.

    Returns
    -------
    mlpcourse.explorers.Explorer
    """
    from ..explorers import explorer
    configs = {name: c if isinstance(c, Config) else Config().replace(**c)
               for name, c in configs.items()}

    @lru_cache(maxsize=None)
    def run(name):
        return training_snapshots(configs[name], epochs, resolution)

    def draw(configuration, epoch):
        snap = run(configuration)[epoch]
        title = f"{describe(configs[configuration])}: epoch {epoch}"
        if snap["message"]:
            title += " (diverged: training stopped)"
        return snapshot_figure(snap, resolution, title, dpi=dpi)

    alt = alt or ("The playground at a chosen epoch of training: the network with a heatmap "
                  "per input feature and unit and its weights as lines, the decision "
                  "boundary over the data points, and the training and test loss curves.")
    return explorer(draw, {"configuration": list(configs), "epoch": list(epochs)},
                    labels={"configuration": label, "epoch": "Epochs of training"},
                    alt=alt, dpi=dpi)
