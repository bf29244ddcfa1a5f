"""One sample through a one-hidden-layer network: the forward pass, then backpropagation.

:func:`backprop_steps` computes the eight steps of the explorer in the chapter
"Backpropagation" (numbers only, from :meth:`mlpcourse.MLP.forward_trace` and
:meth:`mlpcourse.MLP.backward`); :func:`draw_step` draws one of them with
:func:`mlpcourse.figures.netdraw.draw_labelled_network`. In forward steps the connections
show the weights; in backward steps they show the gradients (or, when the error flows back
along them, the weights it is multiplied by), so colour and width always mean what the
labels say.
"""
from dataclasses import dataclass, field

import numpy as np

from .netdraw import draw_labelled_network


@dataclass
class Step:
    """What one step of the explorer shows.

    ``edge_values[layer]`` (shape (n_layer + 1, n_next), biases in the last row, or None)
    colours the connections; ``edge_text`` labels them; ``node_text`` labels the neurons.
    """

    phase: str  # "forward" or "backward"
    title: str
    explanation: str
    node_text: dict = field(default_factory=dict)
    edge_text: dict = field(default_factory=dict)
    edge_values: list = field(default_factory=lambda: [None, None])


def _fmt(v):
    return f"{v:.2f}".replace("-", "\u2212")


def _vec(values):
    return "[" + ", ".join(_fmt(v) for v in np.ravel(values)) + "]"


def _nodes(layer, prefix, values):
    return {(layer, k): f"{prefix}{_fmt(v)}" for k, v in enumerate(np.ravel(values))}


def _with_bias(matrix, vector):
    return np.vstack([matrix, np.reshape(vector, (1, -1))])


def _edges(layer, stacked):
    return {(layer, i, j): _fmt(stacked[i, j]) for i, j in np.ndindex(stacked.shape)}


def _check(net, x, y):
    if len(net.weights) != 2 or net.layer_sizes[-1] != 1:
        raise ValueError("the step-through needs a network with one hidden layer and one "
                         f"output, such as MLP([2, 3, 1]); got {net.layer_sizes}")
    if net.activation.name != "tanh" or net.output_activation.name != "identity":
        raise ValueError("the step-through explains a tanh hidden layer and an identity "
                         f"output; got {net.activation.name!r} and "
                         f"{net.output_activation.name!r}")
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    return x, np.asarray(y, dtype=np.float64).reshape(1, 1)


def backprop_steps(net, x, y):
    """The eight steps for one sample ``x`` (shape (n_inputs,)) with target ``y``.

    The loss is the squared error ``(ŷ - y)²`` of this one sample (``loss="mse"``).

    Returns
    -------
    list of Step
        Steps 1-4 the forward pass, steps 5-8 the backward pass.
    """
    x, y = _check(net, x, y)
    trace = net.forward_trace(x)
    grads = net.backward(trace, y, loss="mse")
    (W1, W2), (b1, b2) = net.weights, net.biases
    z1, a1, out = trace.pre_activations[0][0], trace.activations[1][0], trace.output[0, 0]
    d1, d2 = grads.deltas[0][0], grads.deltas[1][0, 0]
    (dW1, dW2), (db1, db2) = grads.weight_grads, grads.bias_grads
    P1, P2 = _with_bias(W1, b1), _with_bias(W2, b2)
    G1, G2 = _with_bias(dW1, db1), _with_bias(dW2, db2)
    back = np.vstack([W2, [[np.nan]]])  # the error flows back along W2, not along b2
    xs, zs, hs = _nodes(0, "", x[0]), _nodes(1, "z=", z1), _nodes(1, "a=", a1)
    deltas1, delta2 = _nodes(1, "δ=", d1), {(2, 0): f"δ={_fmt(d2)}"}
    return [
        Step("forward", "the input", "The sample enters the input layer\nunchanged.\n\n"
             f"x = {_vec(x)},  target y = {_fmt(y[0, 0])}", xs),
        Step("forward", "hidden sums z",
             "Each hidden unit adds its weighted\ninputs and its bias. The connections\n"
             f"carry W1 and b1.\n\nz = x W1 + b1 = {_vec(z1)}",
             {**xs, **zs}, _edges(0, P1), [P1, None]),
        Step("forward", "hidden activations a",
             f"Each hidden unit applies tanh.\n\na = tanh(z) = {_vec(a1)}", {**xs, **hs}),
        Step("forward", "output and loss",
             "The output adds the weighted hidden\nvalues and its bias. The connections\n"
             f"carry W2 and b2.\n\nŷ = a W2 + b2 = {_fmt(out)}\n"
             f"loss = (ŷ − y)² = {_fmt(grads.loss)}",
             {**hs, (2, 0): f"ŷ={_fmt(out)}"}, _edges(1, P2), [None, P2]),
        Step("backward", "output error",
             "From now on the neurons show errors δ,\nthe gradient of the loss with respect\n"
             f"to each unit's sum z.\n\nδ_out = dL/dŷ = 2 (ŷ − y) = {_fmt(d2)}",
             {**hs, **delta2}),
        Step("backward", "gradients of W2 and b2",
             "Each output weight's gradient is the\nvalue entering it times the error of\n"
             "the unit it feeds. The connections\nnow carry gradients.\n\n"
             f"dW2 = aᵀ δ_out = {_vec(dW2)}\ndb2 = δ_out = {_fmt(db2[0])}",
             {**hs, **delta2}, _edges(1, G2), [None, G2]),
        Step("backward", "hidden errors",
             "The error flows back along W2 (the\nconnections show W2 again), then\n"
             "through the slope of tanh, 1 − a².\n\n"
             f"dL/da = δ_out W2ᵀ = {_vec(d2 * W2[:, 0])}\nδ = dL/da ⊙ (1 − a²)\n"
             f"  = {_vec(d1)}",
             {**deltas1, **delta2}, {k: v for k, v in _edges(1, back).items() if k[1] < 3},
             [None, back]),
        Step("backward", "gradients of W1 and b1",
             "The same rule one layer down: the\nvalue entering times the error. Every\n"
             "parameter now has its gradient.\n\n"
             f"dW1 = xᵀ δ = rows {_vec(dW1[0])}\n           and {_vec(dW1[1])}\n"
             f"db1 = δ = {_vec(db1)}",
             {**xs, **deltas1}, _edges(0, G1), [G1, None]),
    ]


NAMES = {(0, 0): "x₁", (0, 1): "x₂", (1, 0): "h₁", (1, 1): "h₂", (1, 2): "h₃",
         (2, 0): "ŷ"}


def draw_step(steps, step, layer_sizes=(2, 3, 1)):
    """Draw step ``step`` (1-based) of ``steps``: the network left, the explanation right.

    Returns
    -------
    matplotlib Figure
    """
    import matplotlib.pyplot as plt

    if not 1 <= step <= len(steps):
        raise ValueError(f"step must be between 1 and {len(steps)}, got {step}")
    s = steps[step - 1]
    fig = plt.figure(figsize=(11, 4.8))
    ax_net = fig.add_axes([0.0, 0.0, 0.6, 0.91])
    ax_text = fig.add_axes([0.61, 0.02, 0.38, 0.86])
    draw_labelled_network(layer_sizes, ax_net, names=NAMES, node_text=s.node_text,
                          edge_text=s.edge_text, edge_values=s.edge_values, fontsize=9)
    fig.suptitle(f"Step {step} of {len(steps)}: {s.phase} pass, {s.title}", fontsize=13,
                 x=0.02, ha="left")
    ax_text.set_axis_off()
    colour = "#2a6f2a" if s.phase == "forward" else "#a61c1c"
    ax_text.text(0, 1, f"{s.phase.upper()} PASS", va="top", fontsize=12, weight="bold",
                 color=colour, transform=ax_text.transAxes)
    ax_text.text(0, 0.9, s.explanation, va="top", fontsize=11, linespacing=1.35,
                 transform=ax_text.transAxes, family="DejaVu Sans")
    key = ("connections: red solid = positive, blue dashed = negative,\n"
           "width = size of the number on them")
    ax_text.text(0, 0.0, key, va="bottom", fontsize=8.5, color="0.3",
                 transform=ax_text.transAxes)
    return fig
