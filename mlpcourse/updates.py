"""What a vanishing or exploding signal does to learning: weight gradients and first steps.

The gradient of layer l's weights is ``dL/dW_l = A_{l-1}^T delta_l``: the activations that
enter the layer times the error that backpropagation brings to it. When the forward signal
shrinks from layer to layer and the backward signal shrinks the other way, the two factors
cancel, and every layer gets a gradient of the same (small) size. When the activations do
not shrink (a sigmoid outputs about 1/2 whatever its input), nothing cancels the shrinking
error, and the lower layers get far smaller gradients than the upper ones.

:func:`layer_updates` measures, for each layer of a network on one batch, the root mean
square of the weight gradient and the size of the first step of plain gradient descent and
of Adam, relative to the weights themselves. See "Initializing the weights".
"""
from dataclasses import dataclass

import numpy as np

from .optimizers import Adam
from .signal import SCHEME_LABELS, signal_trace


def _rms(a):
    return float(np.sqrt(np.mean(np.square(a))))


@dataclass
class LayerUpdates:
    """Per-layer sizes at the first training step, for the weight matrices W_1 .. W_L.

    ``weight_grad_rms[l - 1]`` is the root mean square of dL/dW_l, ``weight_rms[l - 1]``
    that of W_l. ``sgd_step[l - 1]`` is the relative update |dW| / |W| (root mean squares)
    of a gradient-descent step with learning rate 1; ``adam_step[l - 1]`` the same for
    Adam's first step (with the library's default betas and epsilon). Both steps are
    proportional to the learning rate: multiply by it. ``activation_grad_std[l - 1]`` is
    the std of dL/dA_l for the hidden layers (NaN for the output layer).
    """

    label: str
    weight_grad_rms: np.ndarray
    weight_rms: np.ndarray
    sgd_step: np.ndarray
    adam_step: np.ndarray
    activation_grad_std: np.ndarray

    @property
    def layers(self):
        """Layer numbers 1 .. L (the last is the output layer)."""
        return np.arange(1, len(self.weight_grad_rms) + 1)


def layer_updates(net, trace, grads, label=""):
    """Measure weight gradients and first-step sizes from one forward and backward pass.

    Parameters
    ----------
    net : MLP
    trace : Trace
        ``net.forward_trace(X)``.
    grads : Gradients
        ``net.backward(trace, y, loss)``.
    label : str
        Legend entry of this measurement.

    Returns
    -------
    LayerUpdates
    """
    weights, weight_grads = net.weights, grads.weight_grads
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        grad_rms = np.array([_rms(g) for g in weight_grads])
        weight_rms = np.array([_rms(w) for w in weights])
        moved = [w.copy() for w in weights]
        Adam(learning_rate=1.0).step(moved, weight_grads)
        adam = np.array([_rms(m - w) for m, w in zip(moved, weights)]) / weight_rms
        hidden = [float(np.std(g)) for g in grads.activation_grads[1:]]
    activation_std = np.array(hidden + [np.nan])
    return LayerUpdates(label, grad_rms, weight_rms, grad_rms / weight_rms, adam, activation_std)


def update_statistics(init="he_normal", activation="relu", depth=30, width=100, scale=1.0,
                      n_samples=200, seed=0, label=None):
    """:func:`layer_updates` of the deep network of :func:`mlpcourse.signal.signal_trace`."""
    net, _, _, trace, grads = signal_trace(init, activation, depth, width, scale, n_samples,
                                           seed)
    if label is None:
        scheme = SCHEME_LABELS.get(init, init) if isinstance(init, str) else "custom"
        factor = "" if scale == 1 else f" x {scale:g}"
        label = f"{scheme}{factor}, {net.activation.name}"
    return layer_updates(net, trace, grads, label)


def plot_updates(updates, axes=None):
    """Three log-scale panels per layer: dL/dA (relative to the last hidden layer), the
    weight gradient dL/dW, and the relative step |dW| / |W| of gradient descent (solid) and
    of Adam (dashed), both for a learning rate of 0.01.

    Parameters
    ----------
    updates : list of LayerUpdates
    axes : three matplotlib Axes, optional
    """
    import matplotlib.pyplot as plt

    if axes is None:
        axes = plt.subplots(1, 3, figsize=(12, 3.6), constrained_layout=True)[1]
    rate = 0.01
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for u, color, marker in zip(updates, colors, "o^sDv" * len(updates)):
        hidden = u.layers[:-1]
        top = u.activation_grad_std[len(hidden) - 1]
        style = dict(marker=marker, markersize=3, color=color)
        axes[0].plot(hidden, u.activation_grad_std[:-1] / top, label=u.label, **style)
        axes[1].plot(u.layers, u.weight_grad_rms, **style)
        axes[2].plot(u.layers, rate * u.sgd_step, **style)
        axes[2].plot(u.layers, rate * u.adam_step, linestyle="--", color=color)
    axes[2].plot([], [], color="0.3", label="gradient descent")
    axes[2].plot([], [], color="0.3", linestyle="--", label="Adam (first step)")
    titles = ("Backward signal: std of dL/dA_l\n(relative to the last hidden layer)",
              "Weight gradient: rms of dL/dW_l", "First step: |ΔW_l| / |W_l|\n(learning rate 0.01)")
    for ax, title in zip(axes, titles):
        ax.set_yscale("log")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("layer l")
        ax.grid(True, which="major", axis="y", alpha=0.3)
    axes[0].legend(fontsize=8, loc="lower right")
    axes[2].legend(fontsize=8, loc="lower right")
    return axes
