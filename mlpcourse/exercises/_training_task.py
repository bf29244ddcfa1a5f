"""The second half of the backprop capstone: the learner's SGD step, and a training run of a
1-16-2 tanh network built from the learner's ``backward`` and ``sgd_step``.

The task is a regression with two output columns, ``(sin x, cos x)`` plus noise, drawn
fresh for every check. Its target is stated against a baseline measured on the same data:
the best straight line (least squares), which a network that learned nothing useful cannot
beat by the margin the target asks for.
"""
import numpy as np

from ._capstone import (PARAMS, check_arrays, compare, diagnose_backward, fresh_trials, loss,
                       new_rng, run_backward)
from ._placeholder import contains_placeholder
from ._question import Question
from ._run import call, locate

EPOCHS, BATCH, RATE = 100, 20, 0.3
#: The trained network's loss must be below this fraction of the straight line's.
TARGET_FRACTION = 0.15

def reference_step(params, grads, learning_rate):
    """One SGD step: a new list ``[p - learning_rate * g]``."""
    return [p - learning_rate * g for p, g in zip(params, grads)]


#: Plausible slips of an SGD step: (step(params, grads, learning_rate), message).
STEP_SLIPS = [
    (lambda p, g, lr: [a + lr * b for a, b in zip(p, g)],
     "Your step goes *up* the gradient: gradient descent subtracts learning_rate * grad."),
    (lambda p, g, lr: list(g),
     "You returned the gradients; return the updated parameters p - learning_rate * grad."),
    (lambda p, g, lr: list(p),
     "You returned the parameters unchanged: subtract learning_rate * grad from each."),
    (lambda p, g, lr: [a - lr * b for a, b in zip(p[::2], g[::2])],
     "You updated only the weights. The biases are parameters too: return all four, "
     "(W1, b1, W2, b2), each with its own step."),
]


def step_trials(rng):
    """Three SGD-step trials: random parameter shapes, gradients and learning rates."""
    trials = []
    for _ in range(3):
        d, h, k = (int(v) for v in rng.integers(1, 6, size=3))
        shapes = [(d, h), (h,), (h, k), (k,)]
        params = [rng.normal(size=s) for s in shapes]
        grads = [rng.normal(size=s) for s in shapes]
        rate = float(10 ** rng.uniform(-2.5, 0.3))
        trials.append({"params": params, "grads": grads, "learning_rate": rate})
    return trials


def _run_step(fn, trial):
    """Call the learner's step on copies; return (outcome, modified_in_place)."""
    def probe(params, grads, learning_rate):
        kept = [p.copy() for p in params]
        value = fn(params, grads, learning_rate)
        return value, any(not np.array_equal(a, b) for a, b in zip(kept, params))

    outcome = call(probe, trial)
    if outcome.error is None:
        outcome.value, changed = outcome.value
        return outcome, changed
    return outcome, False


def check_step(fn):
    """``None`` if the learner's ``sgd_step`` is right on fresh trials, else
    ``(kind, message, details)``."""
    rng = np.random.default_rng()
    runs = []
    for trial in step_trials(rng):
        outcome, changed = _run_step(fn, trial)
        shapes = ", ".join(str(p.shape) for p in trial["params"])
        where = (f"With parameters of shapes {shapes} and learning_rate = "
                 f"{trial['learning_rate']:.4g}.")
        if isinstance(outcome.error, NotImplementedError) or (
                outcome.error is None and contains_placeholder(outcome.value)):
            return ("unattempted", "Your `sgd_step` still returns the placeholder: write its "
                    "body, then check again.", "")
        if outcome.error is not None:
            return ("error", "Your `sgd_step` raised an exception.",
                    locate(outcome.error, called_as="sgd_step(params, grads, learning_rate)"))
        if changed:
            return ("incorrect", "Your `sgd_step` changed the caller's parameter arrays in "
                    "place (with `-=`). Return new arrays, `p - learning_rate * g`, so that "
                    "the caller's arrays stay as they were.", where)
        expected = [p - trial["learning_rate"] * g
                    for p, g in zip(trial["params"], trial["grads"])]
        for slip, message in STEP_SLIPS:
            if _same(outcome.value, slip(trial["params"], trial["grads"],
                                         trial["learning_rate"])):
                return ("incorrect", message, where)
        message = check_arrays(outcome.value, expected, PARAMS, "Your `sgd_step`")
        if message:
            return ("incorrect", message, where)
        runs.append((trial, outcome.value, expected))
    return _judge_steps(runs)


def _same(value, other):
    try:
        return (isinstance(value, (list, tuple)) and len(value) == len(other) and all(
            np.shape(a) == np.shape(b) and np.allclose(a, b) for a, b in zip(value, other)))
    except (TypeError, ValueError):
        return False


def _judge_steps(runs):
    """``None`` if every step is right; else name the first wrong one, and say so when the
    learner's step uses one fixed rate instead of ``learning_rate``."""
    misses = [(trial, value, compare(value, expected, PARAMS)) for trial, value, expected in runs]
    misses = [m for m in misses if m[2] is not None]
    if not misses:
        return None
    trial, value, (name, index, got, want) = misses[0]
    detail = (f"`{name}` at index {index} is {got:.6g} instead of {want:.6g}, with "
              f"learning_rate = {trial['learning_rate']:.4g}.")
    p, g = trial["params"][0], trial["grads"][0]
    rate = float(np.median((p - np.asarray(value[0], dtype=np.float64)) / g))
    if all(compare(v, [a - rate * b for a, b in zip(t["params"], t["grads"])], PARAMS) is None
           for t, v, _ in runs):  # p - c * g with the same c on every trial
        return ("incorrect", f"Your step always uses the rate {rate:.4g}, whatever "
                "`learning_rate` is: use the argument, not a fixed number.", detail)
    return ("incorrect", "Your `sgd_step` does not return p - learning_rate * g for every "
            "parameter.", detail)


# ------------------------------------------------------------------------ the training run
def make_problem(rng):
    """Fresh data ``(X, Y)`` of shapes (200, 1) and (200, 2), and the initial parameters."""
    from mlpcourse import MLP

    x = rng.uniform(-np.pi, np.pi, size=(200, 1))
    Y = np.hstack([np.sin(x), np.cos(x)]) + 0.05 * rng.normal(size=(200, 2))
    X = (x - x.mean()) / x.std()
    net = MLP([1, 16, 2], activation="tanh", init="glorot_uniform",
              seed=int(rng.integers(2**31)))
    return X, Y, [net.weights[0], net.biases[0], net.weights[1], net.biases[1]]


def line_baseline(X, Y):
    """The mean squared error of the best straight line (least squares) on (X, Y)."""
    A = np.hstack([X, np.ones((len(X), 1))])
    coef, *_ = np.linalg.lstsq(A, Y, rcond=None)
    return float(np.mean((A @ coef - Y) ** 2))


def train(backward, sgd_step, X, Y, params, rng):
    """Mini-batch SGD with the learner's functions. Returns ``(losses per epoch, error)``;
    ``error`` is a message when a call failed or the loss stopped being finite."""
    losses = [loss(X, Y, *params)]
    for epoch in range(1, EPOCHS + 1):
        order = rng.permutation(len(X))
        for start in range(0, len(X), BATCH):
            batch = order[start:start + BATCH]
            try:
                grads = backward(X[batch], Y[batch], *params)
                params = [np.asarray(p, dtype=np.float64)
                          for p in sgd_step(list(params), list(grads), RATE)]
            except Exception as exc:  # reported in the learner's terms, never raised
                return losses, f"in epoch {epoch}:\n{locate(exc)}"
        value = loss(X, Y, *params)
        if not np.isfinite(value):
            return losses, (f"the loss became {value} in epoch {epoch}: a step must have "
                            "blown up")
        losses.append(value)
    return losses, None


class TrainingQuestion(Question):
    """The learner passes ``backward`` and ``sgd_step``; the question trains a 1-16-2 tanh
    network with them on fresh data and compares it with the best straight line."""

    kind = "function"

    def __init__(self, name, *, reference, **kwargs):
        super().__init__(name, **kwargs)
        self.reference_args = reference

    def grade(self, backward, sgd_step):
        for name, fn in (("backward", backward), ("sgd_step", sgd_step)):
            if not callable(fn):
                return self.incorrect(f"Pass your functions themselves, "
                                      f"`{self.name}.check(backward, sgd_step)`; `{name}` "
                                      "is not a function.")
        problem, outputs = run_backward(backward, fresh_trials(new_rng()))
        wrong = problem[1:] if problem else diagnose_backward(outputs)
        if wrong:
            if problem and problem[0] == "unattempted":
                return self.unattempted(*wrong)
            return self.incorrect("Fix `backward` first (check it alone with "
                                  f"`mlp_backward.check(backward)`): {wrong[0]}", wrong[1])
        problem = check_step(sgd_step)
        if problem:
            kind, message, details = problem
            return {"unattempted": self.unattempted, "error": self.error,
                    "incorrect": self.incorrect}[kind](message, details)
        rng = np.random.default_rng()
        X, Y, params = make_problem(rng)
        baseline = line_baseline(X, Y)
        with np.errstate(all="ignore"):
            losses, error = train(backward, sgd_step, X, Y, params, rng)
        if error:
            return self.error(f"Training with your functions stopped {error.splitlines()[0]}",
                              "\n".join(error.splitlines()[1:]))
        final, target = losses[-1], TARGET_FRACTION * baseline
        summary = (f"Your 1-16-2 network went from a loss of {losses[0]:.3f} to {final:.4f} "
                   f"in {EPOCHS} epochs. The best straight line scores {baseline:.3f} on "
                   f"these data; the target is below {target:.3f}.")
        if final < target:
            return self.correct(summary + " Your backward pass and your SGD step train a "
                                "network.")
        return self.incorrect(summary + " The network did not learn enough: check that "
                              "`sgd_step` moves every parameter against its gradient.")
