"""What ``check()``, ``hint()`` and ``solution()`` return, and how they look.

Each object prints as plain text (a Python session, a test log) and renders as a coloured
box in a notebook (``_repr_html_``). Nothing is printed as a side effect.
"""
import html
import re

CORRECT = "correct"
INCORRECT = "incorrect"
UNATTEMPTED = "unattempted"
ERROR = "error"
REVEALED = "revealed"  # a "think" question: no checker, the model answer is shown
STATUSES = (CORRECT, INCORRECT, UNATTEMPTED, ERROR, REVEALED)

_LABELS = {
    CORRECT: ("\u2714", "Correct"),
    INCORRECT: ("\u2718", "Not quite"),
    UNATTEMPTED: ("\u25cb", "Not attempted yet"),
    ERROR: ("\u26a0", "Your code raised an error"),
    REVEALED: ("\u25c6", "Compare with the model answer"),
    "hint": ("\u2139", "Hint"),
    "solution": ("\u2691", "Solution"),
}
# (text colour, background, border): readable on light and dark notebook themes
_COLOURS = {
    CORRECT: ("#0f5323", "#dafbe1", "#1a7f37"),
    INCORRECT: ("#82071e", "#ffebe9", "#cf222e"),
    ERROR: ("#82071e", "#ffebe9", "#cf222e"),
    UNATTEMPTED: ("#24292f", "#f6f8fa", "#8c959f"),
    REVEALED: ("#0a3069", "#ddf4ff", "#0969da"),
    "hint": ("#0a3069", "#ddf4ff", "#0969da"),
    "solution": ("#3b2300", "#fff8c5", "#9a6700"),
}


def _inline_html(text):
    """Escape text for HTML; turn `code` spans into <code> and blank lines into paragraphs."""
    escaped = html.escape(text)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return "<br>".join(escaped.split("\n"))


def _box(kind, title, body_html):
    fg, bg, border = _COLOURS[kind]
    icon, _ = _LABELS[kind]
    return (
        f'<div class="mlpcourse-exercise mlpcourse-{kind}" style="color:{fg};'
        f"background:{bg};border-left:4px solid {border};padding:0.5em 0.8em;"
        f'margin:0.3em 0;border-radius:3px"><strong>{icon} {html.escape(title)}</strong>'
        f"{body_html}</div>"
    )


def _pre(text):
    return (
        '<pre style="background:rgba(255,255,255,0.6);color:inherit;padding:0.4em;'
        "margin:0.4em 0 0 0;white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;"
        f'font-family:monospace">{html.escape(text)}</pre>'
    )


class Result:
    """The outcome of ``q.check(answer)``.

    Attributes
    ----------
    status : str
        One of ``"correct"``, ``"incorrect"``, ``"unattempted"``, ``"error"`` (the learner's
        code raised) or ``"revealed"`` (a think question: the model answer is shown).
    message : str
        One or two sentences naming what is right or wrong.
    details : str
        Optional preformatted text: a truth table, the line of code that raised, ...
    question : str
        The question's id, ``"<chapter>.<name>"``.
    """

    def __init__(self, status, message, details="", question=""):
        if status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
        self.status = status
        self.message = message
        self.details = details
        self.question = question

    @property
    def passed(self):
        """True when the answer is correct."""
        return self.status == CORRECT

    def __bool__(self):
        return self.passed

    def __str__(self):
        icon, label = _LABELS[self.status]
        where = f" [{self.question}]" if self.question else ""
        text = f"{icon} {label}{where}: {self.message}"
        if self.details:
            text += "\n" + "\n".join("    " + line for line in self.details.splitlines())
        return text

    __repr__ = __str__

    def _repr_html_(self):
        _, label = _LABELS[self.status]
        body = f"<div>{_inline_html(self.message)}</div>"
        if self.details:
            body += _pre(self.details)
        return _box(self.status, label, body)


class Note:
    """A hint or a solution: a title, some text and optionally code."""

    def __init__(self, kind, title, text, code=""):
        self.kind = kind
        self.title = title
        self.text = text
        self.code = code

    def __str__(self):
        icon, _ = _LABELS[self.kind]
        text = f"{icon} {self.title}: {self.text}"
        if self.code:
            text += "\n" + "\n".join("    " + line for line in self.code.splitlines())
        return text

    __repr__ = __str__

    def _repr_html_(self):
        body = f"<div>{_inline_html(self.text)}</div>"
        if self.code:
            body += _pre(self.code)
        return _box(self.kind, self.title, body)
