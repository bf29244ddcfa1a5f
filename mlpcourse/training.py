"""Mini-batch gradient descent for :class:`~mlpcourse.mlp.MLP`: the loop that the chapter
"Backpropagation" builds up step by step. For each epoch: shuffle, then for each mini-batch
predict (forward pass), measure the error (loss), backpropagate and take a step.
"""
import math
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from . import _validation as v
from .optimizers import get_optimizer

ON_NONFINITE = ("raise", "stop")


class DivergenceError(FloatingPointError):
    """Training produced a non-finite loss (the learning rate is usually too large)."""


@dataclass
class History:
    """Per-epoch record of a training run.

    ``loss[k]`` is the mean training loss over the mini-batches of epoch k + 1 (each measured
    before its step, as Keras reports it); ``val_loss[k]`` the loss on the validation data
    after that epoch. ``diverged`` is the epoch whose loss became non-finite, or None.
    """

    loss: List[float] = field(default_factory=list)
    val_loss: List[float] = field(default_factory=list)
    diverged: Optional[int] = None
    message: str = ""

    @property
    def epochs(self):
        """Number of epochs completed."""
        return len(self.loss)

    def __repr__(self):
        last = f", last loss {self.loss[-1]:.4g}" if self.loss else ""
        status = f", diverged in epoch {self.diverged}" if self.diverged else ""
        return f"History({self.epochs} epochs{last}{status})"


def _check_options(epochs, batch_size, on_nonfinite, l1, l2):
    v.check_positive_int(epochs, "epochs", minimum=0)
    v.check_positive_int(batch_size, "batch_size")
    if on_nonfinite not in ON_NONFINITE:
        raise ValueError(f"on_nonfinite must be one of {ON_NONFINITE}, got {on_nonfinite!r}")
    return (v.check_positive_float(l1, "l1", allow_zero=True),
            v.check_positive_float(l2, "l2", allow_zero=True))


def _divergence_message(epoch, value, learning_rate):
    suggestion = f"{learning_rate / 10:g}" if learning_rate else "a smaller one"
    return (f"training diverged in epoch {epoch}: the loss became {value} (not finite). "
            f"The learning rate ({learning_rate:g}) is probably too large: try a smaller one, "
            f"such as {suggestion}. The weights were restored to their values at the start "
            f"of epoch {epoch}.")


def fit(net, X, y, loss="mse", epochs=10, batch_size=32, learning_rate=0.01, optimizer="sgd",
        shuffle=True, validation_data=None, seed=0, l1=0.0, l2=0.0, callback=None,
        on_nonfinite="raise", progress=False):
    """Train ``net`` in place with mini-batch gradient descent and return a :class:`History`.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples, n_outputs) or (n_samples,)
    loss : str
        A name in :data:`mlpcourse.losses.LOSSES`.
    epochs, batch_size : int
        Passes over the data, and samples per gradient step (the last batch may be smaller).
    learning_rate : float
        Step size (> 0), used when ``optimizer`` is a name.
    optimizer : {"sgd", "momentum", "nesterov", "adam"} or optimizer object
        An object (from :mod:`mlpcourse.optimizers`) keeps its state across calls.
    shuffle : bool
        Draw a fresh order of the samples every epoch (from ``seed``).
    validation_data : (X_val, y_val), optional
        Evaluated after every epoch into ``history.val_loss``.
    seed : int, None or numpy.random.Generator
        Source of the shuffling order.
    l1, l2 : float
        Weight penalties added to the loss: ``l1 * sum|W| + l2 * sum W**2``.
    callback : callable, optional
        ``callback(net, epoch, history)`` after every epoch; a truthy return stops training.
    on_nonfinite : {"raise", "stop"}
        On a non-finite loss, raise :class:`DivergenceError` or stop and record it in
        ``history.diverged`` (for widgets). Either way the weights go back to their values
        at the start of the diverging epoch.
    progress : bool
        Show a tqdm progress bar over epochs.
    """
    loss = net._prepare_loss(loss)
    l1, l2 = _check_options(epochs, batch_size, on_nonfinite, l1, l2)
    X = net._check_X(X)
    Y = net._check_y(y, X.shape[0], loss)
    validation = None
    if validation_data is not None:
        X_val, y_val = validation_data
        X_val = net._check_X(X_val, "X_val")
        validation = (X_val, net._check_y(y_val, X_val.shape[0], loss, "y_val"))
    opt = get_optimizer(optimizer, v.check_positive_float(learning_rate, "learning_rate"))
    rng = v.make_rng(seed)
    history = History()
    bar = _progress_bar(epochs) if progress else None
    params = net.weights + net.biases
    for epoch in range(1, epochs + 1):
        snapshot = [p.copy() for p in params]
        value = _run_epoch(net, X, Y, loss, batch_size, opt, rng if shuffle else None, l1, l2)
        if not math.isfinite(value):
            for p, saved in zip(params, snapshot):
                p[...] = saved
            history.diverged = epoch
            history.message = _divergence_message(epoch, value, opt.learning_rate)
            if on_nonfinite == "raise":
                raise DivergenceError(history.message)
            break
        history.loss.append(value)
        if validation is not None:
            history.val_loss.append(net._loss_value(*validation, loss))
        if bar is not None:
            bar.update(1)
            bar.set_postfix(loss=f"{value:.4g}")
        if callback is not None and callback(net, epoch, history):
            break
    if bar is not None:
        bar.close()
    return history


def _run_epoch(net, X, Y, loss, batch_size, opt, rng, l1, l2):
    """One pass over (X, Y) in mini-batches; return the mean batch loss (nan if it diverged)."""
    n = X.shape[0]
    if rng is not None:
        order = rng.permutation(n)
        X, Y = X[order], Y[order]
    params = net.weights + net.biases
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for start in range(0, n, batch_size):
            xb, yb = X[start:start + batch_size], Y[start:start + batch_size]
            activations, pre_activations = net._trace(xb)
            value, wgrads, bgrads, _, _ = net._backprop(activations, pre_activations, yb,
                                                        loss, l1, l2)
            if not math.isfinite(value):
                return math.nan
            opt.step(params, wgrads + bgrads)
            total += value * xb.shape[0]
    # a last step that overflows leaves a finite loss but non-finite weights: that epoch
    # diverged too (else the next epoch would "restore" the broken weights)
    if not all(np.isfinite(p).all() for p in params):
        return math.nan
    return total / n


def _progress_bar(epochs):
    from tqdm.auto import tqdm
    return tqdm(total=epochs, unit="epoch")
