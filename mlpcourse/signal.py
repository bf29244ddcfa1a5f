"""How the signal travels through a deep network at initialization, layer by layer.

Pure, seeded functions for the chapter "Initializing the weights": build a deep stack of
equal-width layers with a given initializer, activation, depth and weight scale, push a
batch of standard-normal inputs forward and a gradient backward, and report the standard
deviation of the activations and of the gradients in every hidden layer. Also: find the
hidden units of a layer that are exact copies of each other (the symmetric case), and merge
them into the equivalent network with one unit per group (:mod:`mlpcourse.symmetry`,
re-exported here).
"""
from dataclasses import dataclass

import numpy as np

from . import _validation as v
from .activations import Activation
from .initializers import get_initializer
from .mlp import MLP
from .symmetry import identical_units, merge_identical_units  # noqa: F401 (re-exported)

#: The schemes the chapter compares, by the names used in its tables and explorer.
SCHEME_LABELS = {
    "lecun_uniform_old": "old uniform ±1/√fan_in",
    "glorot_uniform": "Glorot uniform",
    "glorot_normal": "Glorot normal",
    "he_normal": "He normal",
    "he_uniform": "He uniform",
    "lecun_normal": "LeCun normal",
    "mean_constant": "constant 1/fan_in",
}


def mean_constant(fan_in, fan_out, rng=None, dtype="float64"):
    """Every weight equal to ``1 / fan_in``: each unit averages its inputs (symmetric)."""
    return np.full((fan_in, fan_out), 1.0 / fan_in, dtype=dtype)


def scaled(init, scale):
    """Return an initializer drawing like ``init`` and multiplying every weight by ``scale``.

    ``init`` is a name in :data:`mlpcourse.initializers.INITIALIZERS`, ``"mean_constant"``,
    or a callable ``f(fan_in, fan_out, rng, dtype)``. A scale of 2 doubles the standard
    deviation of the weights (and multiplies their variance by 4).
    """
    base = mean_constant if init == "mean_constant" else get_initializer(init)
    scale = float(scale)

    def init_scaled(fan_in, fan_out, rng, dtype="float64"):
        return (np.asarray(base(fan_in, fan_out, rng, dtype)) * scale).astype(dtype, copy=False)

    init_scaled.__name__ = f"{getattr(base, '__name__', 'init')} x {scale:g}"
    return init_scaled


def deep_network(init="he_normal", activation="relu", depth=30, width=100, scale=1.0, seed=0):
    """An MLP with ``depth`` hidden layers of ``width`` units and one linear output unit.

    The input also has ``width`` features, so every hidden layer has fan-in = fan-out =
    ``width``. Weights come from ``init`` multiplied by ``scale``; biases are zero.
    """
    depth = v.check_positive_int(depth, "depth")
    width = v.check_positive_int(width, "width")
    sizes = [width] * (depth + 1) + [1]
    return MLP(sizes, activation=activation, output_activation="identity",
               init=scaled(init, scale), seed=seed)


@dataclass
class SignalStats:
    """Per-layer standard deviations at initialization, for hidden layers 1..depth.

    ``activation_std[l - 1]`` is the std of the activations A_l of hidden layer l (over all
    samples and units); ``preactivation_std`` the same for Z_l; ``gradient_std[l - 1]`` the
    std of dL/dA_l, the gradient of the loss with respect to those activations.
    ``distinct_units[l - 1]`` counts the different units of layer l (1 when all are copies).
    """

    init: str
    activation: str
    depth: int
    width: int
    scale: float
    activation_std: np.ndarray
    preactivation_std: np.ndarray
    gradient_std: np.ndarray
    distinct_units: np.ndarray

    @property
    def layers(self):
        """Hidden-layer numbers 1..depth (the x axis of the chapter's plots)."""
        return np.arange(1, self.depth + 1)

    @property
    def relative_gradient_std(self):
        """``gradient_std`` divided by its value in the last hidden layer (1 there).

        It shows how much the gradient grows or shrinks on its way back to the input,
        whatever the size of the loss's own gradient.
        """
        top = self.gradient_std[-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.gradient_std / top if top > 0 else np.full(self.depth, np.nan)

    def variance_ratios(self):
        """Var(Z_{l+1}) / Var(Z_l) for l = 1..depth-1: 1 keeps the signal, 0.5 halves it."""
        var = self.preactivation_std ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            return var[1:] / var[:-1]


def signal_statistics(init="he_normal", activation="relu", depth=30, width=100, scale=1.0,
                      n_samples=200, seed=0):
    """Measure the forward and backward signal of a fresh deep network, layer by layer.

    A batch of ``n_samples`` standard-normal inputs goes forward through
    :func:`deep_network`; the mean squared error against standard-normal targets is
    backpropagated with :meth:`mlpcourse.MLP.backward`. Everything is drawn from ``seed``.

    Parameters
    ----------
    init : str or callable
        Initializer name (see :func:`scaled`) or ``f(fan_in, fan_out, rng, dtype)``.
    activation : str or Activation
        Hidden activation: a name in :data:`mlpcourse.activations.ACTIVATIONS`, or an
        :class:`~mlpcourse.activations.Activation` such as :data:`SELU`.
    depth, width : int
        Number of hidden layers and units per layer.
    scale : float
        Factor multiplying every initial weight.
    n_samples : int
        Batch size of the measurement.
    seed : int
        Seeds the weights, the inputs and the targets.

    Returns
    -------
    SignalStats
    """
    net, _, _, trace, grads = signal_trace(init, activation, depth, width, scale, n_samples,
                                           seed)
    return _stats(net, trace, grads, _name(init), depth, float(scale))


def signal_trace(init="he_normal", activation="relu", depth=30, width=100, scale=1.0,
                 n_samples=200, seed=0):
    """The raw measurement behind :func:`signal_statistics`, for histograms and updates.

    Returns
    -------
    net : MLP
        From :func:`deep_network`.
    X, y : arrays of shape (n_samples, width) and (n_samples, 1)
        The seeded standard-normal inputs and targets.
    trace : Trace
        ``net.forward_trace(X)``.
    grads : Gradients
        ``net.backward(trace, y, loss="mse")``; overflows give inf or nan, silently.
    """
    n_samples = v.check_positive_int(n_samples, "n_samples")
    net = deep_network(init, activation, depth, width, scale, seed)
    X, y = _inputs(net, n_samples, seed)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        trace = net.forward_trace(X)
        grads = net.backward(trace, y, loss="mse")
    return net, X, y, trace, grads


def _name(init):
    return init if isinstance(init, str) else getattr(init, "__name__", "custom")


def _inputs(net, n_samples, seed):
    """The seeded standard-normal inputs and targets of a measurement."""
    rng = np.random.default_rng([seed, 1])
    return (rng.standard_normal((n_samples, net.layer_sizes[0])),
            rng.standard_normal((n_samples, 1)))


def _stats(net, trace, grads, name, depth, scale):
    hidden = slice(1, depth + 1)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        a_std = np.array([np.std(a) for a in trace.activations[hidden]])
        z_std = np.array([np.std(z) for z in trace.pre_activations[:depth]])
        g_std = np.array([np.std(g) for g in grads.activation_grads[hidden]])
    distinct = np.array([len(identical_units(w, b))
                         for w, b in zip(net.weights[:depth], net.biases[:depth])])
    return SignalStats(name, net.activation.name, depth, net.layer_sizes[1], scale,
                       a_std, z_std, g_std, distinct)


# ---------------------------------------------------------------------------------------
# SELU, the activation LeCun's initialization was made for (Klambauer et al., 2017)
# ---------------------------------------------------------------------------------------
SELU_ALPHA, SELU_LAMBDA = 1.6732632423543772, 1.0507009873554805


def selu(z):
    """lambda * z for z > 0, lambda * alpha * (exp(z) - 1) otherwise: self-normalizing."""
    t = z.dtype.type
    return t(SELU_LAMBDA) * np.where(z > 0, z, t(SELU_ALPHA) * np.expm1(np.minimum(z, 0)))


def selu_derivative(z):
    t = z.dtype.type
    return t(SELU_LAMBDA) * np.where(z > 0, t(1), t(SELU_ALPHA) * np.exp(np.minimum(z, 0)))


#: The scaled exponential linear unit, with its derivative; pass it as ``activation=SELU``.
SELU = Activation("selu", selu, selu_derivative)


# ---------------------------------------------------------------------------------------
# Figures (matplotlib is imported when a figure is drawn)
# ---------------------------------------------------------------------------------------
#: Fixed y range of the per-layer plots, so that figures can be compared frame to frame.
STD_RANGE = (1e-16, 1e16)


def _label(stats):
    scheme = SCHEME_LABELS.get(stats.init, stats.init)
    factor = "" if stats.scale == 1 else f" x {stats.scale:g}"
    return f"{scheme}{factor}, {stats.activation}"


def plot_signal(stats_list, axes=None, labels=None, title=True):
    """Plot per-layer std of activations (forward) and of gradients (backward), log scale.

    Parameters
    ----------
    stats_list : SignalStats or list of SignalStats
        One line per entry, in both panels.
    axes : pair of matplotlib Axes, optional
        Left: activations; right: gradients relative to the last hidden layer.
    labels : list of str, optional
        Legend entries (default: scheme, scale and activation).
    """
    import matplotlib.pyplot as plt

    if isinstance(stats_list, SignalStats):
        stats_list = [stats_list]
    if axes is None:
        axes = plt.subplots(1, 2, figsize=(9, 3.4), constrained_layout=True)[1]
    labels = labels or [_label(s) for s in stats_list]
    for s, label in zip(stats_list, labels):
        lo, hi = STD_RANGE
        axes[0].plot(s.layers, np.clip(s.activation_std, lo, hi), marker=".", label=label)
        axes[1].plot(s.layers, np.clip(s.relative_gradient_std, lo, hi), marker=".", label=label)
    names = ("activations $A_l$ (forward)", "gradients $\\partial L/\\partial A_l$ (backward)")
    ylabels = ("std of $A_l$", "std relative to last hidden layer")
    for ax, name, ylabel in zip(axes, names, ylabels):
        ax.set_yscale("log")
        ax.set(xlabel="hidden layer $l$", ylabel=ylabel)
        if title:
            ax.set_title(f"Std of the {name}", fontsize=10)
        ax.axhline(1.0, color="0.6", linewidth=0.8, linestyle=":")
        ax.grid(True, which="major", axis="y", alpha=0.3)
    axes[1].legend(fontsize=8)
    return axes


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(value, position=None):
    """Tick label ``10⁵`` in plain text (mathtext is slow to draw in dozens of frames)."""
    return "1" if value == 1 else "10" + str(int(round(np.log10(value)))).translate(_SUPERSCRIPTS)


def draw_signal_explorer(init="he_normal", activation="relu", depth=30, scale=1.0, width=64,
                         n_samples=128, seed=0):
    """One frame of the chapter's explorer: forward and backward std per layer, plus the
    activations of the last hidden layer (samples x units), where copies show as stripes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

    net, _, _, trace, grads = signal_trace(init, activation, depth, width, scale, n_samples,
                                           seed)
    stats = _stats(net, trace, grads, _name(init), depth, float(scale))
    first = _inputs(net, 12, seed)[0] @ net.weights[0]
    first = net.activation.forward(first + net.biases[0])[:, :16]
    fig, axes = plt.subplots(1, 3, figsize=(8.4, 2.6), gridspec_kw={"width_ratios": [1, 1, 0.7]})
    fig.subplots_adjust(left=0.09, right=0.99, bottom=0.17, top=0.8, wspace=0.38)
    plot_signal(stats, axes[:2], title=False)
    for ax, name in zip(axes[:2], ("Forward: std of activations", "Backward: std of gradients")):
        ax.set(ylim=STD_RANGE, xlim=(0, depth + 1), ylabel="", xlabel="hidden layer",
               title=name, yticks=[1e-15, 1e-10, 1e-5, 1, 1e5, 1e10, 1e15])
        ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.title.set_fontsize(9)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.get_legend() and ax.get_legend().remove()
    axes[0].set_ylabel("std of A_l", fontsize=9)
    axes[1].set_ylabel("relative to last layer", fontsize=9)
    peak = float(np.abs(first).max()) or 1.0
    axes[2].imshow(first, cmap="RdBu_r", vmin=-peak, vmax=peak, interpolation="nearest",
                   aspect="auto")
    distinct = int(stats.distinct_units.max())
    axes[2].set(xlabel="unit (first 16)", ylabel="sample", xticks=[], yticks=[],
                title=f"Layer 1 activations:\n{distinct} distinct unit{'s' * (distinct != 1)} of {width}")
    axes[2].title.set_fontsize(9)
    fig.suptitle(f"{SCHEME_LABELS.get(init, init)} x {scale:g}, {net.activation.name}, "
                 f"{depth} hidden layers of {width} units", fontsize=10)
    return fig


def plot_layer_histograms(runs, axes=None, bins=61):
    """Histograms of each hidden layer's activations and back-propagated gradients.

    Glorot and Bengio's view of the signal: one row per run, the distribution of the
    activations A_l (left) and of the gradients dL/dZ_l (right) of every hidden layer,
    drawn as outlines in one panel, each normalized to its peak.

    Parameters
    ----------
    runs : list of (label, trace, grads)
        ``trace`` and ``grads`` as returned by :func:`signal_trace`.
    axes : array of matplotlib Axes of shape (len(runs), 2), optional
    """
    import matplotlib.pyplot as plt

    if axes is None:
        axes = plt.subplots(len(runs), 2, figsize=(10, 3.2 * len(runs)), squeeze=False,
                            constrained_layout=True)[1]
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for (label, trace, grads), row in zip(runs, axes):
        hidden_a, hidden_d = trace.activations[1:-1], grads.deltas[:-1]
        a_edges = np.linspace(-1, 1, bins) if trace.activations[1].min() < 0 else \
            np.linspace(0, 1, bins)
        d_peak = max(float(np.quantile(np.abs(d), 0.99)) for d in hidden_d) or 1.0
        d_edges = np.linspace(-d_peak, d_peak, bins)
        for l, (a, d) in enumerate(zip(hidden_a, hidden_d), start=1):
            for ax, values, edges in ((row[0], a, a_edges), (row[1], d, d_edges)):
                counts, _ = np.histogram(values, edges)
                ax.stairs(counts / max(counts.max(), 1), edges, color=colors[(l - 1) % len(colors)],
                          label=f"layer {l}")
        row[0].set(title=f"{label}: activations $A_l$", xlabel="activation",
                   ylabel="share of the peak")
        row[1].set(title=f"{label}: back-propagated gradients $\\partial L/\\partial Z_l$",
                   xlabel="gradient")
        row[1].ticklabel_format(axis="x", style="sci", scilimits=(-2, 2))
        row[1].legend(fontsize=8)
    return axes
