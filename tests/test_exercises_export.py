"""Tests of mlpcourse/exercises/_export.py and _export_templates.py: what the hosted book's
checker gets from the question objects (the browser side is tests/browser/test_static_exercises.py).

Templates are filled here with Python's own renderings (``str.format``) and compared with
``check()`` on answers that were *not* the probes they were cut from, so a template that
fits only its probe fails.
"""
import copy
import json
import math
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from mlpcourse.exercises import (
    ____, ChoiceQuestion, FunctionQuestion, Mistake, ShapesQuestion, ThinkQuestion, ValueQuestion,
    progress,
)
from mlpcourse.exercises import _compare, _session, _value
from mlpcourse.exercises._compare import _fmt
from mlpcourse.exercises._export import (
    ExportError, browser_kind, export_course, export_question, quiet_session,
)
from mlpcourse.exercises._export_templates import cut_template
from mlpcourse.exercises._export_value import REFUSED
from mlpcourse.exercises.testing import chapter_modules, questions_in

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import static_exercises  # noqa: E402


def fill(template, **values):
    return template["template"].format(**values)


# ------------------------------------------------------------------------ cut_template
def test_cut_template_replaces_the_pieces_in_order_and_escapes_braces():
    message = "Give {'X': (4, 3)}: (2, 3) is not (3, 2), and (2, 3) again."
    template = cut_template(message, [("got", "(2, 3)"), ("want", "(3, 2)")])
    assert template == "Give {{'X': (4, 3)}}: {got} is not {want}, and (2, 3) again."
    assert template.format(got="(2, 3)", want="(3, 2)") == message


def test_cut_template_reports_a_missing_piece():
    assert cut_template("has shape (4,)", [("got", "(5,)")]) is None
    assert cut_template("b then a", [("a", "a"), ("b", "b")]) is None  # pieces are ordered


# ------------------------------------------------------------------------ which kinds
class _Custom(ValueQuestion):
    def grade(self, value):
        return self.correct("anything goes")


class _Renamed(ValueQuestion):
    """A subclass that keeps ValueQuestion's grading."""


def _synthetic():
    return dict(chapter="testexport", hints=["h1", "h2"], solution="The answer.")


def test_browser_kind_follows_the_grading_code_not_the_name():
    assert browser_kind(ValueQuestion("v", 3, **_synthetic())) == "value"
    assert browser_kind(_Renamed("r", 3, **_synthetic())) == "value"
    assert browser_kind(_Custom("c", 3, **_synthetic())) == "code"
    fq = FunctionQuestion("f", lambda x: x, lambda rng: {"x": 1.0}, **_synthetic())
    assert browser_kind(fq) == "code"
    from mlpcourse.exercises import backprop, structure
    assert browser_kind(backprop.pick_learning_rate) == "code"  # kind "value", own grade()
    assert browser_kind(structure.xor_weights) == "code"


def test_a_value_question_with_a_list_of_arrays_is_exported_as_code():
    q = ValueQuestion("pair", [np.zeros(2), np.ones(3)], **_synthetic())
    data = export_question(q)
    assert data["kind"] == "code" and "answer" not in data


# ----------------------------------------------------------------------- value questions
def _count():
    return ValueQuestion("count", 42, rtol=0, atol=0, integer=True, unit="parameters",
                         mistakes=[Mistake(40, "You forgot the biases."),
                                   Mistake(lambda ref: ref + 1, "Off by one.")],
                         **_synthetic())


def test_value_export_holds_answer_mistakes_and_fixed_results():
    q = _count()
    data = export_question(q)
    assert data["kind"] == "value" and data["answer"] == {"shape": [], "data": [42.0]}
    assert data["correct"] == {"status": "correct", "message": q.check(42).message, "details": ""}
    assert [m["value"]["data"] for m in data["mistakes"]] == [[40.0], [43.0]]
    assert [m["message"] for m in data["mistakes"]] == ["You forgot the biases.", "Off by one."]
    assert data["placeholder"]["status"] == "unattempted"
    assert data["placeholder"]["message"] == q.check(____).message
    assert data["whole_rtol"] == _value.WHOLE_RTOL and data["near"] is None
    assert data["hints"] == ["h1", "h2"] and data["solution"]["text"] == "The answer."
    assert data["solution"]["title"] == q.solution().title


#: For each answer refused before any comparison, other answers of its class than the probe.
REFUSED_OTHERS = {
    "none": [None], "true": [True], "false": [False],
    "complex": [3j, [1.0, 2 + 1e-9j], np.array([[4 - 1j]])],
    "complex_zero": [7 + 0j, np.zeros(3, dtype=complex)],
    "nan": [np.nan, np.float64("nan")], "inf": [-np.inf, 1e400],
    "nan_array": [[1.0, np.nan], np.array([[np.nan, -np.inf]])],
    "inf_array": [(np.inf,), np.array([[1.0], [-np.inf]])],
}


@pytest.mark.parametrize("answer", [_count(), ValueQuestion("arr", np.eye(2), **_synthetic())],
                         ids=["count", "array"])
def test_refused_answers_get_the_message_of_their_class(answer):
    q = answer
    templates = export_question(q)["templates"]
    assert set(REFUSED_OTHERS) == set(REFUSED)
    for name, others in REFUSED_OTHERS.items():
        for other in others:
            result = q.check(other)
            assert (templates[name]["status"], templates[name]["template"]) == (
                result.status, result.message), (name, other)


def test_a_refusal_that_depends_on_the_answer_stops_the_export(monkeypatch):
    original = _compare.numeric_problem

    def showing_the_value(value, label="Your answer"):
        problem = original(value, label)
        return f"{problem} ({value!r})" if problem and np.iscomplexobj(value) else problem

    monkeypatch.setattr(_value, "numeric_problem", showing_the_value)
    with pytest.raises(ExportError, match=r"a complex number\) should get the same message"):
        export_question(_count())


@pytest.mark.parametrize("answer, template, values", [
    (12345, "scalar", {"got": "12345"}),
    (1234567.0, "scalar", {"got": "1234567"}),
    (42.5, "whole", {"value": "42.5"}),
    (266610.4, "whole", {"value": "266610.4"}),
    (42.0000001, "whole", {"value": "42.0000001"}),  # 2.4e-9 from 42, relatively: not snapped
    ([42, 42], "shape", {"got_shape": "(2,)"}),
    ([[42]], "reshaped", {"got_shape": "(1, 1)"}),
    (-84, "sign_factor", {"c": "-2"}),
    (0, "zeros", {}),
    ("forty", "text", {"text": "'forty'"}),
    ({"a": 1}, "type", {"type": "dict", "repr": "{'a': 1}"}),
    ([1, "a"], "type", {"type": "list", "repr": "[1, 'a']"}),
    ([True, False], "type", {"type": "list", "repr": "[True, False]"}),
    ([[1, 2], [3]], "type", {"type": "list", "repr": "[[1, 2], [3]]"}),
    (list(range(40)), "shape", {"got_shape": "(40,)"}),
    ([*range(30), "a"], "type", {"type": "list", "repr": repr([*range(30), "a"])[:60]}),
])
def test_value_templates_fill_to_the_message_check_gives(answer, template, values):
    q = _count()
    t = export_question(q)["templates"][template]
    result = q.check(answer)
    assert (t["status"], fill(t, **values)) == (result.status, result.message)


def test_a_count_a_few_units_in_the_last_place_from_whole_is_that_count():
    q = ValueQuestion("big", 266610, rtol=0, atol=0, integer=True, **_synthetic())
    data = export_question(q)
    for near_whole in (266610.0000001, 266609.9999999, 266610 * (1 + 9e-10)):
        assert q.check(near_whole).passed  # what the page does with whole_rtol
        assert abs(near_whole - 266610) <= data["whole_rtol"] * 266610
    assert fill(data["templates"]["whole"], value="266610.4") == q.check(266610.4).message


def test_the_scalar_message_shows_ten_digits():
    q = ValueQuestion("pi", 3.14159265358979, rtol=1e-12, atol=0, **_synthetic())
    t = export_question(q)["templates"]["scalar"]
    assert fill(t, got="3.141592601") == q.check(3.1415926012).message  # .6g: 3.14159


def test_near_exports_its_tolerance_and_the_message_check_gives():
    q = ValueQuestion("measured", 4.0, rtol=0.01,
                      mistakes=[Mistake(lambda ref: 1.1 * ref, "Ten percent too much.")],
                      near=(0.2, "Close, but that looks measured."), **_synthetic())
    data = export_question(q)
    assert data["near"] == {"rtol": 0.2, "status": "incorrect",
                            "message": "Close, but that looks measured.", "details": ""}
    assert q.check(4.4).message == "Ten percent too much."  # a mistake comes first
    assert q.check(3.3).message == data["near"]["message"]  # within 20%
    assert q.check(3.1).message == fill(data["templates"]["scalar"], got="3.1")  # outside
    assert data["templates"]["double"] is not None  # 8 is not near 4


def test_a_near_band_that_a_probe_falls_in_leaves_that_template_out():
    q = ValueQuestion("wide", 4.0, near=(0.6, "Far off, but not that far."), **_synthetic())
    templates = export_question(q)["templates"]
    assert templates["half"] is None and q.check(2.0).message == "Far off, but not that far."
    assert templates["double"] is not None


def test_array_templates_fill_to_the_message_check_gives():
    answer = np.array([[1.0, -2.0, 3.0], [4.0, 5.0, -6.0]])
    q = ValueQuestion("arr", answer, **_synthetic())
    t = export_question(q)["templates"]
    wrong = answer.copy()
    wrong[0, 1], wrong[1, 2] = 7.0, 9.5  # two wrong entries, the first at [0, 1]
    expected = q.check(wrong).message
    assert fill(t["entries"], shape="(2, 3)", n_bad="2", size="6", index="[0, 1]",
                got=_fmt(7.0), want=_fmt(-2.0)) == expected
    assert fill(t["factor"], c="3") == q.check(3 * answer).message
    assert t["transpose"]["template"] == q.check(answer.T).message
    assert t["inf_array"]["template"] == q.check(np.full((2, 3), np.inf)).message
    assert t["zeros"]["template"] == q.check(np.zeros((2, 3))).message
    assert "to_flat" not in t and "scalar" not in t and "whole" not in t


def test_a_branch_that_a_mistake_shadows_has_no_template():
    q = ValueQuestion("even", 10, rtol=0, atol=0, integer=True,
                      mistakes=[Mistake(lambda ref: 2 * ref, "Twice.")], **_synthetic())
    templates = export_question(q)["templates"]
    assert templates["double"] is None and templates["sign"] is not None


def test_a_message_that_no_longer_shows_the_probe_stops_the_export(monkeypatch):
    q = _count()
    monkeypatch.setattr(_value, "diagnose", lambda *a, **k: "Wrong, somehow.")
    shape_probe = r"testexport.count: the message for a wrong shape should show \[.\(2,\).\]"
    with pytest.raises(ExportError, match=shape_probe):
        export_question(q)


def test_export_course_falls_back_to_code_on_error(monkeypatch):
    module = type(sys)("fake_chapter")
    module.count = _count()
    monkeypatch.setattr(_value, "diagnose", lambda *a, **k: "Wrong, somehow.")
    seen = []
    data = export_course(modules=[module], on_error=lambda q, e: seen.append((q.id, str(e))))
    assert [q["kind"] for q in data["questions"]] == ["code"]
    assert seen and seen[0][0] == "testexport.count" and "should show" in seen[0][1]


# -------------------------------------------------------------------- other kinds
def test_choice_export_has_every_verdict():
    q = ChoiceQuestion("pick", ["red", "green", "blue"], {"a", "c"},
                       explanations={"b": "Green is not it."}, **_synthetic())
    data = export_question(q)
    assert data["multiple"] and len(data["verdicts"]) == 2 ** 3 - 1
    assert data["verdicts"]["a,c"]["status"] == "correct"
    assert data["verdicts"]["a,b"]["message"] == q.check(["b", "a"]).message == "Green is not it."
    single = ChoiceQuestion("one", {"x": "yes", "y": "no"}, "x", **_synthetic())
    assert set(export_question(single)["verdicts"]) == {"x", "y"}


def test_think_export_has_the_short_and_the_revealed_result():
    q = ThinkQuestion("why", "Because.", key_points=["one idea"], **_synthetic())
    data = export_question(q)
    assert data["short"]["status"] == "unattempted"
    assert data["revealed"]["status"] == "revealed"
    assert "one idea" in data["revealed"]["details"]
    assert data["revealed"]["message"] == q.check("Something I wrote.").message


def test_shapes_export_templates_and_special_shapes():
    q = ShapesQuestion("sh", {"X": (4, 3), "W1": (3, 5), "b1": (5,)}, n_samples=4, **_synthetic())
    data = export_question(q)
    arrays = {a["name"]: a for a in data["arrays"]}
    assert [s["got"] for s in arrays["W1"]["special"]] == [[5, 3]]
    assert [s["got"] for s in arrays["b1"]["special"]] == [[5, 1]]
    assert arrays["W1"]["special"][0]["message"] == q.check({"W1": (5, 3)}).message
    assert fill(arrays["X"]["templates"]["rows"], got="(8, 3)") == q.check({"X": (8, 3)}).message
    assert fill(arrays["b1"]["templates"]["bias"], got="(4, 5)") == q.check({"b1": (4, 5)}).message
    assert fill(arrays["W1"]["templates"]["default"], got="(3, 6)") == q.check({"W1": (3, 6)}).message
    for not_a_shape in (4.5, True, (True, 3), (4, False), None, 2j, (4, 3j)):
        assert fill(arrays["X"]["templates"]["not_shape"], got=repr(not_a_shape)) == q.check(
            {"X": not_a_shape}).message, not_a_shape
    assert fill(data["partial"], done="2", blank="b1") == q.check({"X": (4, 3), "W1": (3, 5)}).message
    assert data["all_blank"]["message"] == q.check({"X": ____, "W1": ____, "b1": ____}).message


# -------------------------------------------------------------------------- the course
def test_export_leaves_the_learners_progress_alone():
    from mlpcourse.exercises import structure
    _session.reset_progress()
    structure.param_count.check(5)
    own = _count()  # a hint and a solution viewed, without moving a chapter question's hints
    own.hint()
    own.solution()
    before = (str(progress()), copy.deepcopy(_session._LOG))
    assert before[1][own.id]["solution"] and before[1][own.id]["hints"] == 1
    export_course()
    assert (str(progress()), _session._LOG) == before
    with quiet_session():
        structure.param_count.check(266610)
    assert progress().status("structure.param_count") == "incorrect"
    _session.reset_progress()


def test_exporting_is_not_viewing_a_solution(monkeypatch):
    """The export reads no attribute that counts as viewing the solution (``q.answer``,
    ``q.expected``, ``q.model_answer``, ``q.solution()``, ...), not even inside
    ``quiet_session``, which would hide it from ``progress()``."""
    viewed = []
    monkeypatch.setattr(_session, "record_solution", lambda q: viewed.append(q.id))
    data = export_course()
    assert viewed == []
    from mlpcourse.exercises import structure
    structure.param_count.answer  # noqa: B018 - the spy sees a public read
    assert viewed == ["structure.param_count"]
    by_id = {q["id"]: q for q in data["questions"]}
    exported = by_id["structure.param_count"]["solution"]
    assert exported["text"] == structure.param_count.solution().text


def test_the_course_exports_every_question_as_json():
    data = export_course()
    ids = [q.id for m in chapter_modules() for q in questions_in(m)]
    assert [q["id"] for q in data["questions"]] == ids
    questions = {q.id: q for m in chapter_modules() for q in questions_in(m)}
    fallbacks = [q["id"] for q in data["questions"]
                 if q["kind"] != browser_kind(questions[q["id"]])]
    assert not fallbacks, f"exported as code though the page could check them: {fallbacks}"
    text = json.dumps(data)  # NaN and inf are written as the JavaScript NaN and Infinity
    assert json.loads(text) == json.loads(text)
    kinds = {q["kind"] for q in data["questions"]}
    assert kinds == {"value", "choice", "shapes", "think", "code"}
    assert set(data["looks"]) >= {"correct", "incorrect", "unattempted", "error", "revealed"}
    for q in data["questions"]:
        assert q["hints"] and q["solution"]["text"], q["id"]
        for t in (q.get("templates") or {}).values():
            assert t is None or set(re.findall(r"(?<!\{)\{(\w+)\}", t["template"])) <= {
                "text", "type", "repr", "value", "got_shape", "c", "got", "shape", "n_bad",
                "size", "index", "want"}, (q["id"], t)
        if q["kind"] == "value":
            assert all(math.isfinite(x) for x in q["answer"]["data"])


def _check_calls(notebook):
    nb = nbformat.read(notebook, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return set(static_exercises.CHECK.findall(source))


@pytest.mark.parametrize("module", chapter_modules(), ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_every_question_has_a_check_cell_in_its_chapter(module):
    """The extension finds exercises by their `ex.<name>.check(` cell: each question has one."""
    chapter = module.__name__.rsplit(".", 1)[-1]
    calls = _check_calls(ROOT / "book" / f"{chapter}.ipynb")
    missing = [q.name for q in questions_in(module) if q.name not in calls]
    assert not missing, f"book/{chapter}.ipynb has no `ex.<name>.check(` cell for {missing}"


def test_live_links_are_read_from_the_theme_buttons():
    context = {"header_buttons": [
        {"type": "group", "label": "launch-buttons", "buttons": [
            {"text": "Binder", "url": "https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/x.ipynb"},
            {"text": "Colab", "url": "https://colab.research.google.com/github/o/r/blob/main/x.ipynb"},
            {"text": "Live Code", "javascript": "initThebeSBT()"}]},
        {"type": "group", "label": "download-buttons", "buttons": [
            {"label": "download-notebook-button", "url": "../_sources/x.ipynb"},
            {"label": "download-source-button", "url": "../_sources/x.md"}]}]}
    assert static_exercises._live_links(context) == {
        "binder": "https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/x.ipynb",
        "colab": "https://colab.research.google.com/github/o/r/blob/main/x.ipynb",
        "download": "../_sources/x.ipynb"}
    notebook_page = {"header_buttons": [{"type": "group", "label": "download-buttons", "buttons": [
        {"label": "download-source-button", "url": "../_sources/book/x.ipynb"}]}]}
    assert static_exercises._live_links(notebook_page) == {"download": "../_sources/book/x.ipynb"}
    assert static_exercises._live_links({"header_buttons": [{"type": "group", "buttons": [
        {"label": "download-source-button", "url": "../_sources/book/x.md"}]}]}) == {}
