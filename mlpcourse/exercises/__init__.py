r'''Self-checking exercises: specific feedback, graded hints and solutions, offline.

Learners
--------
Each chapter has a module of questions; a notebook cell fills in the placeholder ``____``
and calls ``check``::

    from mlpcourse.exercises.structure import param_count
    param_count.check(____)     # -> Not attempted yet
    param_count.check(266200)   # -> Not quite: you forgot the biases ...
    param_count.hint()          # first (gentle) hint; call again for the next one
    param_count.solution()      # the worked answer

    from mlpcourse.exercises import progress
    progress()                  # what this session has attempted, and the latest outcome

``check`` returns a ``Result`` with ``status`` in ``"correct"``, ``"incorrect"`` (the
message names the likely mistake), ``"unattempted"`` (the placeholder is still there),
``"error"`` (the learner's code raised: the exception and the line of *their* code are
shown) or ``"revealed"`` (think questions: the model answer is shown). It renders as a
green/red/grey box in a notebook and as one line of text elsewhere. Nothing is sent
anywhere; the record lives in memory, and a check that still finds the placeholder is not
counted as an attempt.

A function the learner writes runs on random inputs drawn afresh for every check; a failing
trial is shown (and kept in the question's ``last_inputs`` to rerun it). Each call may take
5 seconds (``set_time_limit(30)`` allows more); a loop that never ends, ``sys.exit()`` and
megabytes of printing are reported, never hang or end the session. Answers must be real,
finite numbers of the right shape: a complex or NaN answer is named as such. Reading a
question's ``answer``, ``reference`` or ``solution_code`` counts as viewing its solution.

Chapter authors: defining questions
-----------------------------------
Put a chapter's questions in ``mlpcourse/exercises/<chapter>.py``, one module-level
variable per question, named like the question (``param_count = ValueQuestion("param_count",
...)``); the chapter is taken from the module name. Import only numpy (and ``mlpcourse``
inside functions if needed) so the module imports fast. Kinds:

``ValueQuestion(name, answer, rtol=, atol=, integer=, unit=, unit_slips=, mistakes=[...])``
    A number or an array; the shape is checked. Common slips are recognised without
    declaring them: transposed arrays, ``(n,)`` for ``(n, 1)``, a flipped sign, a factor 2.
    ``unit_slips={"milliseconds": 1000}`` recognises an answer given in another unit;
    ``near=(rtol, message)`` answers one close to the right one but outside the tolerance
    (a measurement where the prediction was asked for). A count (``integer=True``) within
    1e-9 (relative) of a whole number is taken as that number.
``FunctionQuestion(name, reference, inputs, n_trials=3, mistakes=[...], numerical=None)``
    The learner passes a function. ``inputs(rng) -> {"X": ..., "W": ...}`` makes one trial
    (or pass a list of such callables, one per trial, to include edge cases). ``rng`` is
    seeded afresh for every check, so draw from it *every* argument a learner could
    hard-code: shapes, batch sizes, several output columns, learning rates, thresholds; and
    add the corner cases that tell plausible wrong formulas apart (equal fans, one sample).
    The learner's function gets copies; changing an input in place is reported; so is a
    scalar argument it ignores (a hard-coded learning rate). Outputs that are a constant
    multiple of the right one are named (sign, factor 2, the batch size: sum vs mean), and
    so are tuple outputs in the wrong order; an exception is shown with the line of the
    learner's code that raised it. ``time_limit=`` sets the seconds per call;
    ``loop_free=(make_small, make_large, message)`` refuses a correct function that loops
    over the data in Python (it runs more of its own lines on the larger input). For a backward
    function give ``numerical=``: same signature as ``reference``, returning the expected
    output by central differences. ``finite_differences(loss, wrt)`` builds it from a scalar
    ``loss`` with the reference's parameters, e.g. for ``sigmoid_backward(z, g)``:
    ``numerical=finite_differences(lambda z, g: np.sum(g * sigmoid(z)), wrt="z")``.
``ChoiceQuestion(name, options, answer, explanations={...})``
    Options keyed ``"a"``, ``"b"``, ...; ``answer`` a key or a set of keys.
``ShapesQuestion(name, {"X": (4, 3), "W1": (3, 5), ...}, n_samples=4)``
    The shape of each named array, as a dict; blanks may be left (the shapes given so far
    are checked). Wrong shapes get a convention-specific message (W is (fan_in, fan_out),
    b is (fan_out,), data arrays have one row per sample; ``dW1`` is read like ``W1``).
``ThinkQuestion(name, model_answer, key_points=[...])``
    No checker: ``check("my answer")`` shows the model answer and a checklist.

Special kinds, in their own modules: ``_initializer.InitializerQuestion`` (a weight
initializer ``init(fan_in, fan_out, rng)``: large draws on random layer shapes, checked for
their use of ``rng``, mean, variance and distribution with a Kolmogorov-Smirnov test whose
false-failure probability is below 1e-6), ``_model.PipelineQuestion`` (an unfitted
scikit-learn MLP pipeline, fitted with several seeds against a target stated next to a
measured baseline) and ``_gates.GateNetworkQuestion`` / ``_gates.TluQuestion`` (weights of
step units computing a logic gate).

``Question`` (subclass it)
    For anything else: implement ``grade(self, *answer)`` and return ``self.correct(msg)``,
    ``self.incorrect(msg, details)`` or ``self.unattempted(msg)``. To run a learner's
    function, use ``from ._run import call, locate``: ``call(fn, inputs)`` calls it on deep
    copies of a dict of inputs and returns an outcome with ``value``, ``error``,
    ``modified`` (names of inputs changed in place), ``warned``, ``printed``, ``timed_out``
    and ``exited``, within the time limit; ``locate(error)`` names the exception and the
    learner's line that raised it. Set ``self.reference_args`` to the arguments of
    ``check`` that pass (the tests read it as ``testing.reference_args(q)``; the public
    attribute counts as viewing the solution, as ``answer`` and ``reference`` do). A
    placeholder anywhere in the answer makes ``check`` report "unattempted" before
    ``grade`` runs (set ``allow_partial = True`` to grade half-filled answers yourself);
    an exception escaping ``grade`` becomes an "error" result, never a crash.

Every kind takes ``prompt=``, ``hints=[...]`` (2-4, gentle first, the last nearly the
answer), ``solution=`` and ``solution_code=``. A ``Mistake(wrong, message)`` plants a known
wrong answer: for a value question ``wrong`` is the wrong value or ``f(answer) -> wrong``;
for a function question it is a wrong implementation with the reference's signature, and it
is reported when the learner's function behaves exactly like it (same values on every
trial, or the same exception). Messages name the slip and what to do, without the answer::

    import numpy as np
    from mlpcourse.exercises import FunctionQuestion, Mistake, ValueQuestion

    def _forward(X, W, b):
        return X @ W + b

    def _inputs(rng):
        return {"X": rng.normal(size=(5, 3)), "W": rng.normal(size=(3, 4)), "b": rng.normal(size=4)}

    dense_forward = FunctionQuestion(
        "dense_forward", _forward, _inputs,
        mistakes=[Mistake(lambda X, W, b: X @ W, "You forgot the bias `b`.")],
        hints=["Each output is a weighted sum plus a bias.", "Use `@`.", "`X @ W + b`"],
        solution="One matrix product for the whole batch, then the bias broadcasts over rows.",
        solution_code="def dense_forward(X, W, b):\n    return X @ W + b")

A notebook cell then gives the learner a template that runs as is (import the chapter
module under a short name, so the learner's function can share the question's name)::

    from mlpcourse.exercises import ____
    from mlpcourse.exercises import structure as ex

    def dense_forward(X, W, b):
        return ____          # replace ____ with your code

    ex.dense_forward.check(dense_forward)

Learners stuck on a function may also ``raise NotImplementedError`` or write
``X @ ____ + b``: both report "unattempted" too.

In the hosted book
------------------
The built book has no kernel, yet value, choice, shapes and think questions are answered
and checked in the page, with the same verdicts: ``_export.py`` (and ``_export_value.py``)
exports, from these same objects, every fixed result and message template (cut out of real
``check()`` messages), and ``tools/static_exercises.py`` puts a panel under each exercise's
``ex.<name>.check(...)`` cell. The export reads the private attributes (``q._answer``) and
``q._solution_note()``, so building the book views no solution. The page's script
(``book/_assets/exercises-grade.js``) mirrors only the order of the checks in
``ValueQuestion.grade``, ``_compare.numeric_problem``, ``_compare.diagnose`` and
``ShapesQuestion.grade``: change the order there, and ``tests/browser/test_static_exercises.py``
shows where the page now differs. Other kinds (and subclasses with their own ``grade``) show
hints, the solution and a link to open the chapter live.

Chapter authors: testing questions
----------------------------------
``tests/test_exercises_<chapter>.py`` uses ``mlpcourse.exercises.testing`` (``args(...)`` passes
several arguments to ``check`` as one answer)::

    from mlpcourse.exercises import ____, structure
    from mlpcourse.exercises.testing import assert_correct, assert_mistake_caught, assert_unattempted

    def test_param_count():
        assert_correct(structure.param_count)                 # the reference answer passes
        assert_mistake_caught(structure.param_count, 266200, "biases")
        assert_unattempted(structure.param_count, ____)

Give every checked question a catalogue of at least five plausible wrong answers, written
the way a learner would, each asserted to be refused with its own message
(``assert_mistake_caught(q, wrong, fragment, repeats=5)`` checks five fresh sets of
trials), and assert that the reference passes on many fresh checks
(``assert_passes_repeatedly(q, times=20)``); ``fixed_trials(q, seed)`` fixes the trials
where a statistical message is certain only on given draws. ``assert_error(q, fn,
"NameError")`` tests a function that raises. ``tests/test_exercises_framework.py`` walks
every chapter module here and checks that each question has at least two hints (think
questions: one), a solution, a reference answer that passes and a placeholder answer that
reports "unattempted"; ``tests/test_exercises_catalogue.py`` holds every question to the
same type, value, time-limit, exit and printing checks. A new chapter module is covered the
day it is added.
'''
from ._choice import ChoiceQuestion
from ._function import FunctionQuestion, finite_differences
from ._placeholder import ____, contains_placeholder, is_placeholder
from ._question import Mistake, Question
from ._run import set_time_limit
from ._result import CORRECT, ERROR, INCORRECT, REVEALED, STATUSES, UNATTEMPTED, Note, Result
from ._session import Progress, progress, reset_progress
from ._shapes import ShapesQuestion
from ._think import ThinkQuestion
from ._value import ValueQuestion

__all__ = [
    "____", "is_placeholder", "contains_placeholder",
    "Question", "ValueQuestion", "FunctionQuestion", "ChoiceQuestion", "ShapesQuestion",
    "ThinkQuestion", "Mistake", "finite_differences",
    "Result", "Note", "Progress", "progress", "reset_progress", "set_time_limit",
    "CORRECT", "INCORRECT", "UNATTEMPTED", "ERROR", "REVEALED", "STATUSES",
]
