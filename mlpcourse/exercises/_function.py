"""A question whose answer is a function the learner writes.

The learner's function runs on several seeded random inputs and is compared with the
reference; known wrong implementations (``Mistake``) are recognised; inputs modified in
place, errors and the placeholder are reported as such.
"""
import inspect
import zlib

import numpy as np

from ._compare import diagnose, values_match
from ._placeholder import contains_placeholder
from ._question import Question, matching_mistake
from ._run import call, locate

_INPLACE = ("Your function changed its input {names} in place (with `+=`, `*=` or an "
            "assignment like `X[...] = ...`). The caller still needs its arrays: build a new "
            "array instead (`Z = X + 1` rather than `X += 1`), or work on a copy (`X.copy()`).")


class FunctionQuestion(Question):
    """The learner writes a function; it must agree with ``reference`` on random inputs.

    Parameters
    ----------
    name : str
    reference : callable
        The right implementation. Its positional arguments come from ``inputs``.
    inputs : callable or list of callables
        ``inputs(rng) -> dict`` of argument name -> value (arrays are checked for in-place
        changes). One callable is used ``n_trials`` times; a list gives one trial each (use
        it to include edge cases: a batch of one sample, a square weight matrix).
    n_trials : int
        Trials when ``inputs`` is a single callable.
    seed : int, optional
        Seed of the trials' ``numpy.random.Generator`` (default: derived from the name).
    rtol, atol : float
        Tolerances of the comparison with the reference.
    mistakes : sequence of Mistake
        Wrong implementations (same signature as ``reference``). One is reported when it
        behaves exactly like the learner's function on every trial (same values, or the
        same exception).
    numerical : callable, optional
        For backward functions: same signature as ``reference``, returns the expected output
        computed by finite differences (``mlpcourse.gradcheck.numerical_gradient``). The
        learner's output is also compared with it, with tolerances ``fd_rtol, fd_atol``.
    output_names : sequence of str, optional
        Names of the outputs when the function returns a tuple (``("dX", "dW", "db")``).
    prompt, hints, solution, solution_code, chapter
        As in ``Question``.
    """

    kind = "function"

    def __init__(self, name, reference, inputs, *, n_trials=3, seed=None, rtol=1e-6, atol=1e-9,
                 mistakes=(), numerical=None, fd_rtol=1e-4, fd_atol=1e-6, output_names=None,
                 **kwargs):
        super().__init__(name, **kwargs)
        self.reference = reference
        self.makers = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs] * n_trials
        self.seed = zlib.crc32(name.encode()) if seed is None else seed
        self.rtol, self.atol = rtol, atol
        self.mistakes = tuple(mistakes)
        self.numerical = numerical
        self.fd_rtol, self.fd_atol = fd_rtol, fd_atol
        self.output_names = output_names
        self.reference_args = (reference,)

    def trials(self):
        """The trial inputs: a list of dicts, the same on every call."""
        rng = np.random.default_rng(self.seed)
        return [make(rng) for make in self.makers]

    def _diagnose(self, value, expected, inputs, label="Your function's output"):
        sizes = [v.shape[0] for v in inputs.values() if isinstance(v, np.ndarray) and v.ndim]
        return diagnose(value, expected, rtol=self.rtol, atol=self.atol, label=label,
                        batch_sizes=sizes, names=self.output_names)

    def grade(self, fn):
        if not callable(fn):
            return self.incorrect(f"Pass your function itself, e.g. `{self.name}.check(my_function)`, "
                                  "without calling it.")
        runs = []
        for inputs in self.trials():
            outcome = call(fn, inputs)
            if outcome.modified:
                names = ", ".join(f"`{n}`" for n in outcome.modified)
                return self.incorrect(_INPLACE.format(names=names))
            if isinstance(outcome.error, NotImplementedError) or (
                    outcome.error is None and contains_placeholder(outcome.value)):
                return self.unattempted("Your function still returns the placeholder (or raises "
                                        "`NotImplementedError`): write its body, then check again.")
            expected = call(self.reference, inputs)
            if expected.error is not None:  # a bug in the question, not in the learner's code
                raise expected.error
            runs.append((inputs, expected.value, outcome))
        result = self._judge(runs)
        warned = list(dict.fromkeys(w for _, _, outcome in runs for w in outcome.warned))
        if warned:
            note = "Your code also emitted a warning:\n" + "\n".join(warned[:3])
            result.details = f"{result.details}\n{note}".strip()
        return result

    def _judge(self, runs):
        failing = [(i, run) for i, run in enumerate(runs)
                   if run[2].error is not None or not values_match(run[2].value, run[1], self.rtol, self.atol)]
        if not failing:
            return self._passed(runs)
        mistake = matching_mistake(self.mistakes, lambda m: self._behaves_like(m.wrong, runs))
        index, (inputs, expected, outcome) = failing[0]
        where = f"On trial {index + 1} of {len(runs)}, with inputs {_describe(inputs)}"
        if mistake:
            details = where + (f":\n{self._locate(outcome.error, inputs)}" if outcome.error else ".")
            return self.incorrect(mistake.message, details)
        if outcome.error is not None:
            return self.error(f"{where}, your function raised an exception.",
                              self._locate(outcome.error, inputs))
        return self.incorrect(self._diagnose(outcome.value, expected, inputs), where + ".")

    def _locate(self, error, inputs):
        return locate(error, called_as=f"{self.name}({', '.join(inputs)})")

    def _behaves_like(self, wrong, runs):
        for inputs, _, outcome in runs:
            variant = call(wrong, inputs)
            if outcome.error is not None or variant.error is not None:
                if not outcome.same_error(variant):
                    return False
            elif not values_match(outcome.value, variant.value, self.rtol, self.atol):
                return False
        return True

    def _passed(self, runs):
        if self.numerical is not None:
            for inputs, _, outcome in runs:
                fd = call(self.numerical, inputs).value
                message = diagnose(outcome.value, fd, rtol=self.fd_rtol, atol=self.fd_atol,
                                   label="Compared with finite differences, your output",
                                   names=self.output_names)
                if message:  # the learner matched the reference: the question itself is wrong
                    return self.error("The reference disagrees with finite differences; please "
                                      "report this exercise.", message)
            return self.correct(f"Your function matches the reference on all {len(runs)} random "
                                "trials, and finite differences agree.")
        return self.correct(f"Your function matches the reference on all {len(runs)} random trials.")


def _describe(inputs):
    parts = []
    for name, value in inputs.items():
        if isinstance(value, np.ndarray):
            parts.append(f"{name} of shape {value.shape}")
        else:
            parts.append(f"{name}={value!r}")
    return ", ".join(parts)


def finite_differences(loss, wrt):
    """Make the ``numerical=`` callable of a backward question from a scalar function.

    Parameters
    ----------
    loss : callable
        Same parameters as the question's reference, returns a float whose gradient the
        reference computes. For a backward function taking an upstream gradient ``g``,
        use ``sum(g * forward(...))``: its gradient is exactly what the backward returns.
    wrt : str or sequence of str
        The parameter(s) to differentiate with respect to, in the order of the outputs.

    Returns
    -------
    callable
        ``numerical(*inputs)`` -> the gradient (a tuple of them if ``wrt`` is a sequence),
        by central differences (``mlpcourse.gradcheck.numerical_gradient``).

    Examples
    --------
    >>> numerical = finite_differences(lambda z, g: np.sum(g * np.tanh(z)), wrt="z")
    """
    names = list(inspect.signature(loss).parameters)
    targets = [wrt] if isinstance(wrt, str) else list(wrt)

    def numerical(*args):
        from mlpcourse.gradcheck import numerical_gradient
        values = dict(zip(names, args))
        grads = []
        for name in targets:
            point = np.array(values[name], dtype=np.float64)
            grads.append(numerical_gradient(lambda x: loss(**{**values, name: x}), point))
        return grads[0] if isinstance(wrt, str) else tuple(grads)

    return numerical
