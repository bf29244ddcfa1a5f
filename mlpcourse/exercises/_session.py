"""This session's record: which questions exist, which were attempted, their latest outcome.

A check that still finds the placeholder ``____`` is not an attempt and is not recorded.

Kept in memory only (no files, no network); a fresh kernel starts a fresh record.
"""
import html

from ._result import _COLOURS, _LABELS, UNATTEMPTED, _box

_QUESTIONS = {}  # id -> question, in the order they were defined
_LOG = {}  # id -> {"status": str | None, "checks": int, "hints": int, "solution": bool}


def _entry(qid):
    return _LOG.setdefault(qid, {"status": None, "checks": 0, "hints": 0, "solution": False})


def register(question):
    """Remember a question (re-defining one with the same id replaces it, keeping its record)."""
    _QUESTIONS[question.id] = question


def record_check(question, result):
    """Record an attempt. A check that finds only the placeholder is not an attempt: it
    changes nothing (running a chapter top to bottom must not mark its exercises as tried)."""
    if result.status == UNATTEMPTED:
        return
    entry = _entry(question.id)
    entry["status"] = result.status
    entry["checks"] += 1


def record_hint(question, number):
    entry = _entry(question.id)
    entry["hints"] = max(entry["hints"], number)


def record_solution(question):
    _entry(question.id)["solution"] = True


def reset_progress():
    """Forget every check, hint and solution of this session (the questions stay defined)."""
    _LOG.clear()


class Progress:
    """A table of the session's questions with their latest outcome (see ``progress()``)."""

    def __init__(self, rows):
        self.rows = rows  # list of dicts: id, kind, status, checks, hints, solution

    def __len__(self):
        return len(self.rows)

    def status(self, qid):
        """Latest status of question ``qid`` (``None`` if never attempted)."""
        for row in self.rows:
            if row["id"] == qid:
                return row["status"]
        raise KeyError(qid)

    def _summary(self):
        done = sum(row["status"] == "correct" for row in self.rows)
        attempted = sum(row["status"] is not None for row in self.rows)
        return (f"{attempted} of {len(self.rows)} exercises attempted this session, "
                f"{done} of them correct")

    def __str__(self):
        if not self.rows:
            return "No exercises defined yet: import a chapter, e.g. `from mlpcourse.exercises import structure`."
        width = max(len(row["id"]) for row in self.rows)
        lines = [f"Exercise progress: {self._summary()}"]
        for row in self.rows:
            status = row["status"] or "not attempted"
            icon = _LABELS[row["status"]][0] if row["status"] else " "
            extra = f"{row['checks']} check(s), {row['hints']} hint(s)"
            if row["solution"]:
                extra += ", solution viewed"
            lines.append(f"  {icon} {row['id']:<{width}}  {status:<12} {extra}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self):
        cells = []
        for row in self.rows:
            status = row["status"]
            fg, bg, _ = _COLOURS.get(status, ("#57606a", "transparent", None))
            label = f"{_LABELS[status][0]} {status}" if status else "not attempted"
            cells.append(
                f"<tr><td style='text-align:left'><code>{html.escape(row['id'])}</code></td>"
                f"<td>{row['kind']}</td>"
                f'<td style="color:{fg};background:{bg}">{label}</td>'
                f"<td>{row['checks']}</td><td>{row['hints']}</td>"
                f"<td>{'yes' if row['solution'] else ''}</td></tr>"
            )
        heads = ("Exercise", "Kind", "Latest outcome", "Checks", "Hints", "Solution viewed")
        head = "".join(f'<th style="text-align:left">{h}</th>' for h in heads)
        table = f'<table style="margin:0.4em 0"><tr>{head}</tr>{"".join(cells)}</table>'

        return _box("hint", "Exercise progress", f"<div>{self._summary()}</div>{table}")


def progress(chapter=None):
    """Show the exercises defined in this session and the latest outcome of each.

    Parameters
    ----------
    chapter : str, optional
        Only this chapter's exercises (e.g. ``"structure"``).

    Returns
    -------
    Progress
        Prints as a text table; renders as an HTML table in a notebook.
    """
    rows = []
    for qid, question in _QUESTIONS.items():
        if chapter is not None and question.chapter != chapter:
            continue
        entry = _LOG.get(qid, {"status": None, "checks": 0, "hints": 0, "solution": False})
        rows.append({"id": qid, "kind": question.kind, **entry})
    return Progress(rows)
