"""A question whose answer is a function the learner writes.

The learner's function runs on random trials drawn afresh for every check (``_trials``),
within a time limit and with its printing captured (``_guard``), and is compared with the
reference; known wrong implementations (``Mistake``) are recognised; inputs modified in
place, a hard-coded scalar argument, errors and the placeholder are reported as such.
"""
import copy
import inspect

import numpy as np

from ._compare import diagnose, numeric_problem, values_match
from ._guard import BoundedText, LearnerTimeout, captured_output, count_lines
from ._guard import time_limit as guard_time
from ._placeholder import contains_placeholder
from ._question import Question, Revealing, matching_mistake
from ._run import arity_problem, call, current_time_limit, failure_report, is_learner_file, locate
from ._trials import describe_inputs, ignored_argument, trial_rng

_INPLACE = ("Your function changed its input {names} in place (with `+=`, `*=` or an "
            "assignment like `X[...] = ...`). The caller still needs its arrays: build a new "
            "array instead (`Z = X + 1` rather than `X += 1`), or work on a copy (`X.copy()`).")
_UNATTEMPTED = ("Your function still returns the placeholder (or raises "
                "`NotImplementedError`): write its body, then check again.")


class FunctionQuestion(Question):
    """The learner writes a function; it must agree with ``reference`` on random inputs.

    Parameters
    ----------
    name : str
    reference : callable
        The right implementation. Its positional arguments come from ``inputs``.
    inputs : callable or list of callables
        ``inputs(rng) -> dict`` of argument name -> value (arrays are checked for in-place
        changes). One callable is used ``n_trials`` times; a list gives one trial each.
        Draw *every* argument a learner could hard-code from ``rng`` (shapes, learning
        rates, thresholds), and add corner cases that tell plausible wrong formulas apart.
    n_trials : int
        Trials when ``inputs`` is a single callable.
    seed : int, optional
        Fixes the trials, for debugging a question only: by default every check draws new
        ones (tests fix them with ``testing.fixed_trials``).
    rtol, atol : float
        Tolerances of the comparison with the reference.
    mistakes : sequence of Mistake
        Wrong implementations (same signature as ``reference``). One is reported when it
        behaves exactly like the learner's function on every trial (same values, or the
        same exception).
    numerical : callable, optional
        For backward functions: same signature as ``reference``, returns the expected output
        computed by finite differences. The learner's output is also compared with it, with
        tolerances ``fd_rtol, fd_atol``.
    output_names : sequence of str, optional
        Names of the outputs when the function returns a tuple (``("dX", "dW", "db")``).
    time_limit : float, optional
        Seconds per call of the learner's function (default: the session's,
        ``set_time_limit``, 5 s). Also an attribute the learner may raise.
    loop_free : tuple, optional
        ``(make_small, make_large, message)``: input makers of a small and a large trial.
        A correct function that runs more lines of its own code on the large one (a Python
        loop over the data) is refused with ``message``.
    prompt, hints, solution, solution_code, chapter
        As in ``Question``.
    """

    kind = "function"
    reference = Revealing()

    def __init__(self, name, reference, inputs, *, n_trials=3, seed=None, rtol=1e-6, atol=1e-9,
                 mistakes=(), numerical=None, fd_rtol=1e-4, fd_atol=1e-6, output_names=None,
                 time_limit=None, loop_free=None, **kwargs):
        super().__init__(name, **kwargs)
        self.reference = reference
        self._makers = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs] * n_trials
        self._seed = seed
        self.rtol, self.atol = rtol, atol
        self.mistakes = tuple(mistakes)
        self.numerical = numerical
        self.fd_rtol, self.fd_atol = fd_rtol, fd_atol
        self.output_names = output_names
        self.time_limit = time_limit
        self._loop_free = loop_free
        self.last_inputs = None  # the inputs of the last failing trial, to rerun it
        self.reference_args = (reference,)

    def _new_trials(self):
        rng = trial_rng(self._seed)
        return [make(rng) for make in self._makers]

    def _names(self):
        return list(self._makers[0](np.random.default_rng(0)))

    def _diagnose(self, value, expected, inputs, label="Your function's output"):
        sizes = [v.shape[0] for v in inputs.values() if isinstance(v, np.ndarray) and v.ndim]
        return diagnose(value, expected, rtol=self.rtol, atol=self.atol, label=label,
                        batch_sizes=sizes, names=self.output_names)

    def _call(self, fn, inputs):
        return call(fn, inputs, self.time_limit)

    def _seconds(self):
        return current_time_limit(self.time_limit)

    def grade(self, fn):
        if not callable(fn):
            return self.incorrect(f"Pass your function itself, e.g. "
                                  f"`{self.name}.check(my_function)`, without calling it.")
        names = self._names()
        problem = arity_problem(fn, names, f"{self.name}({', '.join(names)})")
        if problem:
            return self.incorrect(problem)
        runs = []
        for inputs in self._new_trials():
            outcome = self._call(fn, inputs)
            if isinstance(outcome.error, NotImplementedError) or (
                    not outcome.failed and contains_placeholder(outcome.value)):
                return self.unattempted(_UNATTEMPTED)
            expected = call(self._reference, inputs, time_limit=0)
            if expected.failed:  # a bug in the question, not in the learner's code
                raise expected.error or RuntimeError("the reference did not return")
            runs.append((inputs, expected.value, outcome))
            if outcome.timed_out or outcome.exited or outcome.modified:
                break  # nothing more to learn from further trials
        result = self._judge(fn, runs)
        return self._annotate(result, runs)

    def _annotate(self, result, runs):
        warned = list(dict.fromkeys(w for _, _, outcome in runs for w in outcome.warned))
        notes = []
        if warned:
            notes.append("Your code also emitted a warning:\n" + "\n".join(warned[:3]))
        printed = next((o.printed for _, _, o in runs if o.printed), "")
        if printed:
            notes.append(printed)
        result.details = "\n".join([result.details] + notes).strip()
        return result

    def _where(self, index, runs, inputs):
        self.last_inputs = copy.deepcopy(inputs)
        return (f"On trial {index + 1} of {len(self._makers)}, with the inputs\n"
                f"{describe_inputs(inputs)}\n(kept in `ex.{self.name}.last_inputs`: "
                f"`your_function(*ex.{self.name}.last_inputs.values())` reruns it)")

    def _judge(self, fn, runs):
        last = runs[-1][2]
        if last.modified:
            names = ", ".join(f"`{n}`" for n in last.modified)
            return self.incorrect(_INPLACE.format(names=names))
        failing = [(i, run) for i, run in enumerate(runs)
                   if run[2].failed or not values_match(run[2].value, run[1], self.rtol, self.atol)]
        if not failing:
            return self._passed(fn, runs)
        index, (inputs, expected, outcome) = failing[0]
        where = self._where(index, runs, inputs)
        if outcome.timed_out or outcome.exited:
            status, message, details = failure_report(outcome, self._called_as(inputs),
                                                      self._seconds())
            return self._result(status, message, f"{where}.\n{details}".strip())
        mistake = matching_mistake(self.mistakes, lambda m: self._behaves_like(m.wrong, runs))
        if mistake:
            located = f":\n{self._locate(outcome.error, inputs)}" if outcome.error else "."
            details = where + located
            return self.incorrect(mistake.message, details)
        if outcome.error is not None:
            return self.error("Your function raised an exception.",
                              f"{where}:\n{self._locate(outcome.error, inputs)}")
        ignored = None if _value_problem(outcome.value) else ignored_argument(
            lambda changed: self._call(fn, changed), self._reference, inputs, outcome.value)
        if ignored:
            name, value, other = ignored
            return self.incorrect(
                f"Your function returns the same output whether `{name}` is {value:.4g} or "
                f"{other:.4g}: it ignores that argument. Did you write a fixed number where "
                f"`{name}` belongs?", where + ".")
        return self.incorrect(self._diagnose(outcome.value, expected, inputs), where + ".")

    def _result(self, status, message, details):
        return {"error": self.error, "incorrect": self.incorrect}[status](message, details)

    def _called_as(self, inputs):
        return f"{self.name}({', '.join(inputs)})"

    def _locate(self, error, inputs):
        return locate(error, called_as=self._called_as(inputs))

    def _behaves_like(self, wrong, runs):
        for inputs, _, outcome in runs:
            if outcome.timed_out or outcome.exited:
                return False
            variant = call(wrong, inputs, time_limit=0)
            if outcome.error is not None or variant.error is not None:
                if not outcome.same_error(variant):
                    return False
            elif not values_match(outcome.value, variant.value, self.rtol, self.atol):
                return False
        return True

    def _passed(self, fn, runs):
        if self.numerical is not None:
            for inputs, _, outcome in runs:
                fd = call(self.numerical, inputs, time_limit=0).value
                message = diagnose(outcome.value, fd, rtol=self.fd_rtol, atol=self.fd_atol,
                                   label="Compared with finite differences, your output",
                                   names=self.output_names)
                if message:  # the learner matched the reference: the question itself is wrong
                    return self.error("The reference disagrees with finite differences; please "
                                      "report this exercise.", message)
        loops = self._loop_problem(fn)
        if loops is not None:  # a Result is falsy unless it passed
            return loops
        agree = ", and finite differences agree" if self.numerical is not None else ""
        return self.correct(f"Your function matches the reference on all {len(runs)} random "
                            f"trials{agree}.")

    def _loop_problem(self, fn):
        """An "incorrect" result if the learner's (correct) function loops over the data."""
        if self._loop_free is None:
            return None
        make_small, make_large, message = self._loop_free
        rng = trial_rng(self._seed)
        small_inputs, large_inputs = make_small(rng), make_large(rng)
        counts = []  # small, large, small again (the first call may import modules)
        for inputs in (small_inputs, large_inputs, small_inputs):
            try:
                args = list(copy.deepcopy(inputs).values())
                with captured_output(BoundedText()), guard_time(self._seconds()):
                    counts.append(count_lines(fn, args, is_learner_file)[0])
            except LearnerTimeout:
                return None  # it was fast enough on the trials; do not judge its speed here
            except Exception:  # noqa: BLE001 - it passed the trials; an odd input is not its fault
                return None
        small, large = min(counts[0], counts[2]), counts[1]
        if large > small + 10:
            return self.incorrect(message, f"Lines of your code run: {small:,} for "
                                  f"{_size(small_inputs)}, {large:,} for {_size(large_inputs)}.")
        return None


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


def _size(inputs):
    first = next(v for v in inputs.values() if isinstance(v, np.ndarray))
    return f"{first.shape[0]} rows"


def _value_problem(value):
    """True if an output (or an element of a tuple of outputs) is not real, finite numbers."""
    parts = value if isinstance(value, (tuple, list)) and value and not np.isscalar(value[0]) \
        else [value]
    return any(numeric_problem(part) for part in parts)

