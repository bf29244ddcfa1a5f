"""A question with options to choose from (one right option, or several)."""
from ._question import Question, Revealing


class ChoiceQuestion(Question):
    """The learner picks an option by its key (``"b"``) or, for several, a list of keys.

    Parameters
    ----------
    name : str
    options : dict or sequence of str
        Key -> option text; a plain sequence is keyed ``"a"``, ``"b"``, ``"c"``, ...
    answer : str or set of str
        The right key, or the set of right keys ("select all that apply").
    explanations : dict, optional
        Key -> why that option is wrong (or right); shown when the learner picks it.
    prompt, hints, solution, solution_code, chapter
        As in ``Question``.
    """

    kind = "choice"
    answer = Revealing()
    explanations = Revealing()

    def __init__(self, name, options, answer, *, explanations=None, **kwargs):
        super().__init__(name, **kwargs)
        if not isinstance(options, dict):
            options = {chr(ord("a") + i): text for i, text in enumerate(options)}
        self.options = dict(options)
        self.multiple = not isinstance(answer, str)
        self.answer = set(answer) if self.multiple else answer
        self.explanations = dict(explanations or {})
        unknown = ({self._answer} if not self.multiple else self._answer) - set(self.options)
        if unknown:
            raise ValueError(f"answer keys {sorted(unknown)} are not among the options {list(self.options)}")
        self.reference_args = (sorted(self._answer) if self.multiple else self._answer,)

    def _key(self, choice):
        text = str(choice).strip()
        for key, option in self.options.items():
            if text.lower() in (str(key).lower(), option.strip().lower()):
                return key
        return None

    def grade(self, choice):
        chosen = [choice] if isinstance(choice, str) or not hasattr(choice, "__iter__") else list(choice)
        keys = [self._key(c) for c in chosen]
        if None in keys:
            bad = chosen[keys.index(None)]
            return self.incorrect(f"{bad!r} is not one of the options; choose among "
                                  f"{', '.join(repr(k) for k in self.options)}.")
        if not self.multiple:
            if len(keys) != 1:
                return self.incorrect("Choose exactly one option.")
            key = keys[0]
            if key == self._answer:
                return self.correct(self._explanations.get(key, f"Right: ({key}) {self.options[key]}"))
            return self.incorrect(self._explanations.get(key, f"({key}) is not the right option."))
        picked = set(keys)
        if picked == self._answer:
            return self.correct("Right: exactly the options " + ", ".join(sorted(picked)) + ".")
        wrong = sorted(picked - self._answer)
        if wrong:
            return self.incorrect(self._explanations.get(wrong[0], f"({wrong[0]}) does not belong."))
        return self.incorrect(f"Each of your options is right, but {len(self._answer - picked)} "
                              "more belong to the answer.")
