"""Loss functions with their gradients, side by side.

Each loss compares targets ``y`` with predictions ``p`` (both of shape (n_samples, n_outputs))
and returns one number; ``gradient(y, p)`` returns dL/dp with the shape of ``p``. The
regression losses average over *all* elements (as PyTorch and Keras define them);
categorical cross-entropy averages over samples. Two losses also have a *fused* form that
works from the output layer's pre-activations ``z`` (logits): sigmoid + binary cross-entropy
and softmax + categorical cross-entropy, whose gradient with respect to ``z`` is simply
``(p - y) / N``: exact, cheap and stable. See "Backpropagation" and "Regression MLPs".
"""
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

HUBER_DELTA = 1.0


@dataclass(frozen=True)
class Loss:
    """A loss function, its gradient, and optionally a fused form for one output activation.

    Attributes
    ----------
    value, gradient : callable
        ``value(y, p) -> float`` and ``gradient(y, p) -> dL/dp``.
    fused_activation : str or None
        Name of the output activation whose fused form is implemented.
    fused_value, fused_gradient : callable or None
        ``fused_value(y, z)`` and ``fused_gradient(y, z, p) -> dL/dz`` from the logits z.
    check_targets : callable or None
        ``check_targets(y, name)`` raises ValueError for targets the loss is not defined
        for (the cross-entropies need probabilities).
    """

    name: str
    value: Callable
    gradient: Callable
    fused_activation: Optional[str] = None
    fused_value: Optional[Callable] = None
    fused_gradient: Optional[Callable] = None
    check_targets: Optional[Callable] = None

    def __call__(self, y, p):
        return self.value(y, p)


def mse(y, p):
    """Mean over all elements of the squared error."""
    r = p - y
    return float(np.mean(r * r))


def mse_gradient(y, p):
    return (p - y) * p.dtype.type(2 / p.size)


def mae(y, p):
    """Mean over all elements of the absolute error."""
    return float(np.mean(np.abs(p - y)))


def mae_gradient(y, p):
    return np.sign(p - y) * p.dtype.type(1 / p.size)


def huber(y, p, delta=HUBER_DELTA):
    """Quadratic for errors within ``delta``, linear beyond: robust to outliers."""
    r = np.abs(p - y)
    quadratic = np.minimum(r, delta)
    return float(np.mean(0.5 * quadratic ** 2 + delta * (r - quadratic)))


def huber_gradient(y, p, delta=HUBER_DELTA):
    return np.clip(p - y, -delta, delta) * p.dtype.type(1 / p.size)


def _clip_probabilities(p):
    eps = np.finfo(p.dtype).eps
    return np.clip(p, eps, 1 - eps)


def binary_crossentropy(y, p):
    """Mean over all elements of -[y log p + (1 - y) log(1 - p)] for probabilities p."""
    q = _clip_probabilities(p)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log1p(-q)))


def binary_crossentropy_gradient(y, p):
    q = _clip_probabilities(p)
    return (q - y) / (q * (1 - q)) * p.dtype.type(1 / p.size)


def binary_crossentropy_from_logits(y, z):
    """The same loss from logits z: max(z, 0) - z y + log(1 + exp(-|z|)); never overflows."""
    return float(np.mean(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def binary_crossentropy_logit_gradient(y, z, p):
    return (p - y) * p.dtype.type(1 / p.size)


def categorical_crossentropy(y, p):
    """Mean over samples of -sum_k y_k log p_k, for one-hot (or soft) targets y."""
    q = _clip_probabilities(p)
    return float(-np.sum(y * np.log(q)) / p.shape[0])


def categorical_crossentropy_gradient(y, p):
    q = _clip_probabilities(p)
    return -(y / q) * p.dtype.type(1 / p.shape[0])


def categorical_crossentropy_from_logits(y, z):
    """The same loss from logits: logsumexp(z) - sum_k y_k z_k, row max subtracted first."""
    shifted = z - z.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-np.sum(y * log_probs) / z.shape[0])


def categorical_crossentropy_logit_gradient(y, z, p):
    return (p - y) * p.dtype.type(1 / p.shape[0])


def binary_targets(y, name="y"):
    """Refuse targets outside [0, 1]: binary cross-entropy compares probabilities."""
    if y.min() < 0 or y.max() > 1:
        raise ValueError(f"{name} holds values from {y.min():g} to {y.max():g}, but "
                         "binary_crossentropy needs targets in [0, 1] (class labels 0 and 1, "
                         "or probabilities)")


def categorical_targets(y, name="y"):
    """Refuse targets that are not rows of probabilities (one-hot rows, or soft labels).

    Each entry must be in [0, 1] and each row must sum to 1, up to rounding
    (``1000 * eps * n_classes`` of the targets' dtype).
    """
    if y.min() < 0 or y.max() > 1:
        raise ValueError(f"{name} holds values from {y.min():g} to {y.max():g}, but "
                         "categorical_crossentropy needs probabilities in [0, 1]: one-hot "
                         "rows, class probabilities, or integer class labels of shape "
                         "(n_samples,)")
    sums = y.sum(axis=1, dtype=np.float64)
    tolerance = 1000 * np.finfo(y.dtype).eps * y.shape[1]
    bad = np.flatnonzero(np.abs(sums - 1) > tolerance)
    if bad.size:
        raise ValueError(f"row {bad[0]} of {name} sums to {sums[bad[0]]:g}, but "
                         "categorical_crossentropy needs rows that sum to 1 (one-hot rows or "
                         f"class probabilities); {bad.size} of {sums.size} rows do not")


LOSSES = {
    "mse": Loss("mse", mse, mse_gradient),
    "mae": Loss("mae", mae, mae_gradient),
    "huber": Loss("huber", huber, huber_gradient),
    "binary_crossentropy": Loss(
        "binary_crossentropy", binary_crossentropy, binary_crossentropy_gradient,
        "sigmoid", binary_crossentropy_from_logits, binary_crossentropy_logit_gradient,
        binary_targets),
    "categorical_crossentropy": Loss(
        "categorical_crossentropy", categorical_crossentropy, categorical_crossentropy_gradient,
        "softmax", categorical_crossentropy_from_logits, categorical_crossentropy_logit_gradient,
        categorical_targets),
}

#: The output activation each cross-entropy loss requires.
REQUIRED_OUTPUT = {"binary_crossentropy": "sigmoid", "categorical_crossentropy": "softmax"}


def loss_for_output(loss, output_activation, whose="this network's"):
    """``get_loss(loss)``, refused with a message if it needs another output activation
    (``REQUIRED_OUTPUT``) than ``output_activation`` (an Activation), of ``whose`` output."""
    loss = get_loss(loss)
    required = REQUIRED_OUTPUT.get(loss.name)
    if required and output_activation.name != required:
        raise ValueError(f"loss {loss.name!r} expects output_activation={required!r}, but "
                         f"{whose} output activation is {output_activation.name!r}")
    return loss


def get_loss(spec):
    """Return a :class:`Loss` from its name (or a Loss); unknown names list the valid ones."""
    if isinstance(spec, Loss):
        return spec
    from ._validation import lookup
    return lookup(spec, LOSSES, "loss")

