"""The base class every question shares: checking, graded hints, the solution, progress."""
import html

from . import _session
from ._placeholder import contains_placeholder, is_placeholder
from ._result import CORRECT, ERROR, INCORRECT, UNATTEMPTED, Note, Result, _inline_html
from ._run import frame_module_name


class Mistake:
    """A known wrong answer and what to tell the learner who gives it.

    Parameters
    ----------
    wrong : value or callable
        For a value question: the wrong value itself, or ``f(reference) -> wrong value``.
        For a function question: a wrong implementation with the reference's signature
        (it may call the reference, e.g. ``lambda X, W, b: -reference(X, W, b)``).
    message : str
        What the learner most likely did, and what to do instead. Name the slip; do not
        give the answer away.
    """

    def __init__(self, wrong, message):
        self.wrong = wrong
        self.message = message

    def __repr__(self):
        return f"Mistake({self.message!r})"


class Revealing:
    """An attribute that holds (part of) the solution: reading it counts as viewing it.

    The value lives in the private attribute ``_<name>``, which the framework and the tests
    use; reading the public name (``q.answer``, ``q.reference``, ``q.solution_code``) records
    "solution viewed" in ``progress()``, as ``q.solution()`` does.
    """

    def __set_name__(self, owner, name):
        self.slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        _session.record_solution(obj)
        return getattr(obj, self.slot)

    def __set__(self, obj, value):
        setattr(obj, self.slot, value)


class Question:
    """One exercise. Subclasses implement ``grade(*answer)``.

    Parameters
    ----------
    name : str
        Short identifier, the variable name in the chapter module (``"param_count"``).
    prompt : str
        One or two sentences stating the task (shown when the question is displayed).
    hints : sequence of str
        Graded hints: the first gentle, the last nearly gives the answer away.
    solution : str
        The explanation of the answer.
    solution_code : str, optional
        Code of the reference answer, shown with the explanation.
    chapter : str, optional
        Defaults to the last part of the defining module's name (``"structure"``).
    """

    kind = "question"
    allow_partial = False  # True: grade() itself handles answers with some blanks left
    solution_text = Revealing()
    solution_code = Revealing()
    reference_args = Revealing()  # the answer that passes, as check(*args)

    def __init__(self, name, *, prompt="", hints=(), solution="", solution_code="", chapter=None):
        self.name = name
        self.chapter = chapter or frame_module_name().rsplit(".", 1)[-1]
        self.prompt = prompt
        self.hints = tuple(hints)
        self.solution_text = solution
        self.solution_code = solution_code
        self._hints_given = 0
        self.reference_args = ()  # subclasses: the answer that passes, as check(*args)
        _session.register(self)

    @property
    def id(self):
        return f"{self.chapter}.{self.name}"

    # -- checking ---------------------------------------------------------------------
    def check(self, *answer, **named):
        """Check an answer; returns a ``Result`` (status, message) that displays itself."""
        given = answer + tuple(named.values())
        blank = (all(is_placeholder(a) for a in given) if self.allow_partial
                 else contains_placeholder(given))
        if not given or blank:
            result = self.unattempted(
                "Replace the placeholder `____` with your answer, then run the check again.")
        else:
            try:
                result = self.grade(*answer, **named)
            except Exception as exc:  # a malformed answer must not crash the learner's cell
                result = Result(ERROR, "This answer could not be checked: "
                                f"{type(exc).__name__}: {exc}", question=self.id)
        result.question = self.id
        _session.record_check(self, result)
        return result

    def grade(self, *answer, **named):
        """Return a ``Result`` for a (placeholder-free) answer. Subclasses implement it."""
        raise NotImplementedError

    def correct(self, message="Well done.", details=""):
        return Result(CORRECT, message, details, self.id)

    def incorrect(self, message, details=""):
        return Result(INCORRECT, message, details, self.id)

    def unattempted(self, message, details=""):
        return Result(UNATTEMPTED, message, details, self.id)

    def error(self, message, details=""):
        return Result(ERROR, message, details, self.id)

    # -- help -------------------------------------------------------------------------
    def hint(self, number=None):
        """The next hint (or hint ``number``, counting from 1); each call goes one further."""
        if not self.hints:
            return Note("hint", "Hint", "This exercise has no hints; `solution()` shows the answer.")
        if number is None:
            self._hints_given = min(self._hints_given + 1, len(self.hints))
            number = self._hints_given
        number = max(1, min(int(number), len(self.hints)))
        self._hints_given = number  # the next hint() continues from here
        _session.record_hint(self, number)
        title = f"Hint {number} of {len(self.hints)}"
        if number == len(self.hints):
            title += " (the last one; `solution()` shows the answer)"
        return Note("hint", title, self.hints[number - 1])

    def solution(self):
        """The worked answer (recorded in ``progress()``)."""
        _session.record_solution(self)
        return self._solution_note()

    def _solution_note(self):
        """The worked answer, *not* recorded as viewed: for the framework (the hosted book's
        export writes it into the page, behind a button that records the view there)."""
        return Note("solution", f"Solution [{self.id}]", self._solution_text, self._solution_code)

    # -- display ----------------------------------------------------------------------
    def __repr__(self):
        text = f"<{type(self).__name__} {self.id}>"
        return f"{text}\n{self.prompt}" if self.prompt else text

    def _repr_html_(self):
        prompt = f"<div>{_inline_html(self.prompt)}</div>" if self.prompt else ""
        return (f"<div><strong>Exercise <code>{html.escape(self.id)}</code></strong>{prompt}"
                f"<div style='color:#57606a'>Check with <code>{html.escape(self.name)}.check(...)</code>; "
                f"help with <code>.hint()</code> and <code>.solution()</code>.</div></div>")


def matching_mistake(mistakes, matches):
    """The first mistake for which ``matches(mistake)`` is true, else ``None``."""
    for mistake in mistakes:
        try:
            if matches(mistake):
                return mistake
        except Exception:  # a variant that cannot even be computed here does not match
            continue
    return None

