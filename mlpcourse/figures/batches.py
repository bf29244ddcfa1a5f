"""Learning-rate and batch-size experiments of the chapter "Backpropagation", over seeds.

A single training run shows one draw of the initial weights and of the shuffling; a claim
about a learning rate or a batch size must hold over several. These functions train one
small network per seed and setting, and draw all the runs, with the median in bold.

- :func:`sweep_learning_rates` and :func:`draw_learning_rates`: the loss per epoch for a few
  learning rates, and which runs blew up;
- :func:`loss_per_step` and :func:`draw_batch_sizes`: the loss on the *whole* training set
  after every gradient step, against epochs, steps and seconds.
"""
import time
from dataclasses import dataclass

import numpy as np

from ..plots import CLASS_COLORS

LINESTYLES = ("-", "--", "-.", ":")
#: A run "blew up" when it diverged or its loss rose above this many times the start.
BLOW_UP = 10.0


@dataclass
class Run:
    """One training run: the loss before training and after each epoch (full data)."""

    seed: int
    start: float
    losses: np.ndarray
    blew_up: bool


def sweep_learning_rates(make_net, X, y, rates, seeds, epochs, batch_size, loss="mse"):
    """Train ``make_net(seed)`` with plain SGD for every learning rate and seed.

    Parameters
    ----------
    make_net : callable
        ``make_net(seed) -> MLP``, a fresh network.
    X, y : arrays
        The training data.
    rates : sequence of float
    seeds : sequence of int
        Each seed sets the initial weights and the shuffling.
    epochs, batch_size : int
    loss : str

    Returns
    -------
    dict {rate: list of Run}
        ``losses[k]`` is the loss on all of ``(X, y)`` after epoch ``k + 1``; a run that
        diverged stops early, and ``blew_up`` is true if it diverged or its loss went above
        :data:`BLOW_UP` times the start.
    """
    runs = {}
    for rate in rates:
        runs[rate] = []
        for seed in seeds:
            net = make_net(seed)
            start = net.loss(X, y, loss=loss)
            full = []
            with np.errstate(over="ignore", invalid="ignore"):
                history = net.fit(X, y, loss=loss, epochs=epochs, batch_size=batch_size,
                                  learning_rate=rate, on_nonfinite="stop", seed=seed,
                                  callback=lambda n, e, h: full.append(n.loss(X, y, loss)))
            full = np.array(full[: history.epochs])
            blew_up = history.diverged is not None or bool(np.any(~(full < BLOW_UP * start)))
            runs[rate].append(Run(seed, start, full, blew_up))
    return runs


def blow_up_epoch(run):
    """The first epoch whose loss was above :data:`BLOW_UP` times the start, or not finite."""
    bad = np.flatnonzero(~(run.losses < BLOW_UP * run.start))
    return int(bad[0]) + 1 if bad.size else len(run.losses) + 1


def draw_learning_rates(runs, labels, title):
    """Every run's loss per epoch (thin) and the median of those that did not blow up (bold).

    Parameters
    ----------
    runs : dict {rate: list of Run}
        From :func:`sweep_learning_rates`.
    labels : dict {rate: str}
        What each rate illustrates ("too small", ...).
    title : str
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.4))
    fig.subplots_adjust(left=0.1, right=0.68, bottom=0.12, top=0.9)
    top = 1e3
    for k, (rate, group) in enumerate(runs.items()):
        colour, style = CLASS_COLORS[k % len(CLASS_COLORS)], LINESTYLES[k % len(LINESTYLES)]
        for run in group:
            epochs = np.arange(1, len(run.losses) + 1)
            ax.plot(epochs, np.minimum(np.nan_to_num(run.losses, nan=top), top), color=colour,
                    lw=0.7, alpha=0.45, ls=style)
            if run.blew_up:  # mark the epoch where the run blew up
                ax.plot(blow_up_epoch(run), 0.7 * top, "x", color=colour, ms=8, mew=2)
        kept = [r.losses for r in group if not r.blew_up]
        n_bad = sum(r.blew_up for r in group)
        label = f"η = {rate:g}, {labels[rate]}\n(blew up in {n_bad} of {len(group)} seeds)"
        if kept:
            ax.plot(np.arange(1, len(kept[0]) + 1), np.median(kept, axis=0), color=colour,
                    lw=2.5, ls=style, label=label)
        else:
            ax.plot([], [], color=colour, lw=2.5, ls=style, label=label)
    ax.set_yscale("log")
    ax.set(ylim=(0.01, top), xlabel="epoch", ylabel="loss on all training data (log)",
           title=title)
    ax.text(1.01, 0.0, "thin: one run per seed\nbold: median of the runs\nthat did not blow up\n"
            "x: a run that blew up", transform=ax.transAxes, fontsize=8.5, color="0.3",
            va="bottom")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False)
    return fig


def loss_per_step(net, X, y, batch_size, learning_rate, epochs, seed, loss="mse"):
    """Mini-batch SGD, recording the loss on all of ``(X, y)`` after every step.

    Parameters
    ----------
    net : MLP
        Trained in place.
    X, y : arrays
    batch_size, epochs : int
    learning_rate : float
    seed : int
        Source of the shuffling order.
    loss : str

    Returns
    -------
    dict of ndarray
        ``"loss"``: the full-data loss before training and after each step;
        ``"epoch"``: the epochs done at each of those points (fractions within an epoch);
        ``"seconds"``: the time spent in the training steps so far (the evaluations of the
        full-data loss are not counted; it depends on the computer).
    """
    rng = np.random.default_rng(seed)
    n = len(X)
    losses, epochs_done, seconds = [net.loss(X, y, loss=loss)], [0.0], [0.0]
    for epoch in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            tic = time.perf_counter()
            trace = net.forward_trace(X[batch])
            grads = net.backward(trace, y[batch], loss=loss)
            for param, grad in zip(net.weights + net.biases,
                                   grads.weight_grads + grads.bias_grads):
                param -= learning_rate * grad
            seconds.append(seconds[-1] + time.perf_counter() - tic)
            losses.append(net.loss(X, y, loss=loss))
            epochs_done.append(epoch + min(start + batch_size, n) / n)
    return {"loss": np.array(losses), "epoch": np.array(epochs_done),
            "seconds": np.array(seconds)}


def draw_batch_sizes(records, title):
    """Full-data loss against epochs, gradient steps and seconds, for each batch size.

    Parameters
    ----------
    records : dict {batch_size: list of dict}
        One :func:`loss_per_step` record per seed.
    title : str
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2), sharey=True)
    fig.subplots_adjust(left=0.06, right=0.99, bottom=0.14, top=0.82, wspace=0.08)
    for k, (batch_size, group) in enumerate(records.items()):
        colour = CLASS_COLORS[k % len(CLASS_COLORS)]
        steps = np.arange(len(group[0]["loss"]))
        median = np.median([r["loss"] for r in group], axis=0)
        seconds = np.median([r["seconds"] for r in group], axis=0)
        label = f"batch size {batch_size} ({len(steps) - 1} steps)"
        for r in group:
            axes[0].plot(r["epoch"], r["loss"], color=colour, lw=0.6, alpha=0.35)
        axes[0].plot(group[0]["epoch"], median, color=colour, lw=2.2, label=label)
        axes[1].plot(steps[1:], median[1:], color=colour, lw=2.2)
        axes[2].plot(seconds[1:], median[1:], color=colour, lw=2.2)
    axes[0].set(yscale="log", xlabel="epochs (passes over the data)",
                ylabel="loss on all training data (log)", title="per epoch")
    axes[1].set(xscale="log", xlabel="gradient steps (log)", title="per step")
    axes[2].set(xscale="log", xlabel="seconds of training on this computer (log)",
                title="per second")
    axes[0].legend(fontsize=9)
    fig.suptitle(title, fontsize=12)
    return fig
