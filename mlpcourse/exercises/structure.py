"""Exercises of the chapter "The structure of a multilayer perceptron" (book/structure.ipynb).

``param_count`` (a value), ``dense_forward`` (a function), ``xor_weights`` (weights of a
step network), ``forward_shapes`` (the shape of every array) and ``step_gradient`` (think).
"""
import numpy as np

from ._function import FunctionQuestion
from ._gates import INPUTS, GateNetworkQuestion, TluQuestion
from ._question import Mistake
from ._shapes import ShapesQuestion
from ._think import ThinkQuestion
from ._value import ValueQuestion

# --------------------------------------------------------------------------- param_count
PARAM_SIZES = (784, 300, 100, 10)


def _count(sizes):
    return sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


_WEIGHTS_ONLY = sum(a * b for a, b in zip(PARAM_SIZES[:-1], PARAM_SIZES[1:]))

param_count = ValueQuestion(
    "param_count", _count(PARAM_SIZES), rtol=0, atol=0, integer=True, unit="parameters",
    prompt="How many trainable parameters (weights and biases) does a fully connected MLP "
           "with layer sizes 784-300-100-10 have?",
    mistakes=[
        Mistake(_WEIGHTS_ONLY, "You counted the weights but forgot the biases: every neuron "
                "outside the input layer has one bias too."),
        Mistake(784 * 300, "You counted only the weights between the first two layers. Every "
                "pair of consecutive layers is fully connected, and each layer has biases."),
        Mistake(785 * 300, "You counted only the first layer of connections (784 -> 300). "
                "Add the parameters of the two layers above it."),
        Mistake(785 * 300 + 301 * 100, "You left out the output layer (100 -> 10)."),
        Mistake(785 * 300 + 301 * 100 + 100 * 10, "Almost: the output neurons have biases too."),
        Mistake(_WEIGHTS_ONLY + sum(PARAM_SIZES), "You gave the input neurons biases too. The "
                "input layer only passes the inputs through; only hidden and output neurons "
                "have a bias."),
        Mistake(_WEIGHTS_ONLY + 3, "You counted one bias per layer, but every neuron has its "
                "own bias."),
        Mistake(784 * 301 + 300 * 101 + 100 * 11, "The bias neurons are on the wrong side: a "
                "layer's bias neuron feeds the layer *above* it, so a layer of n_i units adds "
                "(n_i + 1) * n_(i+1) parameters."),
        Mistake(sum(PARAM_SIZES), "That is the number of neurons, not of parameters. Count "
                "the connections between consecutive layers, plus the biases."),
        Mistake(int(np.prod(PARAM_SIZES)), "You multiplied all the layer sizes together. "
                "Connections only join consecutive layers: add up the layers' counts instead."),
    ],
    hints=[
        "Count layer by layer. Consecutive layers are fully connected, and every neuron "
        "outside the input layer has one bias.",
        "A dense layer from n_i to n_(i+1) units has a weight matrix of shape "
        "(n_i, n_(i+1)) and a bias vector of shape (n_(i+1),).",
        "Add up (784 + 1) * 300, (300 + 1) * 100 and (100 + 1) * 10.",
    ],
    solution="Each layer has (n_i + 1) * n_(i+1) parameters: n_i * n_(i+1) weights and "
             "n_(i+1) biases. So 785 * 300 + 301 * 100 + 101 * 10 = 235,500 + 30,100 + 1,010 "
             "= 266,610. `MLP([784, 300, 100, 10]).n_params` gives the same number.",
    solution_code="sizes = [784, 300, 100, 10]\n"
                  "sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))  # 266610",
)


# -------------------------------------------------------------------------- dense_forward
def _dense_forward(X, W, b):
    return X @ W + b


def _layer_inputs(kind):
    """Trial inputs of a layer with random sizes: ``"general"`` (the batch size and the two
    fans all differ, so a transposed product cannot run), ``"square"`` (fan_in = fan_out: a
    transposed W still runs, and gives other numbers), ``"single"`` (one sample) or
    ``"large"`` (a batch of 9 to 40 samples: no small batch size can be hard-coded)."""
    def make(rng):
        fan_in = int(rng.integers(2, 6))
        lowest = 1 if kind == "single" else 2  # one output column: in the single-sample trial
        fan_out = fan_in if kind == "square" else int(rng.choice(
            [k for k in range(lowest, 7) if k != fan_in]))
        sizes = range(9, 41) if kind == "large" else range(3, 9)
        n_samples = 1 if kind == "single" else int(rng.choice(
            [k for k in sizes if k not in (fan_in, fan_out)]))
        return {"X": rng.normal(size=(n_samples, fan_in)),
                "W": rng.normal(size=(fan_in, fan_out)),
                "b": rng.normal(size=fan_out)}
    return make


dense_forward = FunctionQuestion(
    "dense_forward", _dense_forward,
    [_layer_inputs("general"), _layer_inputs("square"), _layer_inputs("single"),
     _layer_inputs("large")],
    prompt="Write `dense_forward(X, W, b)`: the pre-activations Z of a dense layer for a whole "
           "batch. X has shape (n_samples, fan_in), W (fan_in, fan_out), b (fan_out,).",
    mistakes=[
        Mistake(lambda X, W, b: X @ W.T + b, "You used the transpose of W. In mlpcourse W has "
                "shape (fan_in, fan_out), so the batch goes through as `X @ W`; `W.T` belongs "
                "to the column-vector convention `W x`."),
        Mistake(lambda X, W, b: W @ X + b, "You wrote `W @ X`. Rows of X are samples, so X "
                "comes first: each row of X times W gives that sample's outputs."),
        Mistake(lambda X, W, b: X @ W, "You forgot the bias `b`: every unit adds its own bias "
                "to the weighted sum."),
        Mistake(lambda X, W, b: np.maximum(0, X @ W + b), "You applied a ReLU. This function "
                "stops at the pre-activation Z; the activation is applied afterwards."),
        Mistake(lambda X, W, b: 1 / (1 + np.exp(-(X @ W + b))), "You applied a sigmoid. This "
                "function stops at the pre-activation Z; the activation is applied afterwards."),
        Mistake(lambda X, W, b: (X @ W + b).sum(axis=0), "You summed over the samples. The "
                "output keeps one row per sample: shape (n_samples, fan_out)."),
        Mistake(lambda X, W, b: (X @ W + b).mean(axis=0), "You averaged over the samples. The "
                "output keeps one row per sample: shape (n_samples, fan_out)."),
        Mistake(lambda X, W, b: X[0] @ W + b, "You computed the output of the first sample "
                "only. The function gets a whole batch: one output row per row of X."),
    ],
    hints=[
        "One output row per sample: row i of Z is the weighted sum of row i of X, plus b.",
        "A single matrix product handles all samples at once; the bias vector then "
        "broadcasts over the rows.",
        "With W of shape (fan_in, fan_out), the product is `X @ W`; then add `b`.",
    ],
    solution="`X @ W` has shape (n_samples, fan_out): entry (i, j) is the weighted sum of "
             "sample i's inputs for unit j. Adding `b` (shape (fan_out,)) broadcasts it over "
             "the rows, so every sample gets the same bias per unit. A loop over the samples "
             "gives the same numbers, only slower.",
    solution_code="def dense_forward(X, W, b):\n    return X @ W + b",
)


# ---------------------------------------------------------------------------- xor_weights
XOR_INPUTS = INPUTS
XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
_OR, _NAND = (0, 1, 1, 1), (1, 1, 1, 0)

xor_weights = GateNetworkQuestion(
    "xor_weights",
    [np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[1.0], [-1.0]])],
    [np.array([-0.5, -1.5]), np.array([-0.5])],
    target=XOR_TARGETS, gate="XOR",
    refuse={frozenset({_OR, _NAND}): "Your network computes XOR, but it is the chapter's "
            "network: its hidden units compute OR and NAND, combined by AND. This exercise "
            "asks for a different one, for example hidden units computing OR and AND."},
    prompt="The chapter built XOR as the AND of OR and NAND. Choose weights W1 (2, 2), W2 "
           "(2, 1) and biases b1 (2,), b2 (1,) for a different 2-2-1 network of step units "
           "(step(z) = 1 if z >= 0 else 0) that computes XOR, for example with hidden units "
           "OR and AND. Check with `xor_weights.check([W1, W2], [b1, b2])`.",
    hints=[
        "XOR is 'at least one input is on' but 'not both'. Let one hidden unit detect each "
        "of these two conditions.",
        "Hidden unit 1 can compute OR and hidden unit 2 AND. The output unit then fires when "
        "unit 1 is on and unit 2 is off.",
        "Weights of 1 from both inputs with bias -0.5 give OR; with bias -1.5 they give AND. "
        "For the output, weight +1 from OR, -1 from AND, and bias -0.5.",
    ],
    solution="Hidden unit 1 computes OR (weights 1, 1, bias -0.5), hidden unit 2 computes AND "
             "(weights 1, 1, bias -1.5). The output fires for OR and not AND: weights +1 and "
             "-1, bias -0.5. Column j of W1 holds the weights into hidden unit j.",
    solution_code="W1 = np.array([[1.0, 1.0], [1.0, 1.0]])   # column 0: OR unit, column 1: AND unit\n"
                  "b1 = np.array([-0.5, -1.5])\n"
                  "W2 = np.array([[1.0], [-1.0]])            # OR and not AND\n"
                  "b2 = np.array([-0.5])\n"
                  "xor_weights.check([W1, W2], [b1, b2])",
)


# ---------------------------------------------------------------------------- nand_weights
nand_weights = TluQuestion(
    "nand_weights", np.array([-1.0, -1.0]), 1.5, target=[1.0, 1.0, 1.0, 0.0], gate="NAND",
    prompt="Find the weights w (shape (2,)) and the bias b (a number) of a single threshold "
           "logic unit, step(x . w + b), that computes NAND: 1 unless both inputs are 1. "
           "Check with `nand_weights.check(w, b)`.",
    hints=["Write the four rows as inequalities: (0, 0) -> 1 needs b >= 0, and so on.",
           "NAND is AND with the output flipped. Flipping the signs of AND's weights and bias "
           "flips which side of the line fires (mind the inputs that land exactly on it).",
           "Weights (-1, -1) and bias 1.5: z = 1.5 - x1 - x2 is negative only for (1, 1)."],
    solution="Weights (-1, -1) and bias 1.5: z = 1.5 - x1 - x2 is 1.5, 0.5, 0.5 and -0.5 on "
             "the four inputs, so the unit fires on all but (1, 1). `tlu(X, [-1, -1], 1.5)` "
             "gives [1, 1, 1, 0]. Since any boolean function is a circuit of NAND gates and "
             "each gate is a TLU, networks of TLUs can compute every boolean function; the "
             "catch is their size, and nothing here says how to find the weights.",
    solution_code="w = np.array([-1.0, -1.0])\nb = 1.5\nnand_weights.check(w, b)",
)


# ------------------------------------------------------------------------- forward_shapes
SHAPES_SIZES, SHAPES_BATCH = (3, 5, 2), 4
SHAPE_NAMES = ("X", "W1", "b1", "Z1", "A1", "W2", "b2", "Z2", "A2")


def _expected_shapes(sizes=SHAPES_SIZES, n=SHAPES_BATCH):
    shapes = {"X": (n, sizes[0])}
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        shapes.update({f"W{i}": (fan_in, fan_out), f"b{i}": (fan_out,),
                       f"Z{i}": (n, fan_out), f"A{i}": (n, fan_out)})
    return shapes


forward_shapes = ShapesQuestion(
    "forward_shapes", _expected_shapes(), n_samples=SHAPES_BATCH,
    success="Every shape is right: the batch dimension stays in front, and each layer maps "
            "(n, fan_in) to (n, fan_out).",
    prompt="A batch of 4 samples goes through `MLP([3, 5, 2])`. Give the shape of each array of "
           "the forward pass, Z1 = X @ W1 + b1, A1 = relu(Z1), Z2 = A1 @ W2 + b2, A2 = Z2, as a "
           "dict: `forward_shapes.check({'X': ..., 'W1': ..., 'b1': ..., 'Z1': ..., 'A1': ..., "
           "'W2': ..., 'b2': ..., 'Z2': ..., 'A2': ...})`.",
    hints=[
        "Every array that holds data (X, Z, A) has one row per sample; parameters (W, b) do "
        "not depend on the batch.",
        "W of a layer is (fan_in, fan_out) and b is (fan_out,). An activation keeps the shape "
        "of its input.",
        "X is (4, 3); W1 is (3, 5), so Z1 = X @ W1 + b1 is (4, 5). Continue the same way.",
    ],
    solution="X (4, 3); W1 (3, 5), b1 (5,), Z1 and A1 (4, 5); W2 (5, 2), b2 (2,), Z2 and A2 "
             "(4, 2). The batch dimension stays first; each layer turns (n, fan_in) into "
             "(n, fan_out).",
    solution_code="{'X': (4, 3), 'W1': (3, 5), 'b1': (5,), 'Z1': (4, 5), 'A1': (4, 5),\n"
                  " 'W2': (5, 2), 'b2': (2,), 'Z2': (4, 2), 'A2': (4, 2)}\n"
                  "# check: [a.shape for a in MLP([3, 5, 2]).forward_trace(np.zeros((4, 3))).activations]",
)


# -------------------------------------------------------------------------- step_gradient
step_gradient = ThinkQuestion(
    "step_gradient",
    "The step function is flat: its derivative is 0 for every z other than 0, and undefined "
    "at z = 0. Backpropagation multiplies by the activation's derivative at every unit, so "
    "the gradient of the loss with respect to every weight that feeds a step unit is 0. "
    "Gradient descent then never moves: a small change of a weight either leaves every output "
    "(and the loss) unchanged or flips a unit, a jump that no derivative describes. The "
    "perceptron rule can train a single layer without derivatives, but it cannot tell hidden "
    "units how to change. Smooth activations such as the sigmoid, tanh or ReLU have useful "
    "derivatives, which is why they replaced the step.",
    key_points=[
        "The step's derivative is 0 wherever it exists (every z != 0) and undefined at 0.",
        "The chain rule multiplies by that derivative, so the gradients through step units are 0.",
        "Small weight changes leave the loss unchanged (or make it jump): no direction to follow.",
        "Smooth activations (sigmoid, tanh, ReLU) give nonzero derivatives, so they are used instead.",
    ],
    prompt="Why can a network of step units not be trained by gradient descent? Write your "
           "answer in a string and pass it to `step_gradient.check(...)`.",
    hints=[
        "Gradient descent moves each weight against the derivative of the loss with respect "
        "to it. What does the chain rule need from each unit's activation?",
        "Plot the step function and its slope. What is the slope almost everywhere?",
    ],
)
