"""A question whose answer is a value: a number, an array, a shape."""
import numpy as np

from ._compare import as_numeric, diagnose, values_match
from ._question import Mistake, Question, matching_mistake


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
    prompt, hints, solution, solution_code, chapter
        As in ``Question``.
    """

    kind = "value"

    def __init__(self, name, answer, *, rtol=1e-6, atol=1e-9, integer=False, unit="",
                 unit_slips=None, mistakes=(), **kwargs):
        super().__init__(name, **kwargs)
        self.answer = answer
        self.rtol, self.atol = rtol, atol
        self.integer = integer
        self.unit = unit
        self.mistakes = tuple(mistakes) + tuple(
            Mistake(lambda ref, f=factor: np.multiply(ref, f),
                    f"Your answer seems to be in {other}; give it in {unit or 'the unit asked for'}.")
            for other, factor in (unit_slips or {}).items())
        self.reference_args = (answer,)

    def _wrong_value(self, mistake):
        return mistake.wrong(self.answer) if callable(mistake.wrong) else mistake.wrong

    def grade(self, value):
        if callable(value):
            return self.incorrect("Give the value itself, not a function.")
        if isinstance(value, str):
            return self.incorrect(f"Your answer is the text {value!r}; give a number instead.")
        if as_numeric(value) is None:
            return self.incorrect(f"Give a number (or an array of numbers), not {type(value).__name__}.")
        if values_match(value, self.answer, self.rtol, self.atol):
            unit = f" {self.unit}" if self.unit and np.ndim(self.answer) == 0 else ""
            return self.correct(f"Right: {_show(self.answer)}{unit}.")
        mistake = matching_mistake(
            self.mistakes, lambda m: values_match(value, self._wrong_value(m), self.rtol, self.atol))
        if mistake:
            return self.incorrect(mistake.message)
        if self.integer and np.ndim(value) == 0 and float(value) != round(float(value)):
            return self.incorrect(f"{_show(value)} is not a whole number, but this is a count.")
        label = "Your answer"
        return self.incorrect(diagnose(value, self.answer, rtol=self.rtol, atol=self.atol, label=label))


def _show(value):
    arr = np.asarray(value)
    if arr.ndim == 0:
        number = arr.item()
        return f"{number:,}" if isinstance(number, int) else f"{number:.6g}"
    return np.array2string(arr, precision=4)
