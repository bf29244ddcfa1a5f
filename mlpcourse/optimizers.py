"""Optimizers: how a gradient becomes a step. Each ``step(params, grads)`` updates the
parameter arrays in place, walking the parameter and gradient lists together; the gradient
arrays are left unchanged.

An optimizer object keeps its state (velocities, moment estimates) between calls, so passing
the same object to several ``MLP.fit`` calls continues training seamlessly. ``reset()``
clears that state; training calls it when it restores the weights after a divergence, so
that a smaller learning rate starts afresh instead of inheriting the runaway velocities.
"""
import numpy as np

from ._validation import check_fraction, check_positive_float, lookup


def _check_state(opt, state, params):
    """Refuse parameters of other shapes than those the optimizer's state was built for."""
    if state is None:
        return
    held, given = [s.shape for s in state], [p.shape for p in params]
    if held != given:
        raise ValueError(f"this {type(opt).__name__} optimizer holds state for parameters of "
                         f"shapes {held} but was given parameters of shapes {given}: an "
                         "optimizer object belongs to one network; make a new one, or call "
                         "its reset()")


class SGD:
    """Plain gradient descent: ``theta <- theta - learning_rate * grad``."""

    #: What the optimizer remembers between steps, in words (None: nothing).
    state_description = None

    def __init__(self, learning_rate=0.01):
        self.learning_rate = check_positive_float(learning_rate, "learning_rate")

    def reset(self):
        """Forget the state kept between steps (plain SGD keeps none)."""

    def step(self, params, grads):
        for p, g in zip(params, grads):
            p -= p.dtype.type(self.learning_rate) * g   # the caller's grads stay unchanged

    def __repr__(self):
        return f"{type(self).__name__}(learning_rate={self.learning_rate})"


class Momentum(SGD):
    """Gradient descent with momentum (and Nesterov's look-ahead with ``nesterov=True``).

    ``v <- beta v - lr g``; ``theta <- theta + v`` (or ``theta + beta v - lr g`` for Nesterov).
    """

    state_description = "its velocities"

    def __init__(self, learning_rate=0.01, momentum=0.9, nesterov=False):
        super().__init__(learning_rate)
        self.momentum = check_fraction(momentum, "momentum")
        self.nesterov = bool(nesterov)
        self.reset()

    def reset(self):
        """Forget the velocities: the next step starts from rest."""
        self.velocities = None

    def step(self, params, grads):
        _check_state(self, self.velocities, params)
        if self.velocities is None:
            self.velocities = [np.zeros_like(p) for p in params]
        beta = self.momentum
        for p, g, v in zip(params, grads, self.velocities):
            step = p.dtype.type(self.learning_rate) * g
            v *= p.dtype.type(beta)
            v -= step
            if self.nesterov:
                p += p.dtype.type(beta) * v - step
            else:
                p += v

    def __repr__(self):
        return (f"Momentum(learning_rate={self.learning_rate}, momentum={self.momentum}, "
                f"nesterov={self.nesterov})")


class Adam(SGD):
    """Adam (Kingma & Ba, 2015): per-parameter steps from running moment estimates.

    Uses the paper's efficient form: ``theta <- theta - lr_t m / (sqrt(v) + epsilon)`` with
    ``lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)``, i.e. epsilon is added to sqrt(v), not
    to the bias-corrected sqrt(v_hat) (a difference of order epsilon).
    """

    state_description = "its moment estimates and step count"

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        super().__init__(learning_rate)
        self.beta1 = check_fraction(beta1, "beta1")
        self.beta2 = check_fraction(beta2, "beta2")
        self.epsilon = check_positive_float(epsilon, "epsilon")
        self.reset()

    def reset(self):
        """Forget the moment estimates and the step count, as a new Adam would."""
        self.t = 0
        self.m = self.v = None

    def step(self, params, grads):
        _check_state(self, self.m, params)
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        lr_t = self.learning_rate * np.sqrt(1 - b2 ** self.t) / (1 - b1 ** self.t)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            dt = p.dtype.type
            m *= dt(b1)
            m += dt(1 - b1) * g
            v *= dt(b2)
            v += dt(1 - b2) * (g * g)
            p -= dt(lr_t) * m / (np.sqrt(v) + dt(self.epsilon))

    def __repr__(self):
        return (f"Adam(learning_rate={self.learning_rate}, beta1={self.beta1}, "
                f"beta2={self.beta2})")


OPTIMIZERS = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": lambda learning_rate: Momentum(learning_rate, nesterov=True),
    "adam": Adam,
}


def get_optimizer(spec, learning_rate):
    """Return an optimizer object from a name (built with ``learning_rate``) or an object."""
    if hasattr(spec, "step"):
        return spec
    return lookup(spec, OPTIMIZERS, "optimizer")(learning_rate)
