"""Message templates cut out of real ``check()`` messages, for the browser's checker.

A *probe* is an answer chosen to reach one branch of a question's checker: ``2 * answer``
reaches "a factor 2 slipped in", an array of the wrong shape reaches the shape message. The
question checks the probe; the parts of the message rendered from the probe are cut out
and replaced by ``{name}`` (literal braces are doubled, as in ``str.format``). The page
fills the template with the same renderings of the learner's answer (Python's ``%.6g``,
tuple and ``repr`` formats, mirrored in ``book/_assets/exercises-format.js``).

A probe whose message is a planted mistake's (or the correct answer's) reaches no new
branch: its template is ``None``, and the page never needs it. A message that does not
contain what the probe should have rendered raises ``ExportError``: the checker changed in
a way this module does not know, and the page would give different feedback.
"""
import numpy as np

from ._compare import _fmt, _is_flat_numeric, as_numeric
from ._placeholder import ____
from ._value import _show

TEXT_PROBE = "zq"  # a string answer; its repr is cut out of the message


class ExportError(Exception):
    """The page cannot reproduce this question's feedback (see the message)."""

    def __init__(self, message, not_exportable=False):
        super().__init__(message)
        self.not_exportable = not_exportable  # True: export the question as "code" instead


def result_data(result):
    return {"status": result.status, "message": result.message, "details": result.details}


def array_data(arr):
    arr = np.asarray(arr, dtype=float)
    return {"shape": list(arr.shape), "data": [float(x) for x in arr.ravel()]}


def _escape(text):
    return text.replace("{", "{{").replace("}", "}}")


def cut_template(message, pieces):
    """``message`` with each ``(name, rendered)`` piece, searched in order, made ``{name}``.

    Returns ``None`` if a piece is not found after the previous one.
    """
    out, pos = [], 0
    for name, text in pieces:
        at = message.find(text, pos)
        if at < 0:
            return None
        out += [_escape(message[pos:at]), "{" + name + "}"]
        pos = at + len(text)
    out.append(_escape(message[pos:]))
    return "".join(out)


class Prober:
    """Checks probe answers for one question and cuts templates out of the messages."""

    def __init__(self, question, known=()):
        self.q = question
        self.known = set(known)  # messages of planted mistakes and of the right answer

    def result(self, answer):
        return result_data(self.q.check(answer))

    def probe(self, what, answer, *pieces):
        """The template of the message ``answer`` gets, or ``None`` if it is a known one."""
        result = self.result(answer)
        if result["message"] in self.known:
            return None
        template = cut_template(result["message"], pieces)
        if template is None:
            raise ExportError(f"{self.q.id}: the message for {what} should show "
                              f"{[text for _, text in pieces]}, but is: {result['message']!r}")
        return {"status": result["status"], "template": template, "details": result["details"]}

    def first(self, what, candidates):
        """``probe`` the candidates (``(answer, pieces)``) in turn; the first template found.

        A candidate that reaches a known message is skipped; ``None`` if all do.
        """
        errors = []
        for answer, pieces in candidates:
            try:
                found = self.probe(what, answer, *pieces)
            except ExportError as exc:
                errors.append(str(exc))
                continue
            if found is not None:
                return found
        if errors:
            raise ExportError("; ".join(errors))
        return None


# ------------------------------------------------------------------------------ values
def _value_probes(p, A, integer):
    """Templates of the shape, finiteness, ratio and mismatch messages for answer ``A``."""
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
    if S:
        with_nan = A.copy()
        with_nan.flat[0] = np.nan
        t["nonfinite"] = p.probe("a NaN entry", with_nan)
    ratios = {"sign": -1.0, "double": 2.0, "half": 0.5, "sign_factor": -2.0, "factor": 7.25}
    for name, c in ratios.items():
        if (name == "factor" and not S) or not np.any(np.abs(A) > 100 * p.q.atol):
            continue
        value = c * A
        if integer and not S and value != np.round(value):
            continue  # "not a whole number" comes first
        pieces = [("c", _fmt(c))] if name in ("sign_factor", "factor") else []
        t[name] = p.probe(f"{c:g} times the answer", value, *pieces)
    if not S:
        t["scalar"] = p.first("another number", [_scalar_probe(float(A), f, integer)
                                                 for f in (1.37, 1.53, 3.71)])
    elif A.size:
        t["entries"] = p.first("wrong entries", [_entries_probe(A, k) for k in (1, 2)])
    return t


def _scalar_probe(a, factor, integer):
    """A number ``factor`` times ``a`` (whole for a count), and its rendering."""
    value = a * factor + (factor if a == 0 else 0.0)
    value = float(np.round(value)) if integer else value
    return value, [("got", _fmt(value))]


def _entries_probe(A, k):
    """``A`` with its last ``k`` entries moved off, and what the message shows about it."""
    B = A.copy()
    B.flat[-k:] = B.flat[-k:] + 1000.5
    index = np.unravel_index(A.size - k, A.shape)
    return B, [("shape", str(A.shape)), ("n_bad", str(k)), ("size", str(A.size)),
               ("index", str([int(i) for i in index])), ("got", _fmt(B[index])),
               ("want", _fmt(A[index]))]


def export_value(q):
    """What the page needs to check a ``ValueQuestion`` with numeric answer."""
    A = as_numeric(q.answer)
    if A is None or (isinstance(q.answer, (list, tuple)) and not _is_flat_numeric(q.answer)):
        raise ExportError(f"{q.id}: the answer is not an array of numbers", not_exportable=True)
    correct = result_data(q.check(q.answer))
    mistakes = []
    for mistake in q.mistakes:
        try:
            wrong = q._wrong_value(mistake)
        except Exception:  # the checker skips a mistake it cannot compute: so does the page
            continue
        w = as_numeric(wrong)
        if w is None or isinstance(wrong, str):
            continue  # a non-numeric answer is refused before mistakes are compared
        got = result_data(q.check(wrong))
        if got["message"] != mistake.message:
            got = {"status": "incorrect", "message": mistake.message, "details": ""}
        mistakes.append({"value": array_data(w), **got})
    p = Prober(q, {correct["message"]} | {m["message"] for m in mistakes})
    templates = {"text": p.probe("a text answer", TEXT_PROBE, ("text", repr(TEXT_PROBE))),
                 "type": p.probe("None", None, ("type", "NoneType"))}
    if q.integer:
        value = (float(A) if A.ndim == 0 else 0.0) + 0.5
        templates["whole"] = p.probe("a number that is not whole", value, ("value", _show(value)))
    templates.update(_value_probes(p, A, q.integer))
    return {"answer": array_data(A), "rtol": float(q.rtol), "atol": float(q.atol),
            "integer": bool(q.integer), "correct": correct, "mistakes": mistakes,
            "specials": {key: p.result(float(key)) for key in ("nan", "inf", "-inf")},
            "templates": templates}


# ------------------------------------------------------------------------------ shapes
def _special_shapes(want):
    """The wrong shapes that get a message of their own (a column, a flat vector, reversed)."""
    found = []
    if len(want) == 2 and want[1] == 1:
        found.append(want[:1])
    if len(want) == 1:
        found.append(want + (1,))
    if len(want) >= 2 and want[::-1] != want:
        found.append(want[::-1])
    return found


def _free_shape(candidates, taken):
    return next(shape for shape in candidates if shape not in taken)


def _export_array(p, name, want, n_samples):
    special = _special_shapes(want)
    taken = set(special) | {want}
    first = want[0] if want else 1
    bias = _free_shape([(first + 7, first), (first + 11, first)], taken)
    rows = _free_shape([((n_samples or 1) + 3, want[-1] if want else 1),
                        ((n_samples or 1) + 5, 1)], taken)
    default = want + (9,)
    return {
        "name": name, "want": list(want),
        "special": [{"got": list(got), **p.result({name: got})} for got in special],
        "templates": {
            "not_shape": p.probe(f"{name} given as text", {name: TEXT_PROBE},
                                 ("got", repr(TEXT_PROBE))),
            "bias": p.probe(f"{name} of shape {bias}", {name: bias}, ("got", str(bias))),
            "rows": p.probe(f"{name} of shape {rows}", {name: rows}, ("got", str(rows))),
            "default": p.probe(f"{name} of shape {default}", {name: default},
                               ("got", str(default))),
        },
    }


def export_shapes(q):
    """What the page needs to check a ``ShapesQuestion``: per array, its shape and messages."""
    names = list(q.expected)
    correct = result_data(q.check(dict(q.expected)))
    p = Prober(q, {correct["message"]})
    arrays = [_export_array(p, name, want, q.n_samples) for name, want in q.expected.items()]
    partial = None
    if len(names) > 1:
        partial = p.probe("a partial answer", {names[0]: q.expected[names[0]]},
                          ("done", "1"), ("blank", ", ".join(names[1:])))
    return {"arrays": arrays, "n_samples": q.n_samples, "correct": correct,
            "all_blank": p.result({name: ____ for name in names}), "partial": partial}
