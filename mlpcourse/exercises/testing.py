"""pytest helpers for exercise modules: assert that checkers say what they should.

Used by ``tests/test_exercises_<chapter>.py``; see the package docstring for an example.
"""
import contextlib
import importlib
import pkgutil

from ._question import Question
from ._result import CORRECT, ERROR, REVEALED, UNATTEMPTED

_PACKAGE_NAME = __name__.rpartition(".")[0]


class args:
    """Several arguments for ``check``, as one ``answer`` of the helpers below.

    ``assert_mistake_caught(xor_weights, args([W1, W2], [b1, b2]), "thresholds")`` checks
    ``xor_weights.check([W1, W2], [b1, b2])``.
    """

    def __init__(self, *answer, **named):
        self.answer, self.named = answer, named


def _check_one(question, answer):
    if isinstance(answer, args):
        return question.check(*answer.answer, **answer.named)
    return question.check(answer)


def _check(question, answer, named):
    if answer or named:
        return question.check(*answer, **named)
    return question.check(*reference_args(question))


def reference_args(question):
    """The arguments of ``check`` that pass, without recording "solution viewed"."""
    return question._reference_args


@contextlib.contextmanager
def fixed_trials(question, seed):
    """Within the block, ``question`` draws the same trials on every check (seeded)."""
    before = question._seed
    question._seed = seed
    try:
        yield question
    finally:
        question._seed = before


def assert_correct(question, *answer, **named):
    """The answer (default: the question's reference answer) is accepted."""
    result = _check(question, answer, named)
    expected = REVEALED if question.kind == "think" else CORRECT
    assert result.status == expected, f"{question.id}: expected {expected}, got\n{result}"
    return result


def assert_mistake_caught(question, answer, fragment, status="incorrect", repeats=1,
                          where="both"):
    """The answer is rejected (``status``) with a message containing ``fragment``.

    The fragment is looked for, case-insensitively, in the message and the details
    (``where="message"``: in the message only). ``answer`` is passed to ``check`` as one
    argument; wrap several in ``args(...)``. With ``repeats=k`` the check runs k times, on
    k fresh sets of trials, and must refuse the answer the same way every time.
    """
    for _ in range(repeats):
        result = _check_one(question, answer)
        assert result.status == status, f"{question.id}: expected {status}, got\n{result}"
        text = result.message if where == "message" else f"{result.message}\n{result.details}"
        assert fragment.lower() in text.lower(), f"{question.id}: {fragment!r} not in\n{result}"
    return result


def assert_passes_repeatedly(question, *answer, times=20):
    """The answer (default: the reference) passes ``times`` checks, each on fresh trials."""
    for _ in range(times):
        result = assert_correct(question, *answer)
    return result


def assert_unattempted(question, *answer, **named):
    """The placeholder answer reports "unattempted" (and does not raise)."""
    result = question.check(*answer, **named)
    assert result.status == UNATTEMPTED, f"{question.id}: expected unattempted, got\n{result}"
    return result


def assert_error(question, answer, fragment=""):
    """The learner's code raised; the report names the exception (and ``fragment``)."""
    result = _check_one(question, answer)
    assert result.status == ERROR, f"{question.id}: expected error, got\n{result}"
    assert fragment.lower() in f"{result.message}\n{result.details}".lower(), str(result)
    return result


def assert_well_formed(question, min_hints=2):
    """Hints (gentle to explicit), a solution, and a reference answer that passes."""
    n = 1 if question.kind == "think" else min_hints
    assert len(question.hints) >= n, f"{question.id}: needs at least {n} hints"
    assert all(h.strip() for h in question.hints), f"{question.id}: empty hint"
    assert question._solution_text.strip(), f"{question.id}: no solution"
    assert question._reference_args, f"{question.id}: no reference answer"
    assert_correct(question)


def chapter_modules():
    """Every chapter module of ``mlpcourse.exercises`` (not the framework, not this one)."""
    package = importlib.import_module(_PACKAGE_NAME)
    names = [m.name for m in pkgutil.iter_modules(package.__path__)
             if not m.name.startswith("_") and m.name != "testing"]
    return [importlib.import_module(f"{_PACKAGE_NAME}.{name}") for name in sorted(names)]


def questions_in(module):
    """The questions defined at module level in ``module``, in definition order."""
    return [value for value in vars(module).values() if isinstance(value, Question)]
