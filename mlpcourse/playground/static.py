"""The static playground for the built book: saved snapshots of training, scrubbed by a slider.

:func:`training_snapshots` trains one configuration and keeps, at chosen epochs, the
network's output over the square and the loss curves so far. :func:`static_playground`
does that for a few configurations and hands the frames to
:func:`mlpcourse.explorers.explorer`: one control picks the configuration, a slider moves
through training time, and both work in the static HTML page with no kernel.
"""
from functools import lru_cache

from .data import grid
from .figure import loss_axis, snapshot_figure
from .model import Config, Trainer

DEFAULT_EPOCHS = (0, 2, 5, 10, 25, 50, 100, 200)


def training_snapshots(config, epochs=DEFAULT_EPOCHS, resolution=40):
    """Train ``config`` up to ``max(epochs)``; return ``{epoch: snapshot dict}``.

    Each snapshot holds ``data``, ``output`` (grid values, shape (resolution**2,)),
    ``train_loss`` and ``test_loss`` up to that epoch, plus ``epochs`` and ``loss_axis``
    (the scale and limits of the loss axis, shared by the snapshots of the run). If training diverges, later snapshots repeat the last good state
    and carry the message.
    """
    trainer = Trainer(config)
    _, points = grid(resolution)
    epochs = sorted(set(int(e) for e in epochs))
    snapshots = {}
    for epoch in epochs:
        while trainer.epoch < epoch and trainer.step():
            pass
        _, activations = trainer.grid_activations(resolution)
        snapshots[epoch] = dict(data=trainer.data, output=activations[-1][:, 0].copy(),
                                train_loss=list(trainer.train_loss),
                                test_loss=list(trainer.test_loss), message=trainer.message)
    last = snapshots[epochs[-1]]
    axis = loss_axis(last["train_loss"] + last["test_loss"])
    for s in snapshots.values():
        s.update(epochs=max(epochs), loss_axis=axis)
    return snapshots


def describe(config):
    """Short text naming a configuration: ``"circle, 2-4-2-1 tanh, learning rate 0.03"``."""
    sizes = "-".join(map(str, config.layer_sizes))
    return f"{config.dataset}, {sizes} {config.activation}, learning rate {config.learning_rate:g}"


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
        Grid points per side of the boundary image, and resolution of the frames; keep the
        frames within the explorer's 1.5 MB budget.

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

    alt = alt or ("The playground's decision boundary over the data points and the "
                  "training and test loss curves, at a chosen epoch of training.")
    return explorer(draw, {"configuration": list(configs), "epoch": list(epochs)},
                    labels={"configuration": label, "epoch": "Epochs of training"},
                    alt=alt, dpi=dpi)
