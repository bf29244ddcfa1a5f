"""Figures of the chapter "The structure of a multilayer perceptron".

- :func:`draw_tlu_line`, :func:`mark_points` and :func:`draw_perceptron_visit`: the line a
  threshold unit draws, and the perceptron rule replayed one sample at a time;
- :func:`draw_xor_network`: the 2-2-1 step network of XOR with every weight readable;
- :func:`draw_anatomy`: the parts of an MLP and its parameter count;
- :func:`train_capacity`, :func:`dead_units` and :func:`draw_capacity`: networks of several
  depths and widths trained on one data set over several seeds.
"""
from dataclasses import dataclass

import numpy as np

from ..metrics import accuracy
from ..plots import CLASS_COLORS, draw_network, plot_decision_boundary
from ..perceptron import tlu
from .netdraw import draw_labelled_network


def draw_tlu_line(ax, w, b, **style):
    """Draw the line ``w1 x1 + w2 x2 + b = 0`` across ``ax`` (nothing while ``w = 0``)."""
    w, b = np.ravel(w), float(np.ravel(b)[0])
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    x1 = np.linspace(*xlim, 2)
    if abs(w[1]) > 1e-12:
        ax.plot(x1, -(w[0] * x1 + b) / w[1], **style)
    elif abs(w[0]) > 1e-12:
        ax.axvline(-b / w[0], **style)
    ax.set(xlim=xlim, ylim=ylim)


def mark_points(ax, X, y, wrong=None):
    """Large markers for a few points, coloured by class; ``wrong`` (bool mask) adds a
    black cross beside each point classified wrongly."""
    X, y = np.asarray(X), np.asarray(y).ravel()
    for label in (0, 1):
        ax.scatter(*X[y == label].T, s=110, color=CLASS_COLORS[label], edgecolor="k",
                   zorder=5)
    if wrong is not None and np.any(wrong):
        ax.scatter(*(X[np.asarray(wrong)] + [0.13, 0.13]).T, s=70, marker="x", color="k",
                   linewidths=2.2, zorder=6, label="wrong")


def shade_tlu(ax, W, b, lim=(-0.5, 1.5), resolution=160):
    """Shade where a threshold unit outputs 1 (red) and 0 (blue), with flat colours."""
    from matplotlib.colors import ListedColormap

    grid = np.linspace(*lim, resolution)
    xx, yy = np.meshgrid(grid, grid)
    out = tlu(np.column_stack([xx.ravel(), yy.ravel()]), W, b).reshape(xx.shape)
    tint = ListedColormap(["#c6d6e8", "#ecc4c4"])  # light blue: 0, light red: 1
    ax.imshow(out, origin="lower", extent=(*lim, *lim), cmap=tint, vmin=0, vmax=1,
              interpolation="nearest", aspect="auto", zorder=0)
    ax.set(xlim=lim, ylim=lim, xlabel="$x_1$", ylabel="$x_2$")


def draw_perceptron_visit(X, y, states, gate, visits):
    """The boundary of a perceptron after ``visits`` single-sample updates.

    Parameters
    ----------
    X : array of shape (4, 2)
    y : array of shape (4,)
        The gate's targets.
    states : list of (W, b)
        From :func:`mlpcourse.perceptron.perceptron_visits`.
    gate : str
        The gate's name, for the title.
    visits : int
    """
    import matplotlib.pyplot as plt

    W, b = states[visits]
    wrong = tlu(X, W, b).ravel() != y
    fig, ax = plt.subplots(figsize=(3.9, 3.7))
    if visits == 0:
        headline = f"{gate}: start, all weights 0"
    else:
        moved = not (np.array_equal(W, states[visits - 1][0])
                     and np.array_equal(b, states[visits - 1][1]))
        headline = (f"{gate}: visit {visits} (epoch {(visits - 1) // 4 + 1}), "
                    f"{'update' if moved else 'no change'}")
    shade_tlu(ax, W, b)
    ax.set_title(f"{headline}\nw = ({W[0, 0]:g}, {W[1, 0]:g}), b = {b[0]:g}: "
                 f"{int(wrong.sum())} of 4 points wrong", fontsize=10)
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    draw_tlu_line(ax, W, b, color="k", linewidth=2)
    mark_points(ax, X, y, wrong)
    if visits:
        ax.scatter(*X[(visits - 1) % 4], s=560, facecolor="none", edgecolor=CLASS_COLORS[4],
                   linewidth=2.5, zorder=7)
    fig.subplots_adjust(left=0.14, right=0.96, top=0.86, bottom=0.13)
    return fig


def draw_xor_network(ax, W1, b1, W2, b2, roles):
    """The 2-2-1 network of XOR with every weight and bias written on its connection.

    ``roles`` names what each hidden and output unit computes, ``{(layer, unit): "OR"}``;
    it is written under the unit.
    """
    names = {(0, 0): "x₁", (0, 1): "x₂", (1, 0): "h₁", (1, 1): "h₂", (2, 0): "ŷ"}
    labels = {}
    for layer, (W, b) in enumerate([(W1, b1), (W2, b2)]):
        stacked = np.vstack([W, np.reshape(b, (1, -1))])
        labels.update({(layer, i, j): f"{stacked[i, j]:g}".replace("-", "\u2212")
                       for i, j in np.ndindex(stacked.shape)})
    values = [np.vstack([W1, np.reshape(b1, (1, -1))]), np.vstack([W2, np.reshape(b2, (1, -1))])]
    draw_labelled_network([2, 2, 1], ax, names=names, node_text=roles, edge_text=labels,
                          edge_values=values, fontsize=10, title="The 2-2-1 step network")


def draw_anatomy(layer_sizes, figsize=(8, 4.6)):
    """An MLP with bias neurons, layer names, lower and upper layers, and its parameter count."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize)
    n_hidden = len(layer_sizes) - 2
    draw_network(layer_sizes, ax=ax, title=f"{'-'.join(map(str, layer_sizes))} MLP: "
                 f"{n_hidden} hidden layer{'s' * (n_hidden != 1)}")
    arrow = {"arrowstyle": "->", "color": "0.3"}
    ax.annotate("", xy=(0.03, 0.14), xytext=(0.47, 0.14), xycoords="figure fraction",
                arrowprops=arrow)
    ax.annotate("", xy=(0.97, 0.14), xytext=(0.53, 0.14), xycoords="figure fraction",
                arrowprops=arrow)
    fig.text(0.03, 0.11, "lower layers (near the input)", fontsize=9, ha="left", va="top")
    fig.text(0.97, 0.11, "upper layers (near the output)", fontsize=9, ha="right", va="top")
    terms = " + ".join(f"({a}+1)·{b}" for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    total = sum((a + 1) * b for a, b in zip(layer_sizes[:-1], layer_sizes[1:]))
    fig.text(0.5, 0.015, f"parameters = {terms} = {total}", ha="center", fontsize=10)
    fig.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.17)
    return fig


@dataclass
class Trained:
    """One trained network: its seed, training accuracy and dead units per hidden layer."""

    net: object
    seed: int
    accuracy: float
    dead: list

    @property
    def layer_died(self):
        """True if every unit of some hidden layer is dead (the output is then constant)."""
        return any(d == n for d, n in zip(self.dead, self.net.layer_sizes[1:-1]))


def dead_units(net, X):
    """Number of units of each hidden layer whose output is 0 for every row of ``X``.

    Such a ReLU unit is **dead** on these data: its gradient is 0 too, so training cannot
    revive it.
    """
    trace = net.forward_trace(X)
    return [int(np.sum(np.all(A <= 0, axis=0))) for A in trace.activations[1:-1]]


def train_capacity(X, y, hidden, seeds, epochs=300, learning_rate=0.03):
    """Train a ReLU MLP ``[2, *hidden, 1]`` with a sigmoid output once per seed.

    Full-batch Adam on the binary cross-entropy (every step sees all of ``(X, y)``), He
    initialization. Returns a list of :class:`Trained`, one per seed.
    """
    from ..mlp import MLP

    results = []
    for seed in seeds:
        net = MLP([X.shape[1], *hidden, 1], activation="relu", output_activation="sigmoid",
                  init="he_normal", seed=seed)
        net.fit(X, y, loss="binary_crossentropy", epochs=epochs, batch_size=len(X),
                learning_rate=learning_rate, optimizer="adam", seed=seed)
        results.append(Trained(net, seed, accuracy(y, net.predict(X)), dead_units(net, X)))
    return results


def describe_seeds(results):
    """``"5 seeds: 58%–61%"`` (or ``"5 seeds: all 100%"``): the training accuracies' range."""
    low, high = min(r.accuracy for r in results), max(r.accuracy for r in results)
    spread = f"all {low:.0%}" if f"{low:.0%}" == f"{high:.0%}" else f"{low:.0%}–{high:.0%}"
    return f"{len(results)} seeds: {spread}"


def draw_capacity(X, y, results, hidden, shown_seed=0):
    """The boundary of one seed's network, with the accuracies and dead layers of all seeds."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.4, 4.9))
    shown = next(r for r in results if r.seed == shown_seed)
    layers = len(hidden)
    died = sum(r.layer_died for r in results)
    title = (f"{layers} hidden layer{'s' * (layers > 1)} of {hidden[0]} units, "
             f"{shown.net.n_params} parameters\nseed {shown_seed}: {shown.accuracy:.0%}; "
             f"{describe_seeds(results)}\n"
             f"a whole layer dead in {died} of {len(results)} seeds")
    plot_decision_boundary(shown.net, X, y, ax=ax, resolution=70, title=title)
    ax.legend(loc="lower right", fontsize=8)
    fig.subplots_adjust(left=0.14, right=0.97, top=0.82, bottom=0.1)
    return fig
