"""Tests of the exercises framework (mlpcourse/exercises/_*.py, testing.py).

Every outcome kind, the built-in diagnostics, graded hints, progress(), the location of an
error in the learner's code, in-place modification, rendering as text and HTML; and a walk
over every chapter module so a new one is checked the day it is added.
"""
import numpy as np
import pytest

from mlpcourse.exercises import (
    ____, ChoiceQuestion, FunctionQuestion, Mistake, Question, Result, ShapesQuestion,
    ThinkQuestion, ValueQuestion, contains_placeholder, finite_differences, is_placeholder,
    progress, reset_progress,
)
from mlpcourse.exercises.testing import (
    assert_correct, assert_error, assert_mistake_caught, assert_passes_repeatedly,
    assert_unattempted, assert_well_formed, chapter_modules, fixed_trials, questions_in,
    reference_args,
)
from mlpcourse.gradcheck import numerical_gradient


# ----------------------------------------------------------------------------- fixtures
def _affine(X, W, b):
    return X @ W + b


def _affine_inputs(rng):
    return {"X": rng.normal(size=(5, 3)), "W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)}


def _affine_question(name="affine", **kwargs):
    kwargs.setdefault("mistakes", [Mistake(lambda X, W, b: X @ W, "You forgot the bias.")])
    return FunctionQuestion(name, _affine, _affine_inputs, hints=["gentle", "closer", "answer"],
                            solution="Use X @ W + b.", solution_code="X @ W + b", **kwargs)


def _count_question(name="count"):
    return ValueQuestion(name, 42, rtol=0, atol=0, integer=True, unit="parameters",
                         mistakes=[Mistake(40, "You forgot the biases."),
                                   Mistake(lambda ref: ref * 2, "You counted twice.")],
                         hints=["h1", "h2"], solution="Forty-two.")


# -------------------------------------------------------------------------- placeholder
def test_placeholder_absorbs_arithmetic_and_numpy():
    assert is_placeholder(____) and is_placeholder(...)
    assert (784 + 1) * ____ + 3 is ____
    assert np.ones((2, 2)) @ ____ + np.ones(2) is ____
    assert -____ is ____ and not ____


def test_contains_placeholder_looks_inside_containers():
    assert contains_placeholder([1, (2, ____)])
    assert contains_placeholder({"W1": ____})
    assert contains_placeholder(np.array([[1.0, ____]]))
    assert not contains_placeholder([np.zeros(3), {"a": 1}])


# ------------------------------------------------------------------------ value questions
def test_value_outcomes():
    q = _count_question()
    assert_correct(q)
    assert_correct(q, 42.0)
    assert_mistake_caught(q, 40, "forgot the biases")
    assert_mistake_caught(q, 84, "counted twice")  # a mistake given as f(reference)
    assert_mistake_caught(q, 41.5, "41.5 is not a whole number")
    assert_mistake_caught(q, 41.001, "41.001 is not a whole number")
    assert_mistake_caught(q, 4241.0000001, "is 4241, which")  # snapped to a whole number
    assert_correct(q, 42.00000000001)  # floating-point noise in a computed count
    assert_mistake_caught(q, "42", "number instead")
    assert_mistake_caught(q, 7, "not the expected value")
    assert_unattempted(q, ____)
    assert_unattempted(q, ...)
    assert_unattempted(q, 2 * ____ + 1)
    assert_unattempted(q)
    assert "42 parameters" in q.check(42).message


@pytest.mark.parametrize("given, fragment", [
    (42 + 0j, "complex (its imaginary part is 0"),
    (42 + 1e-3j, "is complex"),
    (np.array(42, dtype=complex), "is complex"),
    (float("nan"), "is NaN (not a number)"),   # not "cannot convert float NaN to integer"
    (float("inf"), "is infinite"),
    (True, "boolean"),
    (None, "`None`"),
    ([42, 1], "should have shape ()"),
    (lambda: 42, "not a function"),
])
def test_value_type_and_value_checks_come_before_comparison(given, fragment):
    assert_mistake_caught(_count_question(), given, fragment)


def test_whole_number_message_shows_every_digit():
    q = ValueQuestion("big", 266610, rtol=0, atol=0, integer=True, hints=["a", "b"], solution="s")
    assert_mistake_caught(q, 266610.4, "266610.4 is not a whole number")
    assert_correct(q, 266610.0000001)  # 4e-13 relative: a float's noise, not a fraction
    assert_correct(q, np.float32(266610))


def test_value_near_message():
    q = ValueQuestion("near", 3.44, rtol=0.02, near=(0.3, "A measurement?"),
                      mistakes=[Mistake(3.9, "Eleven layers.")], hints=["a", "b"], solution="s")
    assert_correct(q, 3.45)
    assert_mistake_caught(q, 3.7, "A measurement?")
    assert_mistake_caught(q, 3.9, "Eleven layers")     # a planted mistake comes first
    assert_mistake_caught(q, 5.0, "not the expected value")
    assert_mistake_caught(q, 266610.4, "Your answer is 266610.4, which")  # every digit shown


def test_value_unit_slips():
    q = ValueQuestion("seconds", 0.25, unit="seconds", unit_slips={"milliseconds": 1000},
                      hints=["a", "b"], solution="s")
    assert_correct(q)
    assert_mistake_caught(q, 250, "seems to be in milliseconds; give it in seconds")


def test_value_tolerance():
    q = ValueQuestion("tol", 0.1234, rtol=1e-2, hints=["a", "b"], solution="s")
    assert q.check(0.1236).passed
    assert not q.check(0.13).passed


@pytest.mark.parametrize("given, fragment", [
    (np.arange(1.0, 5.0), "(a column)"),                     # (n,) where (n, 1) expected
    (-np.arange(1.0, 5.0).reshape(-1, 1), "opposite sign"),
    (2 * np.arange(1.0, 5.0).reshape(-1, 1), "twice"),
    (0.5 * np.arange(1.0, 5.0).reshape(-1, 1), "half"),
    (np.arange(1.0, 5.0).reshape(1, -1), "transpose"),
    (np.array([[1.0], [2.0], [3.0], [5.0]]), "index [3, 0]: 5 instead of 4"),
    (np.array([[1.0], [np.nan], [3.0], [4.0]]), "NaN"),
])
def test_value_array_diagnostics(given, fragment):
    q = ValueQuestion("column", np.arange(1.0, 5.0).reshape(-1, 1), hints=["a", "b"], solution="s")
    assert_mistake_caught(q, given, fragment)


def test_value_flat_expected_column_given():
    q = ValueQuestion("flat", np.arange(3.0), hints=["a", "b"], solution="s")
    assert_mistake_caught(q, np.arange(3.0).reshape(-1, 1), "flat shape")


# --------------------------------------------------------------------- function questions
def test_function_correct_including_a_loop():
    q = _affine_question()
    assert_correct(q)

    def looped(X, W, b):
        return np.array([x @ W + b for x in X])
    assert_correct(q, looped)


def test_function_declared_mistake_on_values():
    q = _affine_question()
    result = assert_mistake_caught(q, lambda X, W, b: X @ W, "forgot the bias")
    assert "trial 1 of 3" in result.details and "(5, 3)" in result.details


def test_function_declared_mistake_matched_by_its_exception():
    q = _affine_question(mistakes=[Mistake(lambda X, W, b: X @ W.T + b, "W is transposed.")])
    result = assert_mistake_caught(q, lambda X, W, b: X @ W.T + b, "W is transposed")
    assert "ValueError" in result.details  # the learner also sees what raised


@pytest.mark.parametrize("wrong, fragment", [
    (lambda X, W, b: -(X @ W + b), "opposite sign"),
    (lambda X, W, b: 2 * (X @ W + b), "twice"),
    (lambda X, W, b: 5 * (X @ W + b), "number of samples"),   # 5 = batch size: sum vs mean
    (lambda X, W, b: (X @ W + b) / 5, "divide by the batch size"),
    (lambda X, W, b: (X @ W + b).T, "transpose"),
    (lambda X, W, b: (X @ W + b)[:, 0], "should have shape (5, 4)"),
    (lambda X, W, b: None, "forget the `return`"),
    (lambda X, W, b: "Z", "the text 'Z'"),
    (lambda X, W, b: (X @ W + b) + 0j, "is complex"),
    (lambda X, W, b: (X @ W + b) * np.nan, "contains NaN"),
    (lambda X, W, b: (X @ W + b) > 0, "boolean"),
    (lambda X, W, b: np.zeros((len(X), W.shape[1])), "all zeros"),
])
def test_function_generic_diagnostics(wrong, fragment):
    assert_mistake_caught(_affine_question(mistakes=()), wrong, fragment)


def test_function_input_modified_in_place_is_caught():
    def centred(X, W, b):
        X -= X.mean(axis=0)
        return X @ W + b

    def right_but_destructive(X, W, b):
        Z = X @ W + b
        W[:] = 0
        return Z
    q = _affine_question()
    assert_mistake_caught(q, centred, "changed its input `X` in place")
    assert_mistake_caught(q, right_but_destructive, "`W`")


def test_function_placeholder_and_not_implemented_are_unattempted():
    def template(X, W, b):
        return ____

    def half_done(X, W, b):
        return X @ ____ + b

    def stub(X, W, b):
        raise NotImplementedError
    q = _affine_question()
    for answer in (____, ..., template, half_done, stub):
        assert_unattempted(q, answer)


def test_function_error_shows_the_learners_line():
    def learner_forward(X, W, b):
        Z = X @ W
        return Z + b[:, None]  # the learner's broken line
    result = assert_error(_affine_question(), learner_forward, "ValueError")
    assert "in `learner_forward`" in result.details
    assert "return Z + b[:, None]  # the learner's broken line" in result.details


def test_function_error_in_a_nested_learner_helper_is_located():
    def helper(Z):
        return Z + undefined_name  # noqa: F821

    def learner_forward(X, W, b):
        return helper(X @ W)
    result = assert_error(_affine_question(), learner_forward, "NameError")
    assert "in `helper`" in result.details and "undefined_name" in result.details


def test_function_with_the_wrong_parameters_is_told_how_it_is_called():
    def two_params(X, W):
        return X @ W
    result = assert_mistake_caught(_affine_question(), two_params, "takes (X, W)")
    assert "called as `affine(X, W, b)`, with 3 arguments" in result.message
    assert_mistake_caught(_affine_question(), lambda *args: args[0] @ args[1] + args[2] * 0, "")
    assert_correct(_affine_question(), lambda X, W, b, scale=1.0: scale * (X @ W + b))


def test_function_warnings_are_reported_not_printed(recwarn):
    def noisy(X, W, b):
        np.log(-np.abs(X[:1]))  # a stray computation that warns
        return X @ W + b
    result = assert_correct(_affine_question(), noisy)
    assert "RuntimeWarning: invalid value encountered in log" in result.details
    assert "np.log(-np.abs(X[:1]))" in result.details
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_function_passed_called_instead_of_itself():
    assert_mistake_caught(_affine_question(), np.zeros((5, 4)), "without calling it")


def test_function_trials_are_fresh_for_every_check_and_private():
    q = _affine_question()
    assert not hasattr(q, "trials")
    seen = []

    def spy(X, W, b):
        seen.append(X.copy())
        return X @ W + b
    q.check(spy)
    q.check(spy)
    assert len(seen) == 6
    assert not any(np.array_equal(a, b) for i, a in enumerate(seen) for b in seen[i + 1:])
    with fixed_trials(q, 7):  # tests may fix them
        seen.clear()
        q.check(spy)
        q.check(spy)
        assert all(np.array_equal(a, b) for a, b in zip(seen[:3], seen[3:]))


def test_a_failing_trial_shows_its_inputs_and_keeps_them_for_a_rerun():
    q = _affine_question(mistakes=())

    def wrong(X, W, b):
        return X @ W - b
    result = assert_mistake_caught(q, wrong, "entries")
    inputs = q.last_inputs
    assert set(inputs) == {"X", "W", "b"}
    assert "X = array of shape (5, 3):" in result.details
    assert np.array2string(inputs["b"], precision=4, separator=", ") in result.details
    assert "ex.affine.last_inputs" in result.details
    assert not np.allclose(wrong(*inputs.values()), _affine(*inputs.values()))


def test_a_hard_coded_scalar_argument_is_named():
    def ref(X, rate):
        return X * rate

    def inputs(rng):
        return {"X": rng.normal(size=(4, 2)), "rate": float(rng.uniform(0.01, 1.0))}
    q = FunctionQuestion("scaled", ref, inputs, hints=["a", "b"], solution="s")
    result = assert_mistake_caught(q, lambda X, rate: X * 0.1, "ignores that argument")
    assert "`rate`" in result.message
    assert_mistake_caught(q, lambda X, rate: X * rate * 2, "twice")  # uses it, wrongly


@pytest.mark.parametrize("wrong, fragment", [
    (lambda X, W, b: (b * 2, X @ W), "wrong order: you returned (b2, XW); return (XW, b2)"),
    (lambda X, W, b: (X @ W + 0j, b * 2), "`XW` is complex"),
    (lambda X, W, b: (X @ W, b * np.nan), "`b2` contains NaN"),
])
def test_tuple_outputs_order_type_and_value(wrong, fragment):
    def ref(X, W, b):
        return X @ W, b * 2
    q = FunctionQuestion("pair2", ref, _affine_inputs, output_names=("XW", "b2"),
                         hints=["a", "b"], solution="s")
    assert_mistake_caught(q, wrong, fragment)


def _square_backward(x, g):
    """Backward of y = x ** 2 (elementwise), given the upstream gradient g."""
    return 2 * x * g


def _square_numerical(x, g):
    return numerical_gradient(lambda x_: np.sum(g * x_ ** 2), x.copy())


def _square_inputs(rng):
    return {"x": rng.normal(size=(6, 3)), "g": rng.normal(size=(6, 3))}


def test_backward_question_with_finite_differences():
    q = FunctionQuestion("square_backward", _square_backward, _square_inputs,
                         numerical=_square_numerical, hints=["a", "b"], solution="2 x g")
    result = assert_correct(q)
    assert "finite differences agree" in result.message
    assert_mistake_caught(q, lambda x, g: x * g, "half")          # forgot the factor 2
    assert_mistake_caught(q, lambda x, g: -2 * x * g, "opposite sign")


def test_finite_differences_helper_builds_the_numerical_gradient():
    numerical = finite_differences(lambda x, g: np.sum(g * x ** 2), wrt="x")
    inputs = _square_inputs(np.random.default_rng(0))
    np.testing.assert_allclose(numerical(*inputs.values()), _square_backward(**inputs), rtol=1e-6)
    both = finite_differences(lambda x, g: np.sum(g * x ** 2), wrt=("x", "g"))
    dx, dg = both(*inputs.values())
    np.testing.assert_allclose(dg, inputs["x"] ** 2, rtol=1e-6)
    q = FunctionQuestion("square_backward_fd", _square_backward, _square_inputs,
                         numerical=numerical, hints=["a", "b"], solution="2 x g")
    assert_correct(q)


def test_backward_reference_that_disagrees_with_finite_differences_is_an_error():
    q = FunctionQuestion("bad_reference", lambda x, g: x * g, _square_inputs,
                         numerical=_square_numerical, hints=["a", "b"], solution="s")
    result = q.check(q.reference)
    assert result.status == "error" and "finite differences" in result.message


def test_multiple_outputs_are_named():
    def ref(X, W, b):
        return X @ W, b * 2
    q = FunctionQuestion("pair", ref, _affine_inputs, output_names=("XW", "b2"),
                         hints=["a", "b"], solution="s")
    assert_correct(q)
    assert_mistake_caught(q, lambda X, W, b: (X @ W, b), "`b2`")
    assert_mistake_caught(q, lambda X, W, b: X @ W, "tuple of 2")


# ----------------------------------------------------------------- choice, think, shapes
def test_choice_question():
    q = ChoiceQuestion("pick", ["zero", "one", "two"], "b",
                       explanations={"a": "Zero is the bias of a dead unit."},
                       hints=["a", "b"], solution="One.")
    assert_correct(q)
    assert_correct(q, "B")
    assert_correct(q, "one")
    assert_mistake_caught(q, "a", "dead unit")
    assert_mistake_caught(q, "c", "not the right option")
    assert_mistake_caught(q, "z", "not one of the options")
    assert_unattempted(q, ____)


def test_choice_question_with_several_answers():
    q = ChoiceQuestion("several", {"a": "sigmoid", "b": "step", "c": "tanh"}, {"a", "c"},
                       explanations={"b": "The step has no useful derivative."},
                       hints=["a", "b"], solution="Sigmoid and tanh.")
    assert_correct(q)
    assert_correct(q, ["c", "a"])
    assert_mistake_caught(q, ["a", "b"], "no useful derivative")
    assert_mistake_caught(q, ["a"], "1 more")
    with pytest.raises(ValueError):
        ChoiceQuestion("broken", ["x"], "q")


def test_think_question():
    q = ThinkQuestion("why", "Because the slope is zero.", key_points=["zero slope"],
                      hints=["look at the slope"])
    result = assert_correct(q, "my own words")
    assert result.status == "revealed" and "Model answer: Because the slope is zero." in result.message
    assert "[ ] zero slope" in result.details
    assert_unattempted(q, ____)
    assert_unattempted(q, "  ")
    assert "zero slope" in str(q.solution())


def test_shapes_question_partial_answers():
    q = ShapesQuestion("shapes", {"X": (4, 3), "W1": (3, 5), "b1": (5,), "Z1": (4, 5)},
                       n_samples=4, hints=["a", "b"], solution="s")
    assert_correct(q)
    assert_correct(q, {"X": [4, 3], "W1": (3, 5), "b1": 5, "Z1": (4, 5)})
    assert_unattempted(q, {"X": ____, "W1": ____, "b1": ____, "Z1": ____})
    partial = assert_unattempted(q, {"X": (4, 3), "W1": ____, "b1": ____, "Z1": ____})
    assert "right so far" in partial.message and "W1, b1, Z1" in partial.message
    assert_mistake_caught(q, {"X": (4, 3), "W1": (5, 3), "b1": ____}, "(fan_in, fan_out)")
    assert_mistake_caught(q, {"X": (3, 4)}, "one row per sample")
    assert_mistake_caught(q, {"X": (4, 3), "W1": (3, 5), "b1": (1, 5)}, "flat vector")
    assert_mistake_caught(q, {"Q": (1,)}, "not one of the arrays")
    assert_mistake_caught(q, [(4, 3)], "dict")


# ------------------------------------------------------------------------ custom questions
class _Parity(Question):
    kind = "custom"

    def __init__(self, name, **kwargs):
        super().__init__(name, **kwargs)
        self.reference_args = (4,)

    def grade(self, n):
        if n % 2:
            return self.incorrect("That number is odd.")
        return self.correct("Even.")


def test_custom_question_and_a_crashing_grader():
    q = _Parity("parity", hints=["a", "b"], solution="Any even number.")
    assert_correct(q)
    assert_mistake_caught(q, 3, "odd")
    result = q.check(object())  # grade() itself raises: reported, never raised
    assert result.status == "error" and "could not be checked" in result.message


def test_chapter_defaults_to_the_defining_module():
    q = _count_question("where")
    assert q.chapter == "test_exercises_framework"
    assert q.id == "test_exercises_framework.where"


# -------------------------------------------------------------------- hints and solutions
def test_hints_are_graded_and_stop_at_the_last():
    q = _affine_question("hinted")
    first, second, third, again = q.hint(), q.hint(), q.hint(), q.hint()
    assert (first.text, second.text, third.text, again.text) == ("gentle", "closer", "answer", "answer")
    assert first.title == "Hint 1 of 3" and "last one" in third.title
    assert q.hint(1).text == "gentle" and q.hint().text == "closer"  # continues from hint 1
    assert q.hint(99).text == "answer"
    no_hints = ValueQuestion("bare", 1, solution="1")
    assert "no hints" in no_hints.hint().text


def test_solution_has_text_and_code():
    note = _affine_question("solved").solution()
    assert note.text == "Use X @ W + b." and note.code == "X @ W + b"
    assert "X @ W + b" in str(note) and "<pre" in note._repr_html_()


# ------------------------------------------------------------------------------ progress
def test_progress_records_latest_outcome_hints_and_solutions():
    reset_progress()
    q, other = _count_question("tracked"), _count_question("untouched")
    q.check(40)
    q.check(42)
    q.hint()
    q.hint()
    q.solution()
    table = progress(chapter="test_exercises_framework")
    assert table.status(q.id) == "correct" and table.status(other.id) is None
    row = next(r for r in table.rows if r["id"] == q.id)
    assert (row["checks"], row["hints"], row["solution"]) == (2, 2, True)
    text = str(table)
    assert "test_exercises_framework.tracked" in text and "correct" in text
    assert "not attempted" in text and "solution viewed" in text
    assert "<table" in table._repr_html_()
    q.check(____)  # the placeholder is not an attempt: nothing changes
    assert progress().status(q.id) == "correct"
    reset_progress()
    assert progress().status(q.id) is None


def test_progress_counts_only_attempted_questions():
    reset_progress()
    blank, tried = _count_question("blank"), _count_question("tried")
    blank.check(____)
    blank.check(2 * ____)
    tried.check(40)
    rows = {r["id"]: r for r in progress(chapter="test_exercises_framework").rows}
    assert rows[blank.id]["status"] is None and rows[blank.id]["checks"] == 0
    assert rows[tried.id]["status"] == "incorrect" and rows[tried.id]["checks"] == 1
    summary = str(progress(chapter="test_exercises_framework")).splitlines()[0]
    assert "1 of" in summary and "attempted" in summary and "0 of them correct" in summary
    reset_progress()


@pytest.mark.parametrize("attribute", ["answer", "solution_code", "solution_text", "reference_args"])
def test_reading_the_answer_counts_as_viewing_the_solution(attribute):
    reset_progress()
    q = _count_question(f"peek_{attribute}")
    assert q._answer == 42 and not progress().rows[-1]["solution"]  # private: not recorded
    getattr(q, attribute)
    row = next(r for r in progress().rows if r["id"] == q.id)
    assert row["solution"] is True
    reset_progress()


def test_reading_a_function_questions_reference_counts_as_viewing_the_solution():
    reset_progress()
    q = _affine_question("peek_reference")
    assert q.reference is _affine
    assert next(r for r in progress().rows if r["id"] == q.id)["solution"] is True
    reset_progress()


def test_progress_is_filtered_by_chapter():
    _count_question("filtered")
    assert all(r["id"].startswith("structure.") for r in progress(chapter="structure").rows)


# ----------------------------------------------------------------------------- rendering
@pytest.mark.parametrize("status, label, colour", [
    ("correct", "Correct", "#1a7f37"), ("incorrect", "Not quite", "#cf222e"),
    ("unattempted", "Not attempted yet", "#8c959f"), ("error", "raised an error", "#cf222e"),
    ("revealed", "model answer", "#0969da"),
])
def test_result_renders_as_text_and_html(status, label, colour):
    result = Result(status, "Use `X @ W` <not W @ X>.", details="line 1\nline 2", question="c.q")
    text = str(result)
    assert label in text and "[c.q]" in text and "\n    line 2" in text
    assert repr(result) == text
    page = result._repr_html_()
    assert colour in page and "<code>X @ W</code>" in page
    assert "&lt;not W @ X&gt;" in page and "<not" not in page
    assert result.passed is (status == "correct") and bool(result) is result.passed


def test_result_rejects_unknown_status():
    with pytest.raises(ValueError):
        Result("maybe", "?")


def test_question_displays_its_prompt():
    q = ValueQuestion("shown", 1, prompt="How many?", hints=["a", "b"], solution="1")
    assert "How many?" in repr(q) and "How many?" in q._repr_html_()


def test_error_location_inside_an_ipython_cell():
    """In a notebook the learner's function lives in a cell: its line must still be shown."""
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    from traitlets.config import Config
    config = Config()
    config.HistoryManager.enabled = False  # no history database on disk
    shell = interactiveshell.InteractiveShell(config=config)  # not the global instance()
    shell.user_ns["q"] = _affine_question("in_a_cell")
    cell = ("def my_forward(X, W, b):\n"
            "    return X @ W + c_typo\n"
            "result = q.check(my_forward)\n")
    assert shell.run_cell(cell).success
    result = shell.user_ns["result"]
    assert result.status == "error" and "NameError" in result.details
    assert "in `my_forward`, line 2" in result.details and "X @ W + c_typo" in result.details


# ------------------------------------------------------------------------ testing helpers
def test_testing_helpers_fail_loudly():
    q = _count_question("helpers")
    with pytest.raises(AssertionError):
        assert_mistake_caught(q, 40, "a message that is not there")
    with pytest.raises(AssertionError):
        assert_mistake_caught(q, 42, "biases")
    with pytest.raises(AssertionError):
        assert_correct(q, 40)
    with pytest.raises(AssertionError):
        assert_unattempted(q, 40)


# ------------------------------------------- every chapter module, present and future
CHAPTER_QUESTIONS = [(module.__name__, q) for module in chapter_modules() for q in questions_in(module)]


def test_chapter_modules_are_found():
    assert "mlpcourse.exercises.structure" in {name for name, _ in CHAPTER_QUESTIONS}


@pytest.mark.parametrize("module, question", CHAPTER_QUESTIONS,
                         ids=[q.id for _, q in CHAPTER_QUESTIONS])
def test_every_chapter_question_is_well_formed(module, question):
    assert question.id == f"{module.rsplit('.', 1)[-1]}.{question.name}"
    assert_well_formed(question)  # hints, a solution, and the reference answer passes
    assert_unattempted(question, *[____] * len(question.reference_args))
    assert question.hint().text == question.hints[0]
    assert str(question.solution())
