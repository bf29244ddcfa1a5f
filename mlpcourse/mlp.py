"""The multilayer perceptron: layers ``Z = A @ W + b``, ``A_next = phi(Z)``, and backprop.

Shapes follow scikit-learn and Keras: ``X`` is (n_samples, n_features), ``weights[i]`` is
(fan_in, fan_out) and ``biases[i]`` is (fan_out,). The layer lists are aligned: ``weights[i]``
and ``biases[i]`` take ``activations[i]`` to ``pre_activations[i]``. See "The structure of an
MLP" for the forward pass and "Backpropagation" for :meth:`MLP.backward`.
"""
from dataclasses import dataclass, field
from typing import List

import numpy as np

from . import _validation as v
from .activations import check_output_units, get_activation
from .initializers import get_initializer
from .losses import loss_for_output


@dataclass
class Trace:
    """What a forward pass keeps for the backward pass.

    ``activations`` is ``[A0 = X, A1, ..., AL]`` (AL is the output); ``pre_activations`` is
    ``[Z1, ..., ZL]``, so that ``pre_activations[i] = activations[i] @ weights[i] + biases[i]``.
    """

    activations: List[np.ndarray]
    pre_activations: List[np.ndarray]

    @property
    def output(self):
        return self.activations[-1]


@dataclass
class Gradients:
    """The result of one backward pass; every list is aligned with the layers.

    ``loss`` is the value whose gradient this is: the data loss (what :meth:`MLP.loss`
    returns) plus ``penalty``, the L1/L2 weight penalty (0.0 without one).
    ``weight_grads[i]`` and ``bias_grads[i]`` have the shapes of ``weights[i]`` and
    ``biases[i]`` and include the penalty's gradient; ``deltas[i]`` is dL/dZ of layer i
    (shape of ``pre_activations[i]``); ``activation_grads[i]`` is dL/dA_i (shape of
    ``activations[i]``; index 0 is dL/dX).
    """

    loss: float
    weight_grads: List[np.ndarray]
    bias_grads: List[np.ndarray]
    deltas: List[np.ndarray] = field(default_factory=list)
    activation_grads: List[np.ndarray] = field(default_factory=list)
    penalty: float = 0.0


def _check_layer_sizes(layer_sizes):
    try:
        sizes = list(layer_sizes)
    except TypeError:
        raise TypeError("layer_sizes must be a list of layer widths such as [2, 8, 1], "
                        f"got {layer_sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError("layer_sizes needs at least an input and an output size, such as "
                         f"[2, 1]; got {sizes}")
    for i, size in enumerate(sizes):
        v.check_positive_int(size, f"layer_sizes[{i}]")
    return tuple(int(s) for s in sizes)


class MLP:
    """A fully connected feedforward network.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[n_inputs, hidden_1, ..., n_outputs]``; every size >= 1.
    activation : str or (callable, callable)
        Hidden-layer activation: a name in :data:`mlpcourse.activations.ACTIVATIONS` or a
        pair ``(forward, derivative)``.
    output_activation : str or (callable, callable)
        Output-layer activation (``"identity"`` for regression, ``"sigmoid"``, ``"softmax"``).
    init : str or callable
        Weight initializer, a name in :data:`mlpcourse.initializers.INITIALIZERS` or
        ``f(fan_in, fan_out, rng, dtype)``. Biases start at ``bias_init`` (zeros by default).
    seed : int, None or numpy.random.Generator
        Source of the random initial weights; the same seed gives the same weights.
    dtype : {"float64", "float32"}
        Precision of every parameter and computation.

    Examples
    --------
    >>> net = MLP([2, 3, 1], activation="tanh", seed=0)
    >>> net.n_params
    13
    >>> net.forward([[0.5, -1.0]]).shape
    (1, 1)
    """

    def __init__(self, layer_sizes, activation="relu", output_activation="identity",
                 init="he_normal", bias_init="zeros", seed=0, dtype="float64"):
        sizes = _check_layer_sizes(layer_sizes)
        self.dtype = v.check_dtype(dtype)
        self.activation = get_activation(activation)
        self.output_activation = get_activation(output_activation, output=True)
        check_output_units(self.output_activation, sizes[-1])
        rng = v.make_rng(seed)
        init_w, init_b = get_initializer(init), get_initializer(bias_init)
        self.weights = [self._checked_init(init_w, fi, fo, rng, (fi, fo))
                        for fi, fo in zip(sizes[:-1], sizes[1:])]
        self.biases = [self._checked_init(init_b, 1, fo, rng, (1, fo)).reshape(fo)
                       for fo in sizes[1:]]

    def _checked_init(self, init, fan_in, fan_out, rng, shape):
        w = np.asarray(init(fan_in, fan_out, rng, self.dtype))
        if w.shape != shape:
            raise ValueError(f"initializer {getattr(init, '__name__', init)!r} returned shape "
                             f"{w.shape}, expected {shape}")
        return w.astype(self.dtype, copy=False)

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_weights(cls, weights, biases, activation="relu", output_activation="identity",
                     dtype=None):
        """Build a network from given weight matrices (fan_in, fan_out) and bias vectors."""
        weights = [np.asarray(w) for w in weights]
        biases = [np.atleast_1d(np.asarray(b)) for b in biases]
        if len(weights) != len(biases) or not weights:
            raise ValueError(f"need one bias vector per weight matrix, got {len(weights)} "
                             f"weight matrices and {len(biases)} bias vectors")
        for i, (w, b) in enumerate(zip(weights, biases)):
            if w.ndim != 2:
                raise ValueError(f"weights[{i}] must be 2-D (fan_in, fan_out), got {w.shape}")
            if b.shape != (w.shape[1],):
                raise ValueError(f"biases[{i}] must have shape ({w.shape[1]},) to match "
                                 f"weights[{i}] of shape {w.shape}, got {b.shape}")
            if i and w.shape[0] != weights[i - 1].shape[1]:
                raise ValueError(f"weights[{i}] has {w.shape[0]} rows but layer {i} has "
                                 f"{weights[i - 1].shape[1]} units")
        sizes = [weights[0].shape[0]] + [w.shape[1] for w in weights]
        dtype = dtype or (weights[0].dtype if weights[0].dtype.kind == "f" else "float64")
        net = cls(sizes, activation, output_activation, init="zeros", dtype=dtype)
        net.weights = [w.astype(net.dtype) for w in weights]
        net.biases = [b.astype(net.dtype) for b in biases]
        return net

    def copy(self):
        """Return an independent copy (same architecture, copied parameters)."""
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.weights = [w.copy() for w in self.weights]
        twin.biases = [b.copy() for b in self.biases]
        return twin

    @property
    def layer_sizes(self):
        """``(n_inputs, hidden_1, ..., n_outputs)``."""
        return (self.weights[0].shape[0],) + tuple(w.shape[1] for w in self.weights)

    @property
    def n_params(self):
        """Number of trainable parameters: sum over layers of (fan_in + 1) * fan_out."""
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def __repr__(self):
        sizes = "-".join(map(str, self.layer_sizes))
        return (f"MLP({sizes}, activation={self.activation.name!r}, output_activation="
                f"{self.output_activation.name!r}, dtype={self.dtype.name!r}, "
                f"n_params={self.n_params})")

    # ----------------------------------------------------------------- forward pass
    def _act(self, i):
        return self.output_activation if i == len(self.weights) - 1 else self.activation

    def _trace(self, X):
        activations, pre_activations = [X], []
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = activations[-1] @ W
            Z += b
            pre_activations.append(Z)
            activations.append(self._act(i).forward(Z))
        return activations, pre_activations

    def _check_X(self, X, name="X"):
        return v.check_X(X, self.layer_sizes[0], self.dtype, name)

    def forward(self, X):
        """Return the network's output for a batch X: shape (n_samples, n_outputs)."""
        return self._trace(self._check_X(X))[0][-1]

    def forward_trace(self, X):
        """Run the forward pass and keep every intermediate array (see :class:`Trace`)."""
        return Trace(*self._trace(self._check_X(X)))

    predict = forward

    # ----------------------------------------------------------------- backward pass
    def _prepare_loss(self, loss):
        loss = loss_for_output(loss, self.output_activation)
        for act in {self.activation.name: self.activation,
                    self.output_activation.name: self.output_activation}.values():
            if act.derivative is None and act.fast_backward is None:
                raise ValueError(f"activation {act.name!r} has no derivative")
            if act.name == "step":
                act.derivative(np.zeros(1))  # raises the explanation
        return loss

    def _check_y(self, y, n_samples, loss, name="y"):
        labels = loss.name == "categorical_crossentropy"
        Y = v.check_y(y, n_samples, self.layer_sizes[-1], self.dtype, labels, name)
        if loss.check_targets is not None:
            loss.check_targets(Y, name)
        return Y

    def _backprop(self, activations, pre_activations, Y, loss, full=False):
        """Return (data loss, weight grads, bias grads, deltas, activation grads)."""
        P, Z = activations[-1], pre_activations[-1]
        out = self.output_activation
        if loss.fused_activation == out.name:
            value, delta = loss.fused_value(Y, Z), loss.fused_gradient(Y, Z, P)
        else:
            value = loss.value(Y, P)
            delta = out.backward(Z, P, loss.gradient(Y, P))
        L = len(self.weights)
        wgrads, bgrads, deltas, agrads = [None] * L, [None] * L, [None] * L, [None] * L
        for i in range(L - 1, -1, -1):
            deltas[i] = delta
            wgrads[i] = activations[i].T @ delta
            bgrads[i] = delta.sum(axis=0)
            if i > 0 or full:
                agrads[i] = delta @ self.weights[i].T
            if i > 0:
                delta = self.activation.backward(pre_activations[i - 1], activations[i],
                                                 agrads[i])
        return value, wgrads, bgrads, deltas, agrads

    def _penalty(self, wgrads, l1, l2):
        """Add the L1/L2 penalty gradients to ``wgrads``; return the penalty's value."""
        penalty = 0.0
        if not (l1 or l2):
            return penalty
        for W, g in zip(self.weights, wgrads):
            if l1:
                penalty += l1 * float(np.abs(W).sum())
                g += W.dtype.type(l1) * np.sign(W)
            if l2:
                penalty += l2 * float((W * W).sum())
                g += W.dtype.type(2 * l2) * W
        return penalty

    def backward(self, trace, y, loss="mse", l1=0.0, l2=0.0):
        """Backpropagate through a :class:`Trace` and return :class:`Gradients`.

        Parameters
        ----------
        trace : Trace
            From :meth:`forward_trace` on the same batch.
        y : array of shape (n_samples, n_outputs), or (n_samples,)
            Targets (class labels for categorical cross-entropy).
        loss : str
            A name in :data:`mlpcourse.losses.LOSSES`.
        l1, l2 : float
            Optional penalties ``l1 * sum|W| + l2 * sum W**2`` on the weights (not biases).

        Returns
        -------
        Gradients
            Its ``loss`` is the data loss plus the penalty (the function whose gradient it
            holds), and ``penalty`` the penalty alone.
        """
        loss = self._prepare_loss(loss)
        l1 = v.check_positive_float(l1, "l1", allow_zero=True)
        l2 = v.check_positive_float(l2, "l2", allow_zero=True)
        Y = self._check_y(y, trace.activations[0].shape[0], loss)
        value, wgrads, bgrads, deltas, agrads = self._backprop(
            trace.activations, trace.pre_activations, Y, loss, full=True)
        penalty = self._penalty(wgrads, l1, l2)
        return Gradients(value + penalty, wgrads, bgrads, deltas, agrads, penalty)

    def gradients(self, X, y, loss="mse", l1=0.0, l2=0.0):
        """One forward and one backward pass: return ``(loss, weight_grads, bias_grads)``.

        ``loss`` is the function these are the gradients of: the data loss (what
        :meth:`loss` returns) plus, with ``l1`` or ``l2``, the penalty
        ``l1 * sum|W| + l2 * sum W**2``. Training records the two apart, in
        ``History.loss`` and ``History.penalty``.
        """
        g = self.backward(self.forward_trace(X), y, loss, l1, l2)
        return g.loss, g.weight_grads, g.bias_grads

    def loss(self, X, y, loss="mse"):
        """Return the loss of the network on (X, y) without computing gradients."""
        loss = self._prepare_loss(loss)
        X = self._check_X(X)
        Y = self._check_y(y, X.shape[0], loss)
        return self._loss_value(X, Y, loss)

    def _loss_value(self, X, Y, loss):
        activations, pre_activations = self._trace(X)
        if loss.fused_activation == self.output_activation.name:
            return loss.fused_value(Y, pre_activations[-1])
        return loss.value(Y, activations[-1])

    # ----------------------------------------------------------------- training and I/O
    def fit(self, X, y, loss="mse", epochs=10, batch_size=32, learning_rate=0.01,
            optimizer="sgd", shuffle=True, validation_data=None, seed=0, **options):
        """Train with mini-batch gradient descent; see :func:`mlpcourse.training.fit`."""
        from .training import fit
        return fit(self, X, y, loss=loss, epochs=epochs, batch_size=batch_size,
                   learning_rate=learning_rate, optimizer=optimizer, shuffle=shuffle,
                   validation_data=validation_data, seed=seed, **options)

    def save(self, path):
        """Save architecture and parameters to an ``.npz`` file (no pickled objects).

        ``.npz`` is appended to a name without it; the name written is returned. The file is
        replaced atomically, so a failed save leaves any previous file intact. A network
        that :meth:`load` would refuse (NaN or infinite weights) is refused here.
        """
        from .serialization import save
        return save(self, path)

    @classmethod
    def load(cls, path):
        """Load a network written by :meth:`save`; anything else is refused."""
        from .serialization import load
        return load(cls, path)
