"""Questions whose answer is the weights of step units computing a logic gate.

``GateNetworkQuestion``: a 2-2-1 network of step units (XOR), given as
``check([W1, W2], [b1, b2])``; it may refuse networks whose hidden units compute given
functions (the chapter's own solution, when the exercise asks for another one).
``TluQuestion``: one threshold logic unit, ``check(w, b)`` (NAND).

Both print the truth table, name the function the learner's units compute, and recognise
thresholds entered as biases, a transposed W1, and units sitting exactly on their threshold.
"""
import numpy as np

from ._compare import numeric_problem
from ._question import Question

INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
#: truth table on INPUTS -> what it computes, in words
FUNCTIONS = {
    (0, 1, 1, 1): "OR", (0, 0, 0, 1): "AND", (0, 1, 1, 0): "XOR",
    (1, 0, 0, 1): "XNOR, the opposite of XOR", (1, 1, 1, 0): "NAND", (1, 0, 0, 0): "NOR",
    (0, 0, 0, 0): "0 for every input", (1, 1, 1, 1): "1 for every input",
    (0, 0, 1, 1): "x1 alone", (0, 1, 0, 1): "x2 alone", (1, 1, 0, 0): "NOT x1",
    (1, 0, 1, 0): "NOT x2",
}


def step_layer(A, W, b):
    """Pre-activations and outputs of a layer of step units (step(z) = 1 if z >= 0)."""
    Z = A @ W + b
    return Z, (Z >= 0).astype(float)


def as_array(value, name, shapes):
    """``value`` as a float array of one of ``shapes`` (the first is canonical), or a message."""
    problem = numeric_problem(value, name)
    if problem:
        return problem
    arr = np.asarray(value, dtype=float)
    for shape in shapes:
        if arr.shape == shape:
            return arr.reshape(shapes[0])
    if len(shapes[0]) == 2 and arr.shape == shapes[0][::-1]:
        return (f"{name} has shape {arr.shape}, but weights are stored (fan_in, fan_out): "
                f"{name} should be {shapes[0]}.")
    if shapes[0] == (2, 1) and arr.shape == (2,):
        return (f"{name} must be a column of shape (2, 1): one row per hidden unit, one column "
                "for the output unit.")
    return f"{name} should have shape {shapes[0]}, not {arr.shape}."


def table_text(out, target, gate):
    lines = [f"x1 x2 | {gate:^4} | yours"]
    for x, t, got in zip(INPUTS, target, out):
        mark = "" if got == t else "   <- wrong"
        lines.append(f" {int(x[0])}  {int(x[1])} |  {int(t)}   |  {int(got)}{mark}")
    return "\n".join(lines)


def wrong_rows_message(out, target):
    wrong = [tuple(int(v) for v in INPUTS[i]) for i in np.flatnonzero(out != target)]
    rows = " and ".join(str(r) for r in wrong) if len(wrong) < 3 else \
        ", ".join(str(r) for r in wrong[:-1]) + f" and {wrong[-1]}"
    message = f"The truth table is wrong for input{'s' if len(wrong) > 1 else ''} {rows}."
    known = FUNCTIONS.get(tuple(int(v) for v in out))
    return message + (f" Your network computes {known}." if known else "")


def tie_message(layers):
    """Name the first unit that sits exactly on its threshold, given [(layer, Z), ...]."""
    for layer, Z in layers:
        ties = np.argwhere(np.isclose(Z, 0.0))
        if len(ties):
            row, unit = ties[0]
            x = tuple(int(v) for v in INPUTS[row])
            where = f"Unit {unit + 1} of layer {layer}" if layer else "Your unit"
            return (f"{where} sits exactly on its threshold for input {x} (w . x + b = 0, "
                    "and step(0) = 1): move the bias away from the boundary.")
    return ""


class GateNetworkQuestion(Question):
    """Weights and biases of a 2-2-1 network of step units computing ``target``.

    ``refuse`` maps a set of hidden-unit functions (truth tables) to a message: a network
    whose hidden units compute exactly those is refused even though it computes the gate.
    Biases may be given as (k,), as a row (1, k) as the chapter typesets them, or for the
    output unit as a number.
    """

    kind = "weights"

    def __init__(self, name, weights, biases, *, target, gate, refuse=None, **kwargs):
        super().__init__(name, **kwargs)
        self.target, self.gate = np.asarray(target, dtype=float), gate
        self.refuse = dict(refuse or {})
        self.reference_args = (weights, biases)

    def grade(self, weights, biases):
        parsed = _parse_network(weights, biases)
        if isinstance(parsed, str):
            return self.incorrect(parsed)
        (W1, W2), (b1, b2) = parsed
        Z1, H = step_layer(INPUTS, W1, b1)
        Z2, out = step_layer(H, W2, b2)
        out = out.ravel()
        table = table_text(out, self.target, self.gate)
        if np.array_equal(out, self.target):
            hidden = frozenset(tuple(int(v) for v in column) for column in H.T)
            if hidden in self.refuse:
                return self.incorrect(self.refuse[hidden], table)
            return self.correct(f"Your network computes {self.gate}: all four rows of the "
                                "truth table are right.", table)
        message = wrong_rows_message(out, self.target)
        return self.incorrect(f"{message} {self._diagnosis(W1, W2, b1, b2, Z1, Z2)}".strip(), table)

    def _computes(self, W1, W2, b1, b2):
        _, H = step_layer(INPUTS, W1, b1)
        return np.array_equal(step_layer(H, W2, b2)[1].ravel(), self.target)

    def _diagnosis(self, W1, W2, b1, b2, Z1, Z2):
        if self._computes(W1, W2, -b1, -b2):
            return ("With the signs of the biases flipped it would work: you probably entered "
                    "thresholds. A unit fires when w . x + b >= 0, so a threshold t is the bias -t.")
        if self._computes(W1.T, W2, b1, b2):
            return ("With W1 transposed it would work: W1[i, j] is the weight from input i to "
                    "hidden unit j.")
        return tie_message([(1, Z1), (2, Z2)]) or (
            "Work out what each hidden unit computes on its own, then what the output unit "
            "does with them.")


def _parse_network(weights, biases):
    if not isinstance(weights, (list, tuple)) or not isinstance(biases, (list, tuple)) \
            or len(weights) != 2 or len(biases) != 2:
        return ("Give two lists: `check([W1, W2], [b1, b2])`, one weight matrix and one bias "
                "vector per layer.")
    arrays = [as_array(weights[0], "W1", [(2, 2)]), as_array(weights[1], "W2", [(2, 1)]),
              as_array(biases[0], "b1", [(2,), (1, 2)]),
              as_array(biases[1], "b2", [(1,), (1, 1), ()])]
    for arr in arrays:
        if isinstance(arr, str):
            return arr
    return arrays[:2], arrays[2:]


class TluQuestion(Question):
    """Weights ``w`` (2,) and bias ``b`` of one threshold logic unit computing ``target``."""

    kind = "weights"

    def __init__(self, name, w, b, *, target, gate, **kwargs):
        super().__init__(name, **kwargs)
        self.target, self.gate = np.asarray(target, dtype=float), gate
        self.reference_args = (w, b)

    def grade(self, w, b):
        w = as_array(w, "w", [(2,), (2, 1), (1, 2)])
        if isinstance(w, str):
            return self.incorrect(w)
        b = as_array(b, "b", [(), (1,), (1, 1)])
        if isinstance(b, str):
            shape = "shape" in b
            return self.incorrect(b + (" A single unit has one bias: a number." if shape else ""))
        z, out = step_layer(INPUTS, w, b)
        table = table_text(out, self.target, self.gate)
        if np.array_equal(out, self.target):
            return self.correct(f"Your unit computes {self.gate}: all four rows of the truth "
                                "table are right.", table)
        message = wrong_rows_message(out, self.target).replace("Your network", "Your unit")
        if np.array_equal(out, 1 - self.target):
            hint = (f"Your unit is wrong on every input: it computes the opposite of "
                    f"{self.gate}. Flip the signs of both weights and of the bias (and keep every "
                    "input off the line w . x + b = 0, where step(0) = 1).")
        elif np.array_equal(step_layer(INPUTS, w, -b)[1], self.target):
            hint = ("With the sign of the bias flipped it would work: you probably entered a "
                    "threshold. The unit fires when w . x + b >= 0, so a threshold t is the bias -t.")
        else:
            hint = tie_message([(0, z[:, None])]) or (
                f"Write down the four inequalities that {self.gate} demands of w1, w2 and b, "
                "as the chapter did for XOR, and pick numbers that satisfy all four.")
        return self.incorrect(f"{message} {hint}", table)
