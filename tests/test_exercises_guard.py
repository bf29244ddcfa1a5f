"""Guards around the learner's code (mlpcourse/exercises/_guard.py, _run.py): no check can
hang or end the session, printing is captured, and loops over the data are detected."""
import signal
import sys
import threading
import time

import numpy as np
import pytest

from mlpcourse.exercises import FunctionQuestion, set_time_limit
from mlpcourse.exercises._guard import BoundedText, LearnerTimeout, count_lines, time_limit
from mlpcourse.exercises._run import DEFAULT_TIME_LIMIT, call, current_time_limit, is_learner_file
from mlpcourse.exercises.testing import assert_correct, assert_error, assert_mistake_caught


def _affine(X, W, b):
    return X @ W + b


def _inputs(rng):
    n = int(rng.integers(3, 8))
    return {"X": rng.normal(size=(n, 2)), "W": rng.normal(size=(2, 3)), "b": rng.normal(size=3)}


def _question(name="guarded", limit=0.5, **kwargs):
    return FunctionQuestion(name, _affine, _inputs, hints=["a", "b"], solution="s",
                            time_limit=limit, **kwargs)


def _forever(X, W, b):
    while True:
        pass


def _swallows_everything(X, W, b):
    while True:
        try:
            while True:
                pass
        except Exception:  # a learner's catch-all cannot keep the check alive
            pass


def _sleeps(X, W, b):
    time.sleep(60)


LOOPS = [_forever, _swallows_everything, _sleeps]


@pytest.mark.parametrize("fn", LOOPS, ids=lambda f: f.__name__)
def test_a_function_that_never_returns_is_stopped_in_the_main_thread(fn):
    start = time.monotonic()
    result = assert_mistake_caught(_question(), fn, "did not finish within 0.5 seconds")
    assert time.monotonic() - start < 10
    assert "set_time_limit" in result.message and "On trial 1 of 3" in result.details
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # the alarm is off again
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


@pytest.mark.parametrize("fn", [_forever, _swallows_everything], ids=lambda f: f.__name__)
def test_a_function_that_never_returns_is_stopped_in_another_thread(fn):
    results = []

    def run():
        results.append(_question().check(fn))
        time.sleep(1.5)  # no stray interruption arrives after the check is over
        results.append("still alive")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    assert results[0].status == "incorrect" and "did not finish" in results[0].message
    assert results[1] == "still alive"


def test_an_alarm_already_in_use_is_left_alone():
    """With SIGALRM taken (a test runner's timeout), the watchdog thread takes over."""
    fired = []

    def theirs(*args):
        fired.append(1)
    previous = signal.signal(signal.SIGALRM, theirs)
    try:
        assert_mistake_caught(_question(), _forever, "did not finish")
        assert signal.getsignal(signal.SIGALRM) is theirs and not fired
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_a_notebook_cell_with_an_endless_loop_leaves_the_shell_usable():
    """As in a notebook: the check runs in the shell's cell, and the next cell runs."""
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    from traitlets.config import Config
    config = Config()
    config.HistoryManager.enabled = False
    shell = interactiveshell.InteractiveShell(config=config)
    shell.user_ns["q"] = _question("in_a_shell", limit=0.3)
    cell = ("def dense(X, W, b):\n"
            "    while True:\n"
            "        pass\n"
            "result = q.check(dense)\n")
    assert shell.run_cell(cell).success
    assert "did not finish" in shell.user_ns["result"].message
    assert shell.run_cell("after = 1 + 1").success and shell.user_ns["after"] == 2


def test_the_time_limit_does_not_disturb_code_that_returns():
    with time_limit(5):
        total = sum(range(1000))
    assert total == 499500
    time.sleep(0.05)
    with time_limit(None):
        pass


def test_the_session_time_limit_can_be_changed():
    assert current_time_limit() == DEFAULT_TIME_LIMIT == 5.0
    try:
        set_time_limit(0.3)
        q = _question(limit=None)
        assert_mistake_caught(q, _forever, "within 0.3 seconds")
        assert current_time_limit(2.0) == 2.0  # a question's own limit comes first
    finally:
        set_time_limit(DEFAULT_TIME_LIMIT)
    with pytest.raises(ValueError, match="positive number of seconds"):
        set_time_limit(-1)


def test_sys_exit_in_learner_code_is_an_error_result_not_the_end():
    def exits(X, W, b):
        sys.exit(0)
    result = assert_error(_question(), exits, "SystemExit")
    assert "sys.exit()" in result.message and "sys.exit(0)" in result.details

    def quits(X, W, b):
        raise SystemExit("bye")
    assert_error(_question(), quits, "bye")


def test_keyboard_interrupt_still_stops_the_check():
    def interrupted(X, W, b):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        _question().check(interrupted)


def test_printing_is_captured_and_summarised(capsys):
    def chatty(X, W, b):
        for i in range(20000):
            print("step", i, "of a long loop")
        return X @ W + b
    result = assert_correct(_question(limit=20), chatty)
    assert "Your code printed 20,000 lines" in result.details
    assert "step 0 of a long loop" in result.details and "step 19999" not in result.details
    assert len(result.details) < 2000
    assert capsys.readouterr().out == ""  # nothing reached the real output


def test_bounded_text_keeps_the_beginning_and_counts_everything():
    sink = BoundedText(limit=10)
    sink.write("abcdef\n")
    sink.write("ghijkl\n")
    assert "".join(sink.kept) == "abcdef\nghi"
    assert (sink.chars, sink.lines) == (14, 2)
    assert BoundedText().summary() == ""


def test_call_reports_timeouts_and_exits_in_the_outcome():
    outcome = call(_forever, {"X": 1, "W": 2, "b": 3}, time_limit=0.2)
    assert outcome.timed_out and outcome.failed and outcome.error is None
    outcome = call(lambda: sys.exit(2), {}, time_limit=1)
    assert outcome.exited and isinstance(outcome.error, SystemExit)
    outcome = call(lambda x: x + 1, {"x": 1})
    assert not outcome.failed and outcome.value == 2


def test_learner_timeout_escapes_except_exception():
    assert not issubclass(LearnerTimeout, Exception)


# ----------------------------------------------------------------------------- loops
def _counts(fn, *args):
    return count_lines(fn, args, is_learner_file)


def test_count_lines_grows_with_a_loop_and_not_without():
    def vectorized(x):
        y = x * 2
        return y.sum()

    def looped(x):
        total = 0.0
        for v in x:
            total += 2 * v
        return total
    assert _counts(vectorized, np.ones(5))[0] == _counts(vectorized, np.ones(500))[0] == 2
    small, large = _counts(looped, np.ones(5))[0], _counts(looped, np.ones(50))[0]
    assert large - small == 2 * 45  # two lines per extra element
    assert _counts(looped, np.ones(5))[1] == 10.0


def test_count_lines_restores_a_previous_tracer():
    previous = sys.gettrace()
    _counts(lambda x: x, 1)
    assert sys.gettrace() is previous


def _column_sums(X):
    return X.sum(axis=0)


def _sized(n):
    return lambda rng: {"X": rng.normal(size=(n, 3))}


def _sum_question():
    return FunctionQuestion("column_sums", _column_sums, lambda rng: _sized(int(rng.integers(3, 9)))(rng),
                            loop_free=(_sized(4), _sized(64), "No loops, please."),
                            hints=["a", "b"], solution="s")


@pytest.mark.parametrize("looped", [
    lambda X: np.array([sum(row[j] for row in X) for j in range(X.shape[1])]),
    lambda X: np.sum([row for row in X], axis=0),
    lambda X: np.array(list(map(lambda row: row, X))).sum(axis=0),
    lambda X: np.apply_along_axis(lambda row: row, 1, X).sum(axis=0),
    lambda X: np.vectorize(lambda v: v, otypes=[float])(X).sum(axis=0),
], ids=["generator", "comprehension", "map", "apply_along_rows", "vectorize"])
def test_a_python_loop_over_the_rows_is_refused(looped):
    result = assert_mistake_caught(_sum_question(), looped, "No loops, please.", where="message")
    assert "for 4 rows" in result.details and "for 64 rows" in result.details


@pytest.mark.parametrize("over_columns", [
    lambda X: np.array([X[:, j].sum() for j in range(X.shape[1])]),
    lambda X: np.apply_along_axis(lambda column: column.sum(), 0, X),
], ids=["comprehension", "apply_along_columns"])
def test_a_loop_that_does_not_grow_with_the_data_is_allowed(over_columns):
    assert_correct(_sum_question(), over_columns)


def test_a_vectorized_answer_passes_the_loop_check():
    assert_correct(_sum_question(), lambda X: np.einsum("ij->j", X))
