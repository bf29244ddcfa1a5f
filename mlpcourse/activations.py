"""Activation functions, each with its derivative right beside it.

Every activation maps a pre-activation array ``Z`` of shape (n_samples, n_units) to an
array of the same shape and dtype. ``ACTIVATIONS`` maps each name to an :class:`Activation`
holding ``forward(z)``, ``derivative(z)`` and ``backward(z, a, grad_a)``, the last returning
dL/dZ from dL/dA. See the chapters "The structure of an MLP" and "Backpropagation".
"""
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np


@dataclass(frozen=True)
class Activation:
    """An activation function and its derivative.

    Parameters
    ----------
    name : str
        Name used in the table and in saved networks.
    forward : callable
        ``forward(z) -> a``, elementwise (or row-wise for softmax).
    derivative : callable or None
        ``derivative(z) -> da/dz`` elementwise; None where no useful derivative exists.
    backward : callable, optional
        ``backward(z, a, grad_a) -> grad_z``; defaults to ``grad_a * derivative(z)``.
    """

    name: str
    forward: Callable
    derivative: Optional[Callable]
    fast_backward: Optional[Callable] = None

    def __call__(self, z):
        return self.forward(z)

    def backward(self, z, a, grad_a):
        """Return dL/dZ given Z, A = forward(Z) and dL/dA (the chain rule for one layer)."""
        if self.fast_backward is not None:
            return self.fast_backward(z, a, grad_a)
        if self.derivative is None:
            raise ValueError(f"activation {self.name!r} has no derivative")
        return grad_a * self.derivative(z)


def _one(z):
    return z.dtype.type(1)


def identity(z):
    return z


def identity_derivative(z):
    return np.ones_like(z)


def identity_backward(z, a, grad_a):
    return grad_a


def step(z):
    """The Heaviside step of a threshold logic unit: 1 where z >= 0, else 0."""
    return (z >= 0).astype(z.dtype)


def step_derivative(z):
    raise ValueError(
        "the step (Heaviside) activation has no useful derivative: it is 0 everywhere except "
        "at z = 0, where it is undefined, so backpropagation would get a zero gradient and "
        "gradient descent could never change the weights. Use a differentiable activation "
        "such as 'sigmoid', 'tanh' or 'relu' to train the network")


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), computed without overflow for any z."""
    e = np.exp(-np.abs(z))            # in (0, 1]: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1 - s)


def sigmoid_backward(z, a, grad_a):
    return grad_a * (a * (1 - a))


def tanh(z):
    return np.tanh(z)


def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


def tanh_backward(z, a, grad_a):
    return grad_a * (1 - a * a)


def relu(z):
    return np.maximum(z, 0)


def relu_derivative(z):
    return (z > 0).astype(z.dtype)


def relu_backward(z, a, grad_a):
    return grad_a * (z > 0)


LEAKY_SLOPE = 0.01


def leaky_relu(z):
    return np.where(z > 0, z, z * z.dtype.type(LEAKY_SLOPE))


def leaky_relu_derivative(z):
    return np.where(z > 0, _one(z), z.dtype.type(LEAKY_SLOPE))


def elu(z):
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))


def elu_derivative(z):
    return np.where(z > 0, _one(z), np.exp(np.minimum(z, 0)))


def softplus(z):
    """log(1 + exp(z)), stable for large |z|."""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def softplus_derivative(z):
    return sigmoid(z)


def softmax(z):
    """Row-wise softmax; the row maximum is subtracted first, so it never overflows."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_backward(z, a, grad_a):
    """Jacobian-vector product of softmax: dL/dz = a * (g - sum(g * a))."""
    return a * (grad_a - (grad_a * a).sum(axis=1, keepdims=True))


ACTIVATIONS = {
    "identity": Activation("identity", identity, identity_derivative, identity_backward),
    "step": Activation("step", step, step_derivative),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, sigmoid_backward),
    "tanh": Activation("tanh", tanh, tanh_derivative, tanh_backward),
    "relu": Activation("relu", relu, relu_derivative, relu_backward),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative),
    "elu": Activation("elu", elu, elu_derivative),
    "softplus": Activation("softplus", softplus, softplus_derivative),
    "softmax": Activation("softmax", softmax, None, softmax_backward),
}

HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "softmax")


def check_output_units(activation, n_units):
    """Refuse a softmax over a single output unit: exp(z) / exp(z) is 1 whatever z."""
    if activation.name == "softmax" and n_units == 1:
        raise ValueError("a softmax over one output unit always gives 1 (exp(z) / exp(z)), "
                         "so the network could not learn anything: for two classes use "
                         "output_activation='sigmoid' with one output unit (and "
                         "binary_crossentropy), or give the softmax one unit per class")


def get_activation(spec, output=False):
    """Return an :class:`Activation` from a name, an Activation, or a (forward, derivative) pair.

    Softmax is only allowed as an output activation (it mixes a row's units).
    """
    if isinstance(spec, Activation):
        return spec
    if isinstance(spec, tuple) and len(spec) == 2 and all(callable(f) for f in spec):
        forward, derivative = spec
        name = getattr(forward, "__name__", "custom")
        return Activation(name, forward, derivative)
    if callable(spec):
        raise TypeError("a custom activation must be a pair (forward, derivative) of callables")
    from ._validation import lookup
    act = lookup(spec, ACTIVATIONS, "activation")
    if act.name == "softmax" and not output:
        raise ValueError("softmax is an output activation only; for hidden layers use one of: "
                         + ", ".join(HIDDEN_ACTIVATIONS))
    return act
