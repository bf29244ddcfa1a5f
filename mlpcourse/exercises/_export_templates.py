"""Message templates cut out of real ``check()`` messages, for the browser's checker.

A *probe* is an answer chosen to reach one branch of a question's checker: ``2 * answer``
reaches "a factor 2 slipped in", an array of the wrong shape reaches the shape message. The
question checks the probe; the parts of the message rendered from the probe are cut out
and replaced by ``{name}`` (literal braces are doubled, as in ``str.format``). The page
fills the template with the same renderings of the learner's answer (Python's ``%.6g`` and
``%.10g``, tuple and ``repr`` formats, mirrored in ``book/_assets/exercises-format.js``).
A message that shows nothing of the answer (``None`` refused, a complex number refused) is
a template with no field; the probes of its class must all get that same message.

A probe whose message is a planted mistake's (or the correct answer's) reaches no new
branch: its template is ``None``, and the page never needs it. A message that does not
contain what the probe should have rendered raises ``ExportError``: the checker changed in
a way this module does not know, and the page would give different feedback.

Value questions are in ``_export_value``; shapes questions are here.
"""
import numpy as np

from ._placeholder import ____

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
        return self._template(what, self.result(answer), pieces)

    def fixed(self, what, answers):
        """The message every answer of one class gets, as a template with no field.

        Raises ``ExportError`` if the answers get different results: the message depends on
        the answer, and the page would show one message for all of them.
        """
        results = [self.result(answer) for answer in answers]
        if any(result != results[0] for result in results[1:]):
            raise ExportError(f"{self.q.id}: the answers {answers!r} ({what}) should get the "
                              f"same message, but get {[r['message'] for r in results]}")
        return self._template(what, results[0], ())

    def _template(self, what, result, pieces):
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
    names = list(q._expected)
    correct = result_data(q.check(dict(q._expected)))
    p = Prober(q, {correct["message"]})
    arrays = [_export_array(p, name, want, q.n_samples) for name, want in q._expected.items()]
    partial = None
    if len(names) > 1:
        partial = p.probe("a partial answer", {names[0]: q._expected[names[0]]},
                          ("done", "1"), ("blank", ", ".join(names[1:])))
    return {"arrays": arrays, "n_samples": q.n_samples, "correct": correct,
            "all_blank": p.result({name: ____ for name in names}), "partial": partial}
