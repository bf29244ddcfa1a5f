"""Mini-batch gradient descent for :class:`~mlpcourse.mlp.MLP`: the loop that the chapter
"Backpropagation" builds up step by step. For each epoch: shuffle, then for each mini-batch
predict (forward pass), measure the error (loss), backpropagate and take a step.

**When training has diverged.** Before the first step, :func:`fit` measures the loss of
the network on the whole training set (plus the weight penalty, if any): the *starting
loss*. An epoch has diverged when

1. the loss of one of its mini-batches is not finite (NaN or infinity), or
2. one of its steps leaves a weight or bias that is not finite, or
3. its loss (mean over its mini-batches, penalty included) is more than
   :data:`GROWTH_LIMIT` (10,000) times the starting loss, counting a starting loss below
   :data:`LOSS_FLOOR` as ``LOSS_FLOOR``: runaway growth, reported before it overflows.

Gradient descent that works lowers the loss, or raises it by a small factor while it
settles; a loss ten thousand times its starting value means the steps are throwing the
weights away. On divergence, the weights go back to their values at the start of that
epoch, and the optimizer's state (momentum velocities, Adam's moments) is reset, so the next
run with a smaller learning rate starts afresh.
"""
import math
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from . import _validation as v
from .optimizers import get_optimizer

ON_NONFINITE = ("raise", "stop")

#: An epoch whose loss exceeds ``GROWTH_LIMIT`` times the starting loss has diverged.
GROWTH_LIMIT = 1e4

#: The smallest starting loss the growth rule compares with, so that a network that starts
#: at a perfect fit (loss 0 or 1e-30) is not stopped for a harmless wobble.
LOSS_FLOOR = 1e-8

CHUNK_ROWS = 4096  # rows per forward pass when measuring the starting loss


class DivergenceError(FloatingPointError):
    """Training diverged: a non-finite loss or weight, or runaway growth of the loss (see
    the rule at the top of :mod:`mlpcourse.training`). The learning rate is usually too
    large."""


@dataclass
class History:
    """Per-epoch record of a training run.

    ``loss[k]`` is the mean *data* loss over the mini-batches of epoch k + 1 (each measured
    before its step, as Keras reports it); ``penalty[k]`` is the mean L1/L2 weight penalty
    over the same mini-batches (0.0 without ``l1`` and ``l2``), so that ``objective[k] =
    loss[k] + penalty[k]`` is what gradient descent minimised. ``val_loss[k]`` is the data
    loss on the validation data after that epoch: it measures the same thing as ``loss``.
    ``diverged`` is the epoch that diverged, or None; ``message`` says why.
    """

    loss: List[float] = field(default_factory=list)
    val_loss: List[float] = field(default_factory=list)
    diverged: Optional[int] = None
    message: str = ""
    penalty: List[float] = field(default_factory=list)

    @property
    def epochs(self):
        """Number of epochs completed."""
        return len(self.loss)

    @property
    def objective(self):
        """``loss[k] + penalty[k]`` for every epoch: the loss with the weight penalty (the
        loss itself when no penalty was recorded)."""
        if not self.penalty:
            return list(self.loss)
        if len(self.penalty) != len(self.loss):
            raise ValueError(f"this History holds {len(self.loss)} losses but "
                             f"{len(self.penalty)} penalties")
        return [a + b for a, b in zip(self.loss, self.penalty)]

    def __repr__(self):
        last = f", last loss {self.loss[-1]:.4g}" if self.loss else ""
        status = f", diverged in epoch {self.diverged}" if self.diverged else ""
        return f"History({self.epochs} epochs{last}{status})"


def _check_options(epochs, batch_size, on_nonfinite, l1, l2):
    v.check_positive_int(epochs, "epochs", minimum=0)
    v.check_positive_int(batch_size, "batch_size")
    if on_nonfinite not in ON_NONFINITE:
        hint = v.did_you_mean(on_nonfinite, ON_NONFINITE, ending="")
        raise ValueError(f"on_nonfinite must be one of {ON_NONFINITE}, got {on_nonfinite!r}"
                         + (f"; {hint}" if hint else ""))
    return (v.check_positive_float(l1, "l1", allow_zero=True),
            v.check_positive_float(l2, "l2", allow_zero=True))


def _validation_pair(validation_data):
    """``validation_data`` as (X_val, y_val); any other form raises TypeError."""
    if isinstance(validation_data, (tuple, list)) and len(validation_data) == 2:
        return validation_data
    if isinstance(validation_data, np.ndarray):
        what = f"an array of shape {validation_data.shape}"
    elif isinstance(validation_data, (tuple, list)):
        n = len(validation_data)
        what = f"a {type(validation_data).__name__} of {n} item{'s' if n != 1 else ''}"
    else:
        what = f"a {type(validation_data).__name__}"
    raise TypeError(f"validation_data must be a pair (X_val, y_val), got {what}")


def _starting_loss(net, X, Y, loss, l1, l2):
    """Data loss on all of (X, Y), a chunk of rows at a time, plus the weight penalty."""
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for start in range(0, X.shape[0], CHUNK_ROWS):
            xb = X[start:start + CHUNK_ROWS]
            total += net._loss_value(xb, Y[start:start + CHUNK_ROWS], loss) * xb.shape[0]
        penalty = sum(l1 * float(np.abs(W).sum()) + l2 * float((W * W).sum())
                      for W in net.weights)
    return total / X.shape[0] + penalty


def _divergence(value, params, start):
    """Why an epoch with mean loss ``value`` diverged (the rule above), or None."""
    if not math.isfinite(value):
        return f"the loss became {value} (not finite)"
    if not all(np.isfinite(p).all() for p in params):
        # the last step overflowed: the loss measured before it was still finite
        return "a step made some weights infinite or NaN"
    if value > GROWTH_LIMIT * max(start, LOSS_FLOOR):
        base = f"({start:.3g})" if start >= LOSS_FLOOR else \
            f"({start:.3g}, counted as {LOSS_FLOOR:g})"
        return (f"the loss grew to {value:.3g}, more than {GROWTH_LIMIT:,.0f} times its value "
                f"before training {base}")
    return None


def _reset_state(opt):
    """Reset the optimizer's state; return the words that say so in the message."""
    if not callable(getattr(opt, "reset", None)):
        return (f", but the optimizer's state was kept: {type(opt).__name__} has no reset() "
                "method")
    opt.reset()
    what = getattr(opt, "state_description", None)
    return f", and the optimizer's state ({what}) was reset" if what else ""


def _divergence_message(epoch, problem, learning_rate, reset):
    suggestion = f"{learning_rate / 10:g}" if learning_rate else "a smaller one"
    return (f"training diverged in epoch {epoch}: {problem}. The learning rate "
            f"({learning_rate:g}) is probably too large: try a smaller one, such as "
            f"{suggestion}. The weights were restored to their values at the start of epoch "
            f"{epoch}{reset}.")


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
        Evaluated after every epoch into ``history.val_loss`` (the data loss, without the
        penalty, as ``history.loss``).
    seed : int, None or numpy.random.Generator
        Source of the shuffling order.
    l1, l2 : float
        Weight penalties added to the loss that gradient descent minimises:
        ``l1 * sum|W| + l2 * sum W**2``, recorded apart in ``history.penalty``.
    callback : callable, optional
        ``callback(net, epoch, history)`` after every epoch; a truthy return stops training.
    on_nonfinite : {"raise", "stop"}
        When an epoch diverges (a non-finite loss or weight, or a loss more than
        :data:`GROWTH_LIMIT` times the starting loss: see the module's rule), raise
        :class:`DivergenceError` or stop and record it in ``history.diverged`` (for
        widgets). Either way the weights go back to their values at the start of the
        diverging epoch and the optimizer's state is reset.
    progress : bool
        Show a tqdm progress bar over epochs.
    """
    loss = net._prepare_loss(loss)
    l1, l2 = _check_options(epochs, batch_size, on_nonfinite, l1, l2)
    X = net._check_X(X)
    Y = net._check_y(y, X.shape[0], loss)
    validation = None
    if validation_data is not None:
        X_val, y_val = _validation_pair(validation_data)
        X_val = net._check_X(X_val, "X_val")
        validation = (X_val, net._check_y(y_val, X_val.shape[0], loss, "y_val"))
    opt = get_optimizer(optimizer, v.check_positive_float(learning_rate, "learning_rate"))
    rng = v.make_rng(seed)
    history = History()
    bar = _progress_bar(epochs) if progress else None
    params = net.weights + net.biases
    start = _starting_loss(net, X, Y, loss, l1, l2) if epochs else 0.0
    for epoch in range(1, epochs + 1):
        snapshot = [p.copy() for p in params]
        value, penalty = _run_epoch(net, X, Y, loss, batch_size, opt,
                                    rng if shuffle else None, l1, l2)
        problem = _divergence(value + penalty, params, start)
        if problem:
            for p, saved in zip(params, snapshot):
                p[...] = saved
            history.diverged = epoch
            history.message = _divergence_message(
                epoch, problem, getattr(opt, "learning_rate", learning_rate), _reset_state(opt))
            if on_nonfinite == "raise":
                raise DivergenceError(history.message)
            break
        history.loss.append(value)
        history.penalty.append(penalty)
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
    """One pass over (X, Y) in mini-batches; return the mean data loss and mean penalty
    over the batches (nan, nan as soon as a batch's loss is not finite)."""
    n = X.shape[0]
    if rng is not None:
        order = rng.permutation(n)
        X, Y = X[order], Y[order]
    params = net.weights + net.biases
    total = total_penalty = 0.0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for start in range(0, n, batch_size):
            xb, yb = X[start:start + batch_size], Y[start:start + batch_size]
            activations, pre_activations = net._trace(xb)
            value, wgrads, bgrads, _, _ = net._backprop(activations, pre_activations, yb, loss)
            penalty = net._penalty(wgrads, l1, l2)
            if not math.isfinite(value + penalty):
                return math.nan, math.nan
            opt.step(params, wgrads + bgrads)
            total += value * xb.shape[0]
            total_penalty += penalty * xb.shape[0]
    return total / n, total_penalty / n


def _progress_bar(epochs):
    from tqdm.auto import tqdm
    return tqdm(total=epochs, unit="epoch")
