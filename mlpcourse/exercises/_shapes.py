"""A question whose answer is a dict of array shapes (the shapes of a forward pass)."""
import numpy as np

from ._placeholder import is_placeholder
from ._question import Question, Revealing


def _as_shape(value):
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return (int(value),)
    if isinstance(value, (tuple, list)) and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in value):
        return tuple(int(v) for v in value)
    return None


def _shape_hint(name, got, want, n_samples):
    base = name[1:] if name[:1] == "d" and name[1:2] in tuple("WbXZA") else name  # dW1 like W1
    kind = base[:1]
    if len(want) == 2 and want[1] == 1 and got == want[:1]:
        return f"{name} is a column of shape {want}, not the flat {got}."
    if len(got) == 2 and got[1] == 1 and want == got[:1]:
        return f"{name} is the flat vector {want}, not the column {got}."
    if got == want[::-1] and kind == "W":
        return (f"{name} is stored (fan_in, fan_out) = {want} in mlpcourse, so that `X @ W` "
                f"works for a whole batch; {got} is (fan_out, fan_in), the column-vector convention.")
    if got == want[::-1]:
        return (f"{name} has one row per sample: {want}, not {got} (that is the column-vector "
                "convention, with samples as columns).")
    if kind == "b" and len(got) == 2 and got[-1] == want[0]:
        return (f"{name} is a flat vector of shape {want}: one bias per unit, the same for every "
                f"sample; {got} would broadcast too, but mlpcourse stores {want}.")
    if kind in "XZA" and n_samples and len(got) == 2 and got[0] != n_samples:
        return f"{name} has one row per sample ({n_samples} samples): {want}, not {got}."
    return f"{name} should have shape {want}, not {got}."


class ShapesQuestion(Question):
    """The learner gives the shape of each named array, as a dict name -> shape tuple.

    Blanks (``____``) may be left: the shapes given so far are checked, and the result is
    "unattempted" until every one is filled in. The first wrong shape is named, with the
    likely convention slip for mlpcourse's names: ``W*`` is (fan_in, fan_out), ``b*`` is
    (fan_out,), data arrays ``X``, ``Z*``, ``A*`` have one row per sample.

    Parameters
    ----------
    name : str
    expected : dict
        Array name -> shape, in the order the learner should fill them in.
    n_samples : int, optional
        The batch size, named in messages about data arrays.
    success : str, optional
        The message of a correct answer.
    prompt, hints, solution, solution_code, chapter
        As in ``Question``.
    """

    kind = "shapes"
    expected = Revealing()
    allow_partial = True
    success = "Every shape is right."

    def __init__(self, name, expected, *, n_samples=None, success="", **kwargs):
        super().__init__(name, **kwargs)
        self.expected = {key: tuple(shape) for key, shape in expected.items()}
        self.n_samples = n_samples
        if success:
            self.success = success
        self.reference_args = (dict(expected),)

    def grade(self, answer):
        if not isinstance(answer, dict):
            return self.incorrect("Give a dict from array name to shape, like "
                                  "`{'X': (4, 3), 'W1': ...}`.")
        unknown = [k for k in answer if k not in self._expected]
        if unknown:
            return self.incorrect(f"{unknown[0]!r} is not one of the arrays; the names are "
                                  f"{', '.join(self._expected)}.")
        blank = []
        for name, want in self._expected.items():
            if name not in answer or is_placeholder(answer[name]):
                blank.append(name)
                continue
            got = _as_shape(answer[name])
            if got is None:
                return self.incorrect(f"Give the shape of {name} as a tuple of ints, "
                                      f"like (4, 3); got {answer[name]!r}.")
            if got != want:
                return self.incorrect(_shape_hint(name, got, want, self.n_samples))
        if len(blank) == len(self._expected):
            return self.unattempted("Replace each placeholder `____` with a shape, then run "
                                    "the check again.")
        if blank:
            done = len(self._expected) - len(blank)
            return self.unattempted(f"The {done} shapes you gave are right so far; still blank: "
                                    f"{', '.join(blank)}.")
        return self.correct(self.success)
