"""The capstone of "Backpropagation": the learner's backward pass of a two-layer MLP, checked
against the reference and finite differences, then trained with the learner's own SGD step.

The network: ``Z1 = X @ W1 + b1``, ``A1 = tanh(Z1)``, ``P = A1 @ W2 + b2`` and the mean
squared error over all ``n * k`` entries of ``P``. Every check draws fresh trials from a
generator seeded for that call only, so no answer can be tuned to them; a failure names the
trial (its shapes and seed) so that the learner can rebuild it with ``example(seed)``.
"""
import secrets

import numpy as np

from ._placeholder import contains_placeholder
from ._question import Question
from ._run import call, locate

PARAMS = ("W1", "b1", "W2", "b2")
GRADS = ("dW1", "db1", "dW2", "db2")


# ------------------------------------------------------------------------ the reference
def forward(X, W1, b1, W2, b2):
    """``(Z1, A1, P)`` of the two-layer network."""
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1)
    return Z1, A1, A1 @ W2 + b2


def loss(X, Y, W1, b1, W2, b2):
    """Mean squared error over all entries of ``P``."""
    return float(np.mean((forward(X, W1, b1, W2, b2)[2] - Y) ** 2))


def variant(scale=2.0, divide="size", slope="a", sign=1.0, db="sum", dw1_input="X"):
    """A backward pass with one choice changed: the reference, or a plausible slip.

    ``divide``: what the loss's gradient is divided by ("size" = n k, "n", "k");
    ``slope``: tanh's derivative from "a" (1 - a^2), "z" (1 - z^2) or "none";
    ``db``: how the bias gradients collapse the batch ("sum" or "mean");
    ``dw1_input``: what multiplies the hidden errors for dW1 ("X" or "A1").
    """
    def backward(X, Y, W1, b1, W2, b2):
        Z1, A1, P = forward(X, W1, b1, W2, b2)
        count = {"size": P.size, "n": P.shape[0], "k": P.shape[1]}[divide]
        dP = sign * scale * (P - Y) / count
        dA1 = dP @ W2.T
        local = {"a": 1 - A1 ** 2, "z": 1 - Z1 ** 2, "none": 1.0}[slope]
        dZ1 = dA1 * local
        collapse = np.sum if db == "sum" else np.mean
        source = X if dw1_input == "X" else A1
        return source.T @ dZ1, collapse(dZ1, axis=0), A1.T @ dP, collapse(dP, axis=0)
    return backward


reference_backward = variant()

#: Plausible slips whose numbers differ from the reference: (backward, message).
SLIPS = [
    (variant(divide="n"),
     "You divided the loss's gradient by the number of samples n. The loss is the mean over "
     "all n * k entries of P (k output columns), so dL/dP = 2 (P - Y) / (n * k): use "
     "`P.size`."),
    (variant(divide="k"),
     "You divided the loss's gradient by the number of output columns only; the mean runs "
     "over all n * k entries of P: divide by `P.size`."),
    (variant(scale=1.0),
     "Your gradients are half the right size: the derivative of (p - y)^2 is 2 (p - y)."),
    (variant(scale=2.0, divide="size", sign=-1.0),
     "Every gradient has the wrong sign. The minus sign belongs to the SGD step, not to the "
     "backward pass."),
    (variant(slope="z"),
     "Your hidden errors use 1 - Z1**2. tanh's derivative is 1 - tanh(z)^2 = 1 - A1**2: "
     "square the activations, not the pre-activations."),
    (variant(slope="none"),
     "Your hidden errors skip tanh: after `dA1 = dP @ W2.T`, multiply by tanh's local "
     "derivative 1 - A1**2 to get dZ1."),
    (variant(db="mean"),
     "Your bias gradients average over the samples. The 1/(n k) of the mean loss is already "
     "inside dP: sum over the batch axis (axis 0) instead."),
    (variant(dw1_input="A1"),
     "Your dW1 multiplies the hidden errors by A1. A weight's gradient is the value "
     "entering it times the error of the unit it feeds: for W1 that value is X, so "
     "dW1 = X.T @ dZ1."),
]


def numerical_backward(X, Y, W1, b1, W2, b2):
    """The four gradients by central differences (``mlpcourse.gradcheck``)."""
    from mlpcourse.gradcheck import numerical_gradient

    params = [np.array(p, dtype=np.float64) for p in (W1, b1, W2, b2)]
    return tuple(numerical_gradient(lambda: loss(X, Y, *params), p) for p in params)


# ------------------------------------------------------------------------ the trials
def example(seed, n=6, d=3, h=4, k=2, scale=1.0):
    """The inputs of one trial, as a dict ``{"X", "Y", "W1", "b1", "W2", "b2"}``."""
    rng = np.random.default_rng(seed)
    return {"X": rng.normal(size=(n, d)), "Y": rng.normal(size=(n, k)),
            "W1": scale * rng.normal(size=(d, h)), "b1": rng.normal(size=h),
            "W2": rng.normal(size=(h, k)), "b2": rng.normal(size=k)}


def fresh_trials(rng):
    """One check's trials: shapes and values drawn from ``rng``, plus the corner cases that
    separate plausible formulas (several output columns, square matrices, one sample,
    saturated tanh units, one output column)."""
    def pick(low, high):
        return int(rng.integers(low, high + 1))

    d, h, k = pick(2, 5), pick(6, 9), pick(2, 4)
    shapes = [dict(n=pick(7, 40), d=d, h=h, k=k),                   # general, k >= 2
              dict(n=pick(5, 9), d=3, h=3, k=3),                     # square matrices
              dict(n=1, d=pick(2, 4), h=pick(2, 5), k=pick(2, 3)),   # a batch of one
              dict(n=pick(8, 20), d=2, h=pick(3, 6), k=pick(2, 3), scale=3.0),  # saturated
              dict(n=pick(4, 12), d=pick(1, 3), h=pick(2, 5), k=1)]  # one output column
    return [(int(s), example(int(s), **shape))
            for s, shape in zip(rng.integers(0, 2**31, size=len(shapes)), shapes)]


def _describe(seed, trial):
    shapes = ", ".join(f"{name} {value.shape}" for name, value in trial.items())
    return f"the trial `example({seed}, ...)` with {shapes}"


# ------------------------------------------------------------------------ output checks
def check_arrays(value, expected, names, what="Your function"):
    """``None`` if ``value`` is a tuple of real, finite arrays shaped like ``expected``;
    otherwise the message saying what is wrong, in the learner's terms."""
    if value is None:
        return f"{what} returned `None`: did you forget the `return` statement?"
    if not isinstance(value, (tuple, list)) or len(value) != len(expected):
        got = (f"{len(value)} values" if isinstance(value, (tuple, list))
               else f"a {type(value).__name__}")
        return (f"{what} must return {len(expected)} arrays, ({', '.join(names)}), in that "
                f"order; it returned {got}.")
    wanted = [np.shape(e) for e in expected]
    try:
        shapes = [np.shape(v) for v in value]
    except ValueError:  # a ragged list: reported below, entry by entry
        shapes = wanted
    if shapes != wanted and sorted(shapes) == sorted(wanted):
        return (f"{what} returns arrays of the right shapes in the wrong order: return them "
                f"as ({', '.join(names)}).")
    for name, got, want in zip(names, value, expected):
        message = _check_one(name, got, want)
        if message:
            return message
    return None


def _check_one(name, got, want):
    if contains_placeholder(got):
        return f"`{name}` is still the placeholder `____`."
    try:
        arr = np.asarray(got)
    except Exception:  # a ragged list, an object numpy cannot read
        return f"`{name}` is not an array of numbers."
    if arr.dtype.kind == "c":
        return (f"`{name}` is complex. Gradients of a real loss are real numbers: check for "
                "a stray `1j` or a square root of a negative number.")
    if arr.dtype.kind not in "fiu" or arr.dtype == bool:
        return f"`{name}` should hold real numbers, not values of type {arr.dtype}."
    if not np.all(np.isfinite(arr)):
        return (f"`{name}` contains NaN or infinity, but every input of this trial is finite "
                "and so is every right gradient.")
    if arr.shape != want.shape:
        if arr.shape == want.shape[::-1] and arr.ndim == 2:
            return (f"`{name}` has shape {arr.shape}, the transpose of the right shape "
                    f"{want.shape}. A gradient has the shape of its parameter: for "
                    "Z = A @ W + b, dW = A.T @ dZ, of shape (fan_in, fan_out).")
        if want.ndim == 1 and arr.ndim == 2 and arr.shape[1] == want.shape[0]:
            return (f"`{name}` has shape {arr.shape}: one row per sample. A bias is shared by "
                    "every sample, so its gradient sums over the samples: `.sum(axis=0)`.")
        return f"`{name}` has shape {arr.shape} but should have shape {want.shape}."
    return None


def compare(value, expected, names, rtol=1e-6, atol=1e-10):
    """``None`` if all arrays agree, else ``(name, index, got, want)`` of the first miss
    (index ``[]`` and NaNs for a shape that differs). Call it on real arrays only."""
    for name, got, want in zip(names, value, expected):
        got = np.asarray(got, dtype=np.float64)
        if got.shape != np.shape(want):
            return name, [], np.nan, np.nan
        if not np.allclose(got, want, rtol=rtol, atol=atol):
            bad = np.argwhere(~np.isclose(got, want, rtol=rtol, atol=atol))[0]
            index = tuple(int(i) for i in bad)
            return name, list(index), float(got[index]), float(want[index])
    return None


def new_rng():
    """A generator for one check call, seeded from the operating system."""
    return np.random.default_rng(secrets.randbits(64))


def run_backward(fn, trials):
    """Run the learner's backward on every trial. Returns ``(message or None, outputs)``,
    where the message is a ``(kind, text, details)`` triple when something is wrong."""
    outputs = []
    for seed, trial in trials:
        outcome = call(fn, trial)
        where = _describe(seed, trial)
        if isinstance(outcome.error, NotImplementedError) or (
                outcome.error is None and contains_placeholder(outcome.value)):
            return ("unattempted", "Your `backward` still returns the placeholder (or raises "
                    "`NotImplementedError`): write its body, then check again.", ""), None
        if outcome.error is not None:
            return ("error", f"On {where}, your `backward` raised an exception.",
                    locate(outcome.error, called_as="backward(X, Y, W1, b1, W2, b2)")), None
        if outcome.modified:
            names = ", ".join(f"`{n}`" for n in outcome.modified)
            return ("incorrect", f"Your `backward` changed its input {names} in place. The "
                    "caller still needs those arrays: compute new ones instead.", where), None
        expected = reference_backward(**trial)
        message = check_arrays(outcome.value, expected, GRADS, "Your `backward`")
        if message:  # a slip that changes a shape is named here, on this one trial
            return ("incorrect", _slip_on(outcome.value, trial) or message, f"On {where}."), None
        outputs.append((seed, trial, outcome.value, expected))
    return None, outputs


def _slip_on(value, trial):
    """The message of the slip whose output equals ``value`` on this trial, if any."""
    if not (isinstance(value, (tuple, list)) and len(value) == len(GRADS)
            and all(_real_array(v) for v in value)):
        return None
    for slip, message in SLIPS:
        if compare(value, slip(**trial), GRADS) is None:
            return message
    return None


def _real_array(value):
    try:
        arr = np.asarray(value)
    except Exception:
        return False
    return arr.dtype.kind in "fiu" and arr.dtype != bool and bool(np.all(np.isfinite(arr)))


def diagnose_backward(outputs):
    """``None`` if every output matches the reference; else ``(message, details)``."""
    misses = [(seed, trial, compare(value, expected, GRADS))
              for seed, trial, value, expected in outputs]
    misses = [m for m in misses if m[2] is not None]
    if not misses:
        return None
    for slip, message in SLIPS:
        if all(compare(value, slip(**trial), GRADS) is None
               for _, trial, value, _ in outputs):
            seed, trial, _ = misses[0]
            return message, f"First seen on {_describe(seed, trial)}."
    seed, trial, (name, index, got, want) = misses[0]
    return (f"`{name}` is wrong: at index {index} it is {got:.6g} instead of {want:.6g}.",
            f"On {_describe(seed, trial)}. Rebuild it with "
            f"`example({seed}, n=..., d=..., h=..., k=...)` and compare step by step.")


def gradient_check(fn, trial):
    """Relative errors of the learner's gradients against central differences."""
    from mlpcourse.gradcheck import relative_error

    value = call(fn, trial).value
    numeric = numerical_backward(**trial)
    return [(name, np.shape(n), relative_error(np.asarray(v, dtype=np.float64), n))
            for name, v, n in zip(PARAMS, value, numeric)]


# ------------------------------------------------------------------------ the question
class BackwardQuestion(Question):
    """The learner writes ``backward(X, Y, W1, b1, W2, b2) -> (dW1, db1, dW2, db2)``."""

    kind = "function"

    def __init__(self, name, **kwargs):
        super().__init__(name, **kwargs)
        self.reference_args = (reference_backward,)

    def grade(self, fn):
        if not callable(fn):
            return self.incorrect("Pass your function itself, e.g. "
                                  f"`{self.name}.check(backward)`, without calling it.")
        trials = fresh_trials(new_rng())
        problem, outputs = run_backward(fn, trials)
        if problem:
            kind, message, details = problem
            return {"unattempted": self.unattempted, "error": self.error,
                    "incorrect": self.incorrect}[kind](message, details)
        wrong = diagnose_backward(outputs)
        if wrong:
            return self.incorrect(*wrong)
        rows = gradient_check(fn, trials[1][1])
        worst = max(err for _, _, err in rows)
        if worst > 1e-6:  # the learner matched the reference: the question itself is wrong
            return self.error("The reference disagrees with finite differences; please "
                              "report this exercise.", str(rows))
        return self.correct(
            f"Your backward pass matches the reference on {len(trials)} fresh random trials "
            "(several output columns, square matrices, a batch of one sample, saturated tanh "
            f"units, one output column), and the gradient check agrees: largest relative "
            f"error {worst:.1e} against finite differences.")

    def gradcheck(self, fn, seed=0):
        """Your gradients against central differences on ``example(seed)``: a
        :class:`mlpcourse.gradcheck.GradcheckReport`, one row per parameter (or, if your
        function cannot be checked yet, a result saying why)."""
        from mlpcourse.gradcheck import GradcheckReport

        trial = example(seed)
        problem, _ = run_backward(fn, [(seed, trial)])
        if problem:
            kind, message, details = problem
            return {"unattempted": self.unattempted, "error": self.error,
                    "incorrect": self.incorrect}[kind](message, details)
        return GradcheckReport(gradient_check(fn, trial), tolerance=1e-6)
