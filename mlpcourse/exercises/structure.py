"""Exercises of the chapter "The structure of a multilayer perceptron" (book/structure.ipynb).

``param_count`` (a value), ``dense_forward`` (a function), ``xor_weights`` (weights of a
step network), ``forward_shapes`` (the shape of every array) and ``step_gradient`` (think).
"""
import numpy as np

from ._function import FunctionQuestion
from ._question import Mistake, Question
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


def _layer_inputs(n_samples, fan_in, fan_out):
    def make(rng):
        return {"X": rng.normal(size=(n_samples, fan_in)),
                "W": rng.normal(size=(fan_in, fan_out)),
                "b": rng.normal(size=fan_out)}
    return make


dense_forward = FunctionQuestion(
    "dense_forward", _dense_forward,
    # a square W (a transposed W still runs), a typical layer, and a batch of one sample
    [_layer_inputs(5, 3, 3), _layer_inputs(6, 4, 2), _layer_inputs(1, 3, 5)],
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
XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_TARGETS = np.array([0.0, 1.0, 1.0, 0.0])
_KNOWN = {(0, 1, 1, 1): "OR", (0, 0, 0, 1): "AND", (1, 0, 0, 1): "XNOR, the opposite of XOR",
          (1, 1, 1, 0): "NAND", (0, 0, 0, 0): "0 for every input", (1, 1, 1, 1): "1 for every input"}
_XOR_SHAPES = ((2, 2), (2, 1)), ((2,), (1,))


def _step_net(weights, biases):
    from mlpcourse import MLP
    return MLP.from_weights(weights, biases, activation="step", output_activation="step")


def _truth_table(weights, biases):
    return _step_net(weights, biases).forward(XOR_INPUTS).ravel()


class XorQuestion(Question):
    """Weights and biases of a 2-2-1 network of step units that computes XOR."""

    kind = "weights"

    def __init__(self, name, weights, biases, **kwargs):
        super().__init__(name, **kwargs)
        self.reference_args = (weights, biases)

    def grade(self, weights, biases):
        parsed = _parse_xor(weights, biases)
        if isinstance(parsed, str):
            return self.incorrect(parsed)
        weights, biases = parsed
        out = _truth_table(weights, biases)
        table = _table_text(out)
        if np.array_equal(out, XOR_TARGETS):
            return self.correct("Your network computes XOR: all four rows of the truth table "
                                "are right.", table)
        wrong = [tuple(int(v) for v in XOR_INPUTS[i]) for i in np.flatnonzero(out != XOR_TARGETS)]
        rows = " and ".join(str(r) for r in wrong)
        message = f"The truth table is wrong for input{'s' if len(wrong) > 1 else ''} {rows}."
        known = _KNOWN.get(tuple(int(v) for v in out))
        if known:
            message += f" Your network computes {known}."
        return self.incorrect(f"{message} {_xor_diagnosis(weights, biases)}".strip(), table)


def _parse_xor(weights, biases):
    """(weights, biases) as float arrays of the 2-2-1 shapes, or a message saying what is off."""
    if not isinstance(weights, (list, tuple)) or not isinstance(biases, (list, tuple)) \
            or len(weights) != 2 or len(biases) != 2:
        return "Give two lists: `check([W1, W2], [b1, b2])`, one weight matrix and one bias " \
               "vector per layer."
    try:
        weights = [np.asarray(w, dtype=float) for w in weights]
        biases = [np.atleast_1d(np.asarray(b, dtype=float)) for b in biases]
    except (TypeError, ValueError):
        return "The weights and biases must be numbers (arrays of floats)."
    for name, arrays, shapes in (("W", weights, _XOR_SHAPES[0]), ("b", biases, _XOR_SHAPES[1])):
        for i, (arr, shape) in enumerate(zip(arrays, shapes), start=1):
            if arr.shape == shape:
                continue
            if name == "W" and arr.shape == shape[::-1]:
                return f"W{i} has shape {arr.shape}, but weights are stored (fan_in, fan_out): " \
                       f"W{i} should be {shape}."
            if name == "W" and arr.shape == (2,) and shape == (2, 1):
                return "W2 must be a column of shape (2, 1): one row per hidden unit, one " \
                       "column for the output unit."
            return f"{name}{i} should have shape {shape} for a 2-2-1 network, not {arr.shape}."
    return weights, biases


def _xor_diagnosis(weights, biases):
    """Name a likely slip: thresholds entered as biases, a transposed W1, a unit on a tie."""
    if np.array_equal(_truth_table(weights, [-b for b in biases]), XOR_TARGETS):
        return ("With the signs of the biases flipped it would work: you probably entered "
                "thresholds. A unit fires when w . x + b >= 0, so a threshold t is the bias -t.")
    if np.array_equal(_truth_table([weights[0].T, weights[1]], biases), XOR_TARGETS):
        return ("With W1 transposed it would work: W1[i, j] is the weight from input i to "
                "hidden unit j.")
    trace = _step_net(weights, biases).forward_trace(XOR_INPUTS)
    for layer, Z in enumerate(trace.pre_activations, start=1):
        ties = np.argwhere(np.isclose(Z, 0.0))
        if len(ties):
            row, unit = ties[0]
            x = tuple(int(v) for v in XOR_INPUTS[row])
            return (f"Unit {unit + 1} of layer {layer} sits exactly on its threshold for input "
                    f"{x} (w . x + b = 0, and step(0) = 1): move the bias away from the boundary.")
    return "Work out what each hidden unit computes on its own, then what the output unit does with them."


def _table_text(out):
    lines = ["x1 x2 | XOR | yours"]
    for x, target, got in zip(XOR_INPUTS, XOR_TARGETS, out):
        mark = "" if got == target else "   <- wrong"
        lines.append(f" {int(x[0])}  {int(x[1])} |  {int(target)}  |  {int(got)}{mark}")
    return "\n".join(lines)


xor_weights = XorQuestion(
    "xor_weights",
    [np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([[1.0], [-1.0]])],
    [np.array([-0.5, -1.5]), np.array([-0.5])],
    prompt="Choose weights W1 (2, 2), W2 (2, 1) and biases b1 (2,), b2 (1,) for a 2-2-1 network "
           "of step units (step(z) = 1 if z >= 0 else 0) that computes XOR. Check with "
           "`xor_weights.check([W1, W2], [b1, b2])`.",
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
