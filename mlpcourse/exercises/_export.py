"""What the hosted book needs to check an exercise in the browser, taken from the question.

The static book has no Python kernel. At build time, ``tools/static_exercises.py`` calls
``export_course()`` and writes the result into the book as data; a small script in the page
then checks answers with the same verdicts as ``check()``. Nothing is written twice:

- every fixed result (the correct message, each choice's verdict, the placeholder message,
  a think question's model answer, the refusal of ``None`` or of a complex number) is the
  ``Result`` that ``check()`` returns for it;
- every message that depends on the learner's answer is a *template* cut out of a real
  ``check()`` message: the question is checked with a probe answer, and the parts of the
  message rendered from the probe (its shape, a number, a repr) become ``{placeholders}``
  (see ``_export_templates``). A reworded message is picked up at the next build; a message
  whose probe no longer renders as expected stops the build with ``ExportError``.

The page mirrors only the *order* of the checks of ``ValueQuestion``, ``ShapesQuestion`` and
``ThinkQuestion`` (``book/_assets/exercises-grade.js``); ``tests/browser/test_static_exercises.py``
compares its verdicts with ``check()`` on answers generated from every question.

Exporting is not viewing: the answers are read from the private attributes (``q._answer``,
``q._expected``, ...) and the solution from ``q._solution_note()``, so nothing is recorded as
"solution viewed"; the probes are checked in ``quiet_session()``, which leaves ``progress()``
as it was.

Questions of other kinds (functions, pipelines, custom ``grade`` methods) are exported as
``"code"``: the page shows their hints and solution and a link to open the chapter live.
"""
import copy
from contextlib import contextmanager

from . import _session
from ._choice import ChoiceQuestion
from ._export_templates import ExportError, export_shapes, result_data
from ._export_value import export_value
from ._placeholder import ____
from ._question import Question
from ._result import _COLOURS, _LABELS, STATUSES
from ._shapes import ShapesQuestion
from ._think import ThinkQuestion
from ._value import ValueQuestion

FORMAT = 2  # bump when the structure of the exported data changes

__all__ = ["export_course", "export_question", "browser_kind", "ExportError", "FORMAT"]


@contextmanager
def quiet_session():
    """Run checks without leaving a trace in the learner's ``progress()`` record."""
    saved = copy.deepcopy(_session._LOG)
    try:
        yield
    finally:
        _session._LOG.clear()
        _session._LOG.update(saved)


# ------------------------------------------------------------------ choice and think
def _export_choice(q):
    keys = list(q.options)
    if q.multiple:  # every non-empty subset of the options, keys in option order
        picks = [[k for i, k in enumerate(keys) if mask >> i & 1]
                 for mask in range(1, 2 ** len(keys))]
    else:
        picks = [[k] for k in keys]
    verdicts = {",".join(pick): result_data(q.check(pick if q.multiple else pick[0]))
                for pick in picks}
    return {"options": [[key, text] for key, text in q.options.items()], "multiple": q.multiple,
            "verdicts": verdicts}


_SHORT_PROBE, _OTHER_PROBE = "", "My own answer, in a sentence of a few words."


def _export_think(q):
    revealed = result_data(q.check(q._model_answer))
    if result_data(q.check(_OTHER_PROBE)) != revealed:
        raise ExportError(f"{q.id}: the verdict of this think question depends on the text "
                          "written, which the page cannot reproduce")
    return {"short": result_data(q.check(_SHORT_PROBE)), "revealed": revealed}


#: Question class -> the function exporting what the page needs to check its answers.
#: A subclass that overrides ``grade`` is not covered (its rules are unknown): it is "code".
EXPORTERS = {
    ValueQuestion: ("value", export_value),
    ChoiceQuestion: ("choice", _export_choice),
    ShapesQuestion: ("shapes", export_shapes),
    ThinkQuestion: ("think", _export_think),
}


def _exporter(q):
    cls = type(q)
    if cls.check is not Question.check:
        return None
    for base in cls.__mro__:
        if base in EXPORTERS and cls.grade is base.grade:
            return EXPORTERS[base]
    return None


def browser_kind(q):
    """``"value"``, ``"choice"``, ``"shapes"`` or ``"think"`` if the page can check ``q``,
    else ``"code"`` (the answer needs Python)."""
    entry = _exporter(q)
    return entry[0] if entry else "code"


def _common(q, kind):
    note = q._solution_note()  # not q.solution(): exporting is not viewing
    return {"id": q.id, "chapter": q.chapter, "name": q.name, "kind": kind,
            "python_kind": q.kind, "prompt": q.prompt, "hints": list(q.hints),
            "solution": {"title": note.title, "text": note.text, "code": note.code}}


def export_question(q, as_code=False):
    """Everything the page needs for question ``q``, as JSON-ready data (floats may be NaN).

    Parameters
    ----------
    q : Question
    as_code : bool
        Export only what a code exercise shows (prompt, hints, solution).

    Returns
    -------
    dict
        ``id``, ``chapter``, ``name``, ``kind`` (see ``browser_kind``), ``prompt``,
        ``hints``, ``solution`` (title, text, code) and, for a kind the page checks,
        ``placeholder`` (the result of ``check(____)``) and the kind's own fields.
    """
    entry = None if as_code else _exporter(q)
    with quiet_session():
        if entry is None:
            return _common(q, "code")
        kind, export = entry
        try:
            own = export(q)
        except ExportError as exc:
            if not getattr(exc, "not_exportable", False):
                raise
            return _common(q, "code")
        data = _common(q, kind)
        data["placeholder"] = result_data(q.check(____))
        data.update(own)
        return data


def export_course(modules=None, on_error=None):
    """Every question of every chapter module, in chapter order, and how results look.

    Parameters
    ----------
    modules : sequence of modules, optional
        Default: every chapter module of ``mlpcourse.exercises``.
    on_error : callable, optional
        ``on_error(question, error)`` for an ``ExportError``; the question is then exported
        as a code exercise. Default: the error is raised.
    """
    from .testing import chapter_modules, questions_in
    modules = chapter_modules() if modules is None else modules
    questions = []
    for q in (q for module in modules for q in questions_in(module)):
        try:
            questions.append(export_question(q))
        except ExportError as error:
            if on_error is None:
                raise
            on_error(q, error)
            questions.append(export_question(q, as_code=True))
    looks = {status: {"icon": _LABELS[status][0], "label": _LABELS[status][1],
                      "colours": list(_COLOURS[status])}
             for status in (*STATUSES, "hint", "solution")}
    return {"format": FORMAT, "questions": questions, "looks": looks}
