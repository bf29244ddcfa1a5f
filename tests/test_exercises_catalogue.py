"""Wrong answers that every checked question must refuse, whatever its chapter.

The walk covers every question of every chapter module in mlpcourse.exercises, so a
question added later is held to the same standard the day it is added: its reference passes
on many fresh checks; a complex, NaN, boolean or misshapen answer is refused with a message
that says so (never "Correct", never a crash); a function that never returns, calls
sys.exit() or floods the output cannot hang or end the session. The chapter test files add
each question's own catalogue of plausible wrong answers.
"""
import sys

import numpy as np
import pytest

from mlpcourse.exercises import FunctionQuestion, ValueQuestion
from mlpcourse.exercises._initializer import InitializerQuestion
from mlpcourse.exercises.testing import (
    assert_mistake_caught, assert_passes_repeatedly, chapter_modules, questions_in,
    reference_args,
)

QUESTIONS = [q for module in chapter_modules() for q in questions_in(module)]
CODE = [q for q in QUESTIONS if isinstance(q, (FunctionQuestion, InitializerQuestion))]
FUNCTIONS = [q for q in QUESTIONS if isinstance(q, FunctionQuestion)]
VALUES = [q for q in QUESTIONS if isinstance(q, ValueQuestion)]


def _ids(questions):
    return [q.id for q in questions]


def _reference(question):
    return reference_args(question)[0]


def _first_output(value, change):
    """Apply ``change`` to a function's output, or to the first output of a tuple."""
    if isinstance(value, tuple):
        return (change(np.asarray(value[0], dtype=float)),) + value[1:]
    return change(np.asarray(value, dtype=float))


@pytest.mark.parametrize("question", FUNCTIONS, ids=_ids(FUNCTIONS))
def test_every_function_reference_passes_on_many_fresh_checks(question):
    assert_passes_repeatedly(question, times=25)


@pytest.mark.parametrize("question", CODE, ids=_ids(CODE))
@pytest.mark.parametrize("change, fragment", [
    (lambda out: out + 0j, "complex"),                 # the real part is right
    (lambda out: out * np.nan, "NaN"),
    (lambda out: out + np.inf, "infinite"),
], ids=["complex", "nan", "inf"])
def test_wrong_types_and_values_are_named(question, change, fragment):
    reference = _reference(question)

    def answer(*args):
        return _first_output(reference(*args), change)
    assert_mistake_caught(question, answer, fragment)


@pytest.mark.parametrize("question", CODE, ids=_ids(CODE))
def test_a_function_that_never_returns_cannot_hang_the_check(question):
    def answer(*args):
        while True:
            pass
    before = question.time_limit
    question.time_limit = 0.3
    try:
        assert_mistake_caught(question, answer, "did not finish within 0.3 seconds")
    finally:
        question.time_limit = before


@pytest.mark.parametrize("question", CODE, ids=_ids(CODE))
def test_sys_exit_in_an_answer_is_an_error_result(question):
    def answer(*args):
        sys.exit()
    assert_mistake_caught(question, answer, "sys.exit()", status="error")


@pytest.mark.parametrize("question", CODE, ids=_ids(CODE))
def test_printing_does_not_flood_the_output(question, capsys):
    reference = _reference(question)

    def answer(*args):
        print("debugging\n" * 5000)
        return reference(*args)
    result = question.check(answer)
    assert result.passed and "Your code printed" in result.details
    assert len(result.details) < 3000 and capsys.readouterr().out == ""


@pytest.mark.parametrize("question", CODE, ids=_ids(CODE))
def test_a_function_with_a_missing_parameter_is_told_how_it_is_called(question):
    assert_mistake_caught(question, lambda first: first, "is called as")


@pytest.mark.parametrize("question", VALUES, ids=_ids(VALUES))
@pytest.mark.parametrize("change, fragment", [
    (lambda answer: np.asarray(answer) + 0j, "complex"),
    (lambda answer: np.asarray(answer) * np.nan, "NaN"),
    (lambda answer: np.asarray(answer) > 0, "boolean"),
    (lambda answer: str(answer), "text"),
    (lambda answer: np.append(np.ravel(answer), 1.0), "shape"),
    (lambda answer: lambda: answer, "not a function"),
], ids=["complex", "nan", "bool", "str", "shape", "function"])
def test_value_answers_of_the_wrong_type_are_named(question, change, fragment):
    assert_mistake_caught(question, change(_reference(question)), fragment)
