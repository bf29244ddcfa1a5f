"""Guards around the learner's code: a time limit, captured printing, a count of the lines run.

``time_limit(seconds)`` interrupts code that runs too long. In the main thread (where
ipykernel runs a notebook's cells) it uses ``SIGALRM``, which also interrupts ``time.sleep``;
in any other thread, or when ``SIGALRM`` is already in use, a watchdog thread raises the
exception asynchronously in the checking thread, which interrupts Python code but not a
single long call into C (the limit then takes effect when that call returns). Either way the
exception is ``LearnerTimeout``, a ``BaseException`` so that the learner's ``except
Exception`` cannot swallow it, and it is raised again every half second until it gets out.

``captured_output()`` collects what the learner prints, keeping only the beginning, so that
megabytes of printing cannot flood the notebook. ``count_lines(fn, *args)`` counts the lines
of the learner's own code that a call executes (a loop over the data runs more of them for
more data).
"""
import contextlib
import ctypes
import io
import signal
import sys
import threading

REPEAT = 0.5  # seconds between repeated interruptions, if the first one is caught


class LearnerTimeout(BaseException):
    """The learner's code ran past its time limit."""


def _raise_timeout(signum, frame):
    raise LearnerTimeout


def _alarm_available():
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


def _async_available():
    return hasattr(ctypes, "pythonapi") and hasattr(ctypes.pythonapi, "PyThreadState_SetAsyncExc")


@contextlib.contextmanager
def _alarm(seconds):
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _set_async(thread_id, exc):
    # Never called with NULL to "clear" a pending exception: on CPython 3.11 that leaves the
    # interpreter's eval breaker set, and a traced function then hangs. A pending exception
    # is raised instead, at the next Python call (see _checkpoint).
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc))


def _checkpoint():
    """A Python-level call: an asynchronous exception still pending is raised here."""


@contextlib.contextmanager
def _watchdog(seconds):
    target, lock, stop = threading.get_ident(), threading.Lock(), threading.Event()
    state = {"done": False}

    def watch():
        wait = seconds
        while not stop.wait(wait):
            with lock:
                if state["done"]:
                    return
                _set_async(target, LearnerTimeout)
            wait = REPEAT

    threading.Thread(target=watch, name="mlpcourse-exercise-timer", daemon=True).start()
    late = False
    try:
        yield
    finally:
        while True:  # the exception may land in this block itself: finish cleaning up first
            try:
                with lock:
                    state["done"] = True  # from here on the watchdog fires no more
                _checkpoint()  # one fired just before is raised now, inside this try
                break
            except LearnerTimeout:
                late = True
        stop.set()
    if late:
        raise LearnerTimeout


def time_limit(seconds):
    """A context manager that raises ``LearnerTimeout`` after ``seconds`` (``None``: no limit).

    The mechanism depends on the thread (see the module docstring); where neither is
    available (not CPython), the code runs without a limit.
    """
    if seconds is None or seconds <= 0:
        return contextlib.nullcontext()
    if _alarm_available():
        return _alarm(seconds)
    if _async_available():
        return _watchdog(seconds)
    return contextlib.nullcontext()


class BoundedText(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters and counts all of them."""

    def __init__(self, limit=2000):
        super().__init__()
        self.limit, self.kept, self.chars, self.lines = limit, [], 0, 0
        self._kept_chars = 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        self.chars += len(text)
        self.lines += text.count("\n")
        if self._kept_chars < self.limit:
            piece = text[:self.limit - self._kept_chars]
            self.kept.append(piece)
            self._kept_chars += len(piece)
        return len(text)

    def summary(self, max_lines=8):
        """``""`` if nothing was printed, else a few lines saying what was."""
        if not self.chars:
            return ""
        head = "".join(self.kept).splitlines()[:max_lines]
        lines = max(self.lines, 1)
        text = (f"Your code printed {lines:,} line{'s' if lines > 1 else ''} "
                f"({self.chars:,} characters)")
        shown = "\n".join("    " + line[:120] for line in head)
        more = "" if self.chars <= sum(len(h) + 1 for h in head) else "\n    ..."
        return f"{text}; the first:\n{shown}{more}"


@contextlib.contextmanager
def captured_output(sink):
    """Send ``print`` output (stdout and stderr) to ``sink`` while the block runs."""
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        yield sink


def count_lines(fn, args, is_learner_file):
    """Run ``fn(*args)`` and count the lines executed in files where ``is_learner_file``.

    Returns ``(count, value)``. Uses ``sys.settrace`` in the current thread only and
    restores the previous trace function (a debugger's, a coverage tool's) afterwards.
    """
    count = [0]
    previous = sys.gettrace()

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame, event, arg):
        return local if is_learner_file(frame.f_code.co_filename) else None

    sys.settrace(tracer)
    try:
        value = fn(*args)
    finally:
        sys.settrace(previous)
    return count[0], value
