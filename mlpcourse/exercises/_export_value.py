"""What the page needs to check a ``ValueQuestion``, taken from the question.

The page's ``gradeValue`` (``book/_assets/exercises-grade.js``) goes through the checks of
``ValueQuestion.grade`` in the same order, with these fixed results and templates (see
``_export_templates`` for how a template is cut out of a real ``check()`` message):

1. text: ``text``;
2. what ``_compare.numeric_problem`` refuses: ``none``, ``true``, ``false``, ``complex``
   (``complex_zero`` when every imaginary part is 0), anything numpy does not read as real
   numbers (``type``), NaN and infinities (``nan``, ``inf``; ``nan_array``, ``inf_array``);
3. a count within ``whole_rtol`` (relative) of a whole number is that number;
4. the right answer (``correct``), then each planted mistake in turn (``mistakes``);
5. ``near``: within its ``rtol`` of the answer;
6. a count that is not whole: ``whole``;
7. ``_compare.diagnose``: the shape messages, ``zeros``, the ratio messages (``sign``,
   ``double``, ...), then ``scalar`` or ``entries``.

The question's public ``answer`` is never read (that would count as viewing the solution).
"""
import numpy as np

from ._compare import _fmt, _is_flat_numeric, as_numeric
from ._export_templates import TEXT_PROBE, ExportError, Prober, array_data, result_data
from ._value import WHOLE_RTOL, _exact

NAN, INF = float("nan"), float("inf")

#: Answers that ``numeric_problem`` refuses with one message per class: name -> (what, probes).
REFUSED = {
    "none": ("None", [None]),
    "true": ("True", [True]),
    "false": ("False", [False]),
    "complex": ("a complex number", [1 + 1j, [2.0, -3j], [[0.5 + 1e-300j]]]),
    "complex_zero": ("a complex number with imaginary part 0", [1 + 0j, [2.0, 3 + 0j]]),
    "nan": ("NaN", [NAN]),
    "inf": ("an infinity", [INF, -INF]),
    "nan_array": ("an array holding NaN", [[NAN], [[1.0, INF], [NAN, 2.0]]]),
    "inf_array": ("an array holding an infinity", [[INF], [[1.0, -INF]]]),
}
TYPE_PROBE = (TEXT_PROBE,)  # a tuple holding text: "not tuple ('zq',)"
RATIOS = {"sign": -1.0, "double": 2.0, "half": 0.5, "sign_factor": -2.0, "factor": 7.25}


def _scalar_or_array(arr):
    return float(arr) if arr.ndim == 0 else arr


def _mistakes(q):
    """Each planted mistake the page can compare: its value and the result it gets."""
    found = []
    for mistake in q.mistakes:
        try:
            wrong = q._wrong_value(mistake)
        except Exception:  # the checker skips a mistake it cannot compute: so does the page
            continue
        w = as_numeric(wrong)
        if w is None:
            continue  # text, complex, ...: refused before mistakes are compared
        got = result_data(q.check(wrong))
        if got["message"] != mistake.message:  # shadowed by the answer or an earlier mistake
            got = {"status": "incorrect", "message": mistake.message, "details": ""}
        found.append({"value": array_data(w), **got})
    return found


def _near(p, A):
    """``near``: its tolerance and the result of an answer inside it (``None`` if unset)."""
    if p.q.near is None:
        return None
    rtol, message = p.q.near
    for f in (0.5, -0.5, 0.9, -0.9, 0.1, -0.1):
        got = p.result(_scalar_or_array(A * (1 + f * rtol)))
        if got["message"] == message:
            return {"rtol": float(rtol), **got}
    # every probe is the answer or a mistake: the page reaches them first, as check() does
    return {"rtol": float(rtol), "status": "incorrect", "message": message, "details": ""}


def _refused(p):
    templates = {name: p.fixed(what, probes) for name, (what, probes) in REFUSED.items()}
    templates["type"] = p.probe("a tuple holding text", TYPE_PROBE, ("type", "tuple"),
                                ("repr", repr(TYPE_PROBE)))
    return templates


def _whole(p, A):
    """The "not a whole number" template of a count (candidates a mistake may shadow)."""
    if not (p.q.integer and A.ndim == 0):
        return {}
    a = float(A)
    candidates = [(v, [("value", _exact(v))]) for v in (a + 0.375, 1.5 * a + 0.375, -a - 0.375)]
    return {"whole": p.first("a count that is not whole", candidates)}


def _shape_probes(p, A):
    S, t = A.shape, {}
    t["shape"] = p.probe("a wrong shape", np.full(S + (2,), 7.0), ("got_shape", str(S + (2,))))
    reshaped = (1,) + S + (1,)
    t["reshaped"] = p.probe("the right numbers in another shape", A.reshape(reshaped),
                            ("got_shape", str(reshaped)))
    if len(S) == 2 and S[0] != S[1]:
        t["transpose"] = p.probe("a transposed array", A.T)
    if len(S) == 2 and S[1] == 1:
        t["to_column"] = p.probe("a flat array for a column", A.ravel())
    if len(S) == 1:
        t["to_flat"] = p.probe("a column for a flat array", A.reshape(-1, 1))
    return t


def _ratio_probes(p, A):
    t = {}
    for name, c in RATIOS.items():
        if (name == "factor" and not A.shape) or not np.any(np.abs(A) > 100 * p.q.atol):
            continue
        value = c * A
        if p.q.integer and not A.shape and value != np.round(value):
            continue  # "not a whole number" comes first
        pieces = [("c", _fmt(c))] if name in ("sign_factor", "factor") else []
        t[name] = p.probe(f"{c:g} times the answer", _scalar_or_array(value), *pieces)
    return t


def _scalar_probe(a, factor, integer):
    """A number ``factor`` times ``a`` (whole for a count), and its rendering."""
    value = a * factor + (factor if a == 0 else 0.0)
    value = float(np.round(value)) if integer else value
    return value, [("got", f"{value:.10g}")]


def _entries_probe(A, k):
    """``A`` with its last ``k`` entries moved off, and what the message shows about it."""
    B = A.copy()
    B.flat[-k:] = B.flat[-k:] + 1000.5
    index = np.unravel_index(A.size - k, A.shape)
    return B, [("shape", str(A.shape)), ("n_bad", str(k)), ("size", str(A.size)),
               ("index", str([int(i) for i in index])), ("got", _fmt(B[index])),
               ("want", _fmt(A[index]))]


def _diagnose_probes(p, A):
    """Templates of ``_compare.diagnose``'s messages, in its order."""
    t = _shape_probes(p, A)
    zeros = np.zeros(A.shape)
    t["zeros"] = p.fixed("all zeros", [_scalar_or_array(zeros), _scalar_or_array(-zeros)])
    t.update(_ratio_probes(p, A))
    if not A.shape:
        t["scalar"] = p.first("another number", [_scalar_probe(float(A), f, p.q.integer)
                                                 for f in (1.37, 1.53, 3.71)])
    elif A.size:
        t["entries"] = p.first("wrong entries", [_entries_probe(A, k) for k in (1, 2)])
    return t


def export_value(q):
    """What the page needs to check a ``ValueQuestion`` whose answer is numbers."""
    answer = q._answer
    A = as_numeric(answer)
    if A is None or (isinstance(answer, (list, tuple)) and not _is_flat_numeric(answer)):
        raise ExportError(f"{q.id}: the answer is not an array of numbers", not_exportable=True)
    if not np.all(np.isfinite(A)):
        raise ExportError(f"{q.id}: the answer is not finite", not_exportable=True)
    correct = result_data(q.check(answer))
    mistakes = _mistakes(q)
    p = Prober(q, {correct["message"]} | {m["message"] for m in mistakes})
    near = _near(p, A)
    if near:
        p.known.add(near["message"])
    templates = {"text": p.probe("a text answer", TEXT_PROBE, ("text", repr(TEXT_PROBE)))}
    templates.update(_refused(p))
    templates.update(_whole(p, A))
    templates.update(_diagnose_probes(p, A))
    return {"answer": array_data(A), "rtol": float(q.rtol), "atol": float(q.atol),
            "integer": bool(q.integer), "whole_rtol": WHOLE_RTOL, "correct": correct,
            "mistakes": mistakes, "near": near, "templates": templates}
