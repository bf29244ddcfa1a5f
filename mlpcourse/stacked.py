"""Several networks of one architecture, trained side by side: one per seed, at the cost of one.

A claim drawn from training should hold over several seeds. Training five small networks one
after the other costs five times the Python overhead of one; :class:`StackedMLP` stacks their
parameters along a first axis (``weights[i]`` has shape (n_members, fan_in, fan_out)) and
runs the forward pass, backpropagation and the optimizer step of all members at once, with
batched matrix products. Each member is trained exactly as :meth:`mlpcourse.MLP.fit` would
train it alone (same mini-batches, same optimizer, same loss), up to rounding in the last
bits. The activations, losses and optimizers are the package's own, looked up by name.

The chapters use it to report results "over 5 seeds" in seconds. See "Initializing the
weights" and "Regression MLPs".
"""
import math

import numpy as np

from . import _validation as v
from .losses import loss_for_output
from .mlp import MLP, Gradients, Trace
from .optimizers import get_optimizer
from .training import History, _divergence, _divergence_message


def _same_architecture(nets):
    first = nets[0]
    key = (first.layer_sizes, first.activation.name, first.output_activation.name, first.dtype)
    for i, net in enumerate(nets[1:], start=1):
        other = (net.layer_sizes, net.activation.name, net.output_activation.name, net.dtype)
        if other != key:
            raise ValueError(f"every member needs the architecture of member 0 {key}; "
                             f"member {i} has {other}")


def _groups(losses):
    """[(loss, indices of the members trained with it)] for a list of per-member losses."""
    groups = {}
    for k, loss in enumerate(losses):
        groups.setdefault(id(loss), (loss, []))[1].append(k)
    return [(loss, np.array(members)) for loss, members in groups.values()]


class StackedMLP:
    """``n_members`` MLPs with the same layer sizes and activations, stacked for speed.

    Parameters
    ----------
    nets : list of MLP
        The members (copied). They may differ in their weights, not in their architecture.

    Attributes
    ----------
    weights : list of ndarray of shape (n_members, fan_in, fan_out)
    biases : list of ndarray of shape (n_members, 1, fan_out)
    best_epochs : ndarray of shape (n_members,) or None
        After ``fit(..., restore_best=True)``: the epoch whose weights each member kept.

    Examples
    --------
    >>> stack = StackedMLP.from_seeds([1, 8, 1], seeds=range(3), activation="tanh")
    >>> stack.forward(np.zeros((4, 1))).shape
    (3, 4, 1)
    """

    def __init__(self, nets):
        nets = list(nets)
        if not nets or not all(isinstance(net, MLP) for net in nets):
            raise TypeError("StackedMLP needs a non-empty list of mlpcourse.MLP networks")
        _same_architecture(nets)
        self.activation, self.output_activation = nets[0].activation, nets[0].output_activation
        self.dtype = nets[0].dtype
        self.weights = [np.stack([net.weights[i] for net in nets])
                        for i in range(len(nets[0].weights))]
        self.biases = [np.stack([net.biases[i][None, :] for net in nets])
                       for i in range(len(nets[0].biases))]
        self.best_epochs = None

    @classmethod
    def from_seeds(cls, layer_sizes, seeds, **options):
        """One member per seed: ``MLP(layer_sizes, seed=s, **options)`` for s in ``seeds``."""
        return cls([MLP(layer_sizes, seed=s, **options) for s in seeds])

    @property
    def n_members(self):
        return self.weights[0].shape[0]

    @property
    def layer_sizes(self):
        return (self.weights[0].shape[1],) + tuple(w.shape[2] for w in self.weights)

    def member(self, k):
        """Member ``k`` as an independent :class:`mlpcourse.MLP`."""
        return MLP.from_weights([w[k] for w in self.weights], [b[k, 0] for b in self.biases],
                                activation=self.activation,
                                output_activation=self.output_activation, dtype=self.dtype)

    def members(self):
        """Every member as an independent :class:`mlpcourse.MLP`."""
        return [self.member(k) for k in range(self.n_members)]

    # ------------------------------------------------------------------ inputs
    def _check_X(self, X, name="X"):
        """(n, f) shared by every member, or (n_members, n, f): one batch per member."""
        X = np.asarray(X)
        if X.ndim == 3:
            if X.shape[0] != self.n_members:
                raise ValueError(f"{name} has {X.shape[0]} batches but the stack has "
                                 f"{self.n_members} members")
            return np.stack([v.check_X(x, self.layer_sizes[0], self.dtype, name) for x in X])
        return v.check_X(X, self.layer_sizes[0], self.dtype, name)

    def _check_y(self, y, n_samples, loss, name="y"):
        """Targets of shape (n, k) or (n,) shared, or (n_members, n, k): -> (n_members, n, k)."""
        y = np.asarray(y)
        names = {member.name for member in (loss if isinstance(loss, list) else [loss])}
        labels = "categorical_crossentropy" in names
        if labels and len(names) > 1:
            raise ValueError("categorical_crossentropy cannot be mixed with other losses "
                             "in one stack (its targets are class labels)")
        k = self.layer_sizes[-1]
        per_member = y.ndim == 3 or (y.ndim == 2 and labels and y.shape[0] == self.n_members
                                     and y.shape[1] == n_samples)
        if per_member:
            if y.shape[0] != self.n_members:
                raise ValueError(f"{name} has {y.shape[0]} target sets but the stack has "
                                 f"{self.n_members} members")
            return np.stack([v.check_y(t, n_samples, k, self.dtype, labels, name) for t in y])
        Y = v.check_y(y, n_samples, k, self.dtype, labels, name)
        return np.broadcast_to(Y, (self.n_members,) + Y.shape)

    # ------------------------------------------------------------------ forward and backward
    def _act(self, i):
        return self.output_activation if i == len(self.weights) - 1 else self.activation

    def _apply(self, function, *arrays):
        """Apply a row-wise function to (members, n, k) arrays, as one (members * n, k) batch."""
        shape = arrays[0].shape
        flat = [a.reshape(-1, shape[-1]) for a in arrays]
        return function(*flat).reshape(shape)

    def _trace(self, X):
        activations, pre_activations = [X], []
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = activations[-1] @ W + b
            pre_activations.append(Z)
            activations.append(self._apply(self._act(i).forward, Z))
        return activations, pre_activations

    def forward(self, X):
        """Every member's output for X: shape (n_members, n_samples, n_outputs)."""
        return self._trace(self._check_X(X))[0][-1]

    predict = forward

    def forward_trace(self, X):
        """The forward pass of every member, keeping each layer (arrays lead with members)."""
        return Trace(*self._trace(self._check_X(X)))

    def _output_delta(self, Y, P, Z, loss):
        """Each member's loss (shape (members,)) and dL/dZ of the output layer.

        ``loss`` is one :class:`~mlpcourse.losses.Loss` for every member, or a list with
        one per member.
        """
        out = self.output_activation
        if isinstance(loss, list):   # one call per distinct loss, on its members only
            values, delta = np.empty(len(loss)), np.empty_like(Z)
            for member_loss, members in _groups(loss):
                values[members], delta[members] = self._output_delta(
                    Y[members], P[members], Z[members], member_loss)
            return values, delta
        fused = loss.fused_activation == out.name
        values = np.array([loss.fused_value(y, z) if fused else loss.value(y, p)
                           for y, p, z in zip(Y, P, Z)])
        scale = P.dtype.type(P.shape[0])  # every loss averages over rows or elements
        if fused:
            return values, self._apply(loss.fused_gradient, Y, Z, P) * scale
        grad_p = self._apply(loss.gradient, Y, P) * scale
        return values, self._apply(out.backward, Z, P, grad_p)

    def _backprop(self, activations, pre_activations, Y, loss):
        values, delta = self._output_delta(Y, activations[-1], pre_activations[-1], loss)
        L = len(self.weights)
        wgrads, bgrads, deltas, agrads = [None] * L, [None] * L, [None] * L, [None] * L
        for i in range(L - 1, -1, -1):
            deltas[i] = delta
            wgrads[i] = np.swapaxes(activations[i], -1, -2) @ delta
            bgrads[i] = delta.sum(axis=1, keepdims=True)
            agrads[i] = delta @ np.swapaxes(self.weights[i], -1, -2)
            if i > 0:
                delta = self._apply(self.activation.backward, pre_activations[i - 1],
                                    activations[i], agrads[i])
        return values, wgrads, bgrads, deltas, agrads

    def backward(self, trace, y, loss="mse"):
        """Backpropagate every member: :class:`mlpcourse.Gradients` whose arrays lead with
        the members and whose ``loss`` is an array of shape (n_members,)."""
        loss = self._prepare_loss(loss)
        Y = self._check_y(y, trace.activations[0].shape[-2], loss)
        return Gradients(*self._backprop(trace.activations, trace.pre_activations, Y, loss))

    def _prepare_loss(self, loss):
        """A Loss for every member, or a list of one Loss per member (names or Loss objects)."""
        if isinstance(loss, (list, tuple)):
            if len(loss) != self.n_members:
                raise ValueError(f"got {len(loss)} losses for {self.n_members} members: give "
                                 "one loss for all, or one per member")
            return [self._prepare_loss(member_loss) for member_loss in loss]
        return loss_for_output(loss, self.output_activation, "the members'")

    def loss(self, X, y, loss="mse"):
        """Each member's loss on (X, y): an array of shape (n_members,)."""
        loss = self._prepare_loss(loss)
        X = self._check_X(X)
        Y = self._check_y(y, X.shape[-2], loss)
        activations, pre_activations = self._trace(X)
        return self._output_delta(Y, activations[-1], pre_activations[-1], loss)[0]

    # ------------------------------------------------------------------ training
    def fit(self, X, y, loss="mse", epochs=10, batch_size=32, learning_rate=0.01,
            optimizer="sgd", shuffle=True, validation_data=None, seed=0, restore_best=False,
            patience=None, callback=None):
        """Train every member in place, as :meth:`mlpcourse.MLP.fit` trains one network.

        The mini-batches are the same for every member (one shuffled order per epoch, drawn
        from ``seed``), so member k ends where ``MLP.fit(..., seed=seed)`` would take it.
        ``X`` (and ``y``) may be shared, (n, f), or one batch per member, (n_members, n, f).

        A member whose loss stops being finite is put back to its weights at the start of
        that epoch and stops training (``history.diverged``); the others go on.

        Parameters
        ----------
        loss : str, Loss, or list of them
            One loss for every member, or one per member (for example MSE, MAE and Huber
            side by side).
        restore_best : bool
            Keep, for each member, the weights of the epoch with the lowest validation loss
            (needs ``validation_data``); ``best_epochs`` records which epoch that was.
        patience : int, optional
            Stop when no member's validation loss has improved for this many epochs.
        callback : callable, optional
            ``callback(stack, epoch, histories)`` after every epoch; truthy stops training.

        Returns
        -------
        list of History
            One per member, with its losses per epoch.
        """
        loss = self._prepare_loss(loss)
        v.check_positive_int(epochs, "epochs", minimum=0)
        v.check_positive_int(batch_size, "batch_size")
        X = self._check_X(X)
        Y = self._check_y(y, X.shape[-2], loss)
        validation = self._validation(validation_data, loss, restore_best, patience)
        opt = get_optimizer(optimizer, v.check_positive_float(learning_rate, "learning_rate"))
        run = _Run(self, X, Y, loss, batch_size, opt, v.make_rng(seed) if shuffle else None)
        for epoch in range(1, epochs + 1):
            if not run.active.any():             # every member diverged
                break
            run.epoch(epoch)
            if validation is not None and validation.after_epoch(run, epoch):
                break
            if callback is not None and callback(self, epoch, run.histories):
                break
        if validation is not None and restore_best:
            validation.restore()
        return run.histories

    def _validation(self, validation_data, loss, restore_best, patience):
        if validation_data is None:
            if restore_best or patience is not None:
                raise ValueError("restore_best and patience need validation_data=(X_val, y_val)")
            return None
        X_val, y_val = validation_data
        X_val = self._check_X(X_val, "X_val")
        Y_val = self._check_y(y_val, X_val.shape[-2], loss, "y_val")
        if patience is not None:
            v.check_positive_int(patience, "patience")
        return _Validation(self, X_val, Y_val, loss, patience)


class _Run:
    """The state of one training run: data, optimizer, histories, members still training."""

    def __init__(self, stack, X, Y, loss, batch_size, opt, rng):
        self.stack, self.X, self.Y, self.loss = stack, X, Y, loss
        self.batch_size, self.opt, self.rng = batch_size, opt, rng
        self.histories = [History() for _ in range(stack.n_members)]
        self.active = np.ones(stack.n_members, dtype=bool)
        # each member's loss before training: the divergence rule of MLP.fit compares with it
        activations, pre_activations = stack._trace(X)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            self.start = stack._output_delta(Y, activations[-1], pre_activations[-1], loss)[0]

    @property
    def params(self):
        return self.stack.weights + self.stack.biases

    def epoch(self, epoch):
        """One pass over the data for every active member; freeze members that diverge."""
        X, Y, n = self.X, self.Y, self.Y.shape[1]
        if self.rng is not None:
            order = self.rng.permutation(n)
            X, Y = X[..., order, :], Y[:, order]
        snapshot = [p.copy() for p in self.params]
        totals = np.zeros(self.stack.n_members)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for start in range(0, n, self.batch_size):
                xb, yb = X[..., start:start + self.batch_size, :], Y[:, start:start + self.batch_size]
                activations, pre_activations = self.stack._trace(xb)
                values, wgrads, bgrads, _, _ = self.stack._backprop(
                    activations, pre_activations, yb, self.loss)
                self.opt.step(self.params, wgrads + bgrads)
                totals += values * yb.shape[1]
                self._keep_frozen(snapshot)
        for k in np.flatnonzero(self.active):
            history = self.histories[k]
            value = float(totals[k] / n)
            problem = _divergence(value, [p[k] for p in self.params], float(self.start[k]))
            if problem is None:
                history.loss.append(value)
                continue
            for p, saved in zip(self.params, snapshot):
                p[k] = saved[k]
            self.active[k] = False
            history.diverged = epoch
            history.message = _divergence_message(
                epoch, problem, getattr(self.opt, "learning_rate", None),
                "; this member stopped training while the others went on")

    def _keep_frozen(self, snapshot):
        frozen = ~self.active
        if frozen.any():
            for p, saved in zip(self.params, snapshot):
                p[frozen] = saved[frozen]


class _Validation:
    """Validation loss per epoch and member; the best weights so far; patience."""

    def __init__(self, stack, X_val, Y_val, loss, patience):
        self.stack, self.X_val, self.Y_val, self.loss = stack, X_val, Y_val, loss
        self.patience, self.waited = patience, 0
        self.best = np.full(stack.n_members, np.inf)
        self.best_epochs = np.zeros(stack.n_members, dtype=int)
        self.best_params = [p.copy() for p in stack.weights + stack.biases]

    def after_epoch(self, run, epoch):
        """Record the validation loss; return True when patience has run out."""
        stack = self.stack
        activations, pre_activations = stack._trace(self.X_val)
        with np.errstate(over="ignore", invalid="ignore"):
            values = stack._output_delta(self.Y_val, activations[-1], pre_activations[-1],
                                         self.loss)[0]
        improved = run.active & (values < self.best)
        for k in np.flatnonzero(run.active):
            run.histories[k].val_loss.append(float(values[k]))
        if improved.any():
            self.best[improved] = values[improved]
            self.best_epochs[improved] = epoch
            for p, best in zip(stack.weights + stack.biases, self.best_params):
                best[improved] = p[improved]
            self.waited = 0
        else:
            self.waited += 1
        return self.patience is not None and self.waited >= self.patience

    def restore(self):
        for p, best in zip(self.stack.weights + self.stack.biases, self.best_params):
            p[...] = best
        self.stack.best_epochs = self.best_epochs.copy()
