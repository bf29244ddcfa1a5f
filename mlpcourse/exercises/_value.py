"""A question whose answer is a value: a number, an array, a shape."""
import numpy as np

from ._compare import diagnose, numeric_problem, values_match
from ._question import Mistake, Question, Revealing, matching_mistake


class ValueQuestion(Question):
    """The learner gives a value; it is compared with ``answer`` within a tolerance.

    Parameters
    ----------
    name : str
    answer : number or array-like
        The right value. Its shape is checked (``(n,)`` is not ``(n, 1)``).
    rtol, atol : float
        Tolerances of ``numpy.isclose``. Use ``rtol=0, atol=0`` for exact counts.
    integer : bool
        The answer is a count: a non-whole number is rejected with that reason.
    unit : str, optional
        Unit named in messages (``"parameters"``, ``"seconds"``). Plant a ``Mistake`` for each
        likely unit slip (milliseconds for seconds, percent for fractions).
    unit_slips : dict, optional
        Other unit -> factor, e.g. ``{"milliseconds": 1000}`` when ``unit="seconds"``: an
        answer equal to ``answer * factor`` is told it is in that unit.
    mistakes : sequence of Mistake
        Known wrong values (or ``f(answer) -> wrong value``) with a message each.
    near : (float, str), optional
        ``(rtol, message)``: an answer within ``rtol`` of the right one (but outside the
        tolerance, and matching no mistake) gets ``message``; for instance a measured value
        where the prediction was asked for.
    prompt, hints, solution, solution_code, chapter
        As in ``Question``.
    """

    kind = "value"
    answer = Revealing()

    def __init__(self, name, answer, *, rtol=1e-6, atol=1e-9, integer=False, unit="",
                 unit_slips=None, mistakes=(), near=None, **kwargs):
        super().__init__(name, **kwargs)
        self.answer = answer  # reading it counts as viewing the solution (Question)
        self.rtol, self.atol = rtol, atol
        self.integer = integer
        self.unit = unit
        self.mistakes = tuple(mistakes) + tuple(
            Mistake(lambda ref, f=factor: np.multiply(ref, f),
                    f"Your answer seems to be in {other}; give it in {unit or 'the unit asked for'}.")
            for other, factor in (unit_slips or {}).items())
        self.near = near
        self.reference_args = (answer,)

    def _wrong_value(self, mistake):
        return mistake.wrong(self._answer) if callable(mistake.wrong) else mistake.wrong

    def grade(self, value):
        if callable(value):
            return self.incorrect("Give the value itself, not a function.")
        if isinstance(value, str):
            return self.incorrect(f"Your answer is the text {value!r}; give a number instead.")
        problem = numeric_problem(value)
        if problem:
            return self.incorrect(problem)
        if self.integer and np.ndim(value) == 0:
            value = _snap_whole(float(value))
        if values_match(value, self._answer, self.rtol, self.atol):
            unit = f" {self.unit}" if self.unit and np.ndim(self._answer) == 0 else ""
            return self.correct(f"Right: {_show(self._answer)}{unit}.")
        mistake = matching_mistake(
            self.mistakes, lambda m: values_match(value, self._wrong_value(m), self.rtol, self.atol))
        if mistake:
            return self.incorrect(mistake.message)
        if self.near is not None and values_match(value, self._answer, self.near[0], 0.0):
            return self.incorrect(self.near[1])
        if self.integer and np.ndim(value) == 0 and value != round(value):
            return self.incorrect(f"{_exact(value)} is not a whole number, but this is a count.")
        label = "Your answer"
        return self.incorrect(diagnose(value, self._answer, rtol=self.rtol, atol=self.atol, label=label))


#: A count computed in floating point (``2 * 79510.0``, ``0.1 * 3 * 10``) may be off by a
#: few units in the last place: within this relative distance of a whole number, it is one.
WHOLE_RTOL = 1e-9


def _snap_whole(number):
    nearest = round(number)
    return float(nearest) if abs(number - nearest) <= WHOLE_RTOL * max(1.0, abs(number)) else number


def _exact(number):
    """A float as Python writes it (every digit that matters): 266610.4, not 266610."""
    return repr(float(number))


def _show(value):
    arr = np.asarray(value)
    if arr.ndim == 0:
        number = arr.item()
        return f"{number:,}" if isinstance(number, int) else f"{number:.6g}"
    return np.array2string(arr, precision=4)
