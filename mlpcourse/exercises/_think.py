"""A free-form question: no checker; the learner writes an answer, then sees the model answer."""
from ._result import REVEALED, Result
from ._question import Question, Revealing


class ThinkQuestion(Question):
    """The learner writes an answer in a string; ``check`` reveals the model answer.

    Parameters
    ----------
    name : str
    model_answer : str
        The answer to compare with (a few sentences).
    key_points : sequence of str, optional
        The ideas a good answer contains; shown as a checklist under the model answer.
    prompt, hints, chapter
        As in ``Question``. The solution is the model answer.
    """

    kind = "think"
    model_answer = Revealing()
    key_points = Revealing()

    def __init__(self, name, model_answer, *, key_points=(), **kwargs):
        kwargs.setdefault("solution", model_answer)
        super().__init__(name, **kwargs)
        self.model_answer = model_answer
        self.key_points = tuple(key_points)
        self.reference_args = (model_answer,)

    def _checklist(self):
        return "\n".join(f"[ ] {point}" for point in self._key_points)

    def grade(self, text):
        if not isinstance(text, str) or len(text.strip()) < 3:
            return self.unattempted("Write your answer as a sentence in a string first, "
                                    "then check to compare it with the model answer.")
        details = ""
        if self._key_points:
            details = "Does your answer contain these ideas?\n" + self._checklist()
        return Result(REVEALED, "There is no automatic check for this one: compare your "
                      f"answer with the model answer.\n\nModel answer: {self._model_answer}",
                      details, self.id)

    def _solution_note(self):
        note = super()._solution_note()
        if self._key_points:
            note.code = "Key ideas:\n" + self._checklist()
        return note
