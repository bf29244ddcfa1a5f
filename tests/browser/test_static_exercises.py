"""The exercises of the hosted book, checked in Chromium with no kernel and no network.

- ``test_same_verdicts_as_python``: for every question the page can check, the page's own
  checker (exercises-grade.js, run in the built page) gives the same status, message and
  details as ``check()`` in Python, on answers generated from the question objects: the
  reference answer, every planted mistake, and wrong answers of every kind the framework
  names (shapes, transposes, signs, factors, NaN, text, complex-like text, ...).
- ``test_the_page_reads_answers_as_python_does``: the text typed is read as the Python value
  the notebook's ``check(...)`` would get (the rules are ``python_value`` below).
- One exercise per chapter, by mouse and by keyboard only: a wrong answer and its message,
  the right one, a hint, the solution, a reload that keeps everything, the progress page.
"""
from __future__ import annotations

import ast
import re

import numpy as np
import pytest

from mlpcourse.exercises import ____
from mlpcourse.exercises._export import browser_kind, export_course, quiet_session
from mlpcourse.exercises.testing import chapter_modules, questions_in

from .conftest import open_offline

CHECKABLE = ("value", "choice", "shapes", "think")
QUESTIONS = {q.id: q for m in chapter_modules() for q in questions_in(m)}


# ------------------------------------------------- the text typed, read as Python reads it
class _NotAValue(Exception):
    pass


INT = re.compile(r"(?:[1-9](?:_?\d)*|0(?:_?0)*)")
FLOAT = re.compile(r"(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?")
STRING = re.compile(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")
SPECIAL = re.compile(r"([+-]?)(nan|inf|infinity)", re.I)
NAMES = {"nan": float("nan"), "inf": float("inf"), "____": ____}
OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
       ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b}


def _number(value, source):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int) and INT.fullmatch(source) and abs(value) < 2 ** 53:
        return value
    if isinstance(value, float) and FLOAT.fullmatch(source) and not INT.fullmatch(source):
        return value
    raise _NotAValue(source)


def _float_of(value):
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if SPECIAL.fullmatch(text) or FLOAT.fullmatch(text.lstrip("+-")):
            return float(text)
    raise _NotAValue(value)


def _arith(op, a, b):
    if a is ____ or b is ____:
        return ____
    if not all(isinstance(x, (int, float)) for x in (a, b)):
        raise _NotAValue(op)
    ints = not isinstance(a, float) and not isinstance(b, float)
    if op is ast.Pow and ints and b >= 0 and abs(float(a) ** b) > 2 ** 53:
        raise _NotAValue("integer too large")
    value = OPS[op](a, b)
    if isinstance(value, complex):
        raise _NotAValue("complex")
    if isinstance(value, int) and abs(value) >= 2 ** 53:
        raise _NotAValue("integer too large")
    return value


def _eval(node, text):
    source = ast.get_source_segment(text, node) or ""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            if not STRING.fullmatch(source):
                raise _NotAValue(source)
            return node.value
        if node.value is Ellipsis:
            return ...
        if isinstance(node.value, (complex, bytes)):
            raise _NotAValue(source)
        return _number(node.value, source)
    if isinstance(node, ast.Name) and node.id in NAMES:
        return NAMES[node.id]
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in ("np", "numpy", "math") and node.attr in ("nan", "inf")):
        return NAMES[node.attr]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float"
            and len(node.args) == 1 and not node.keywords):
        return _float_of(_eval(node.args[0], text))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _eval(node.operand, text)
        if value is ____:
            return ____
        if not isinstance(value, (int, float)):
            raise _NotAValue(source)
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return _arith(type(node.op), _eval(node.left, text), _eval(node.right, text))
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_eval(e, text) for e in node.elts]
        return items if isinstance(node, ast.List) else tuple(items)
    if isinstance(node, ast.Dict) and None not in node.keys:
        return {_eval(k, text): _eval(v, text) for k, v in zip(node.keys, node.values)}
    raise _NotAValue(source)


def python_value(text):
    """The value ``check(...)`` gets for the text typed in the page (see exercises-parse.js)."""
    text = text.strip()
    try:
        return _eval(ast.parse(text, mode="eval").body, text)
    except (SyntaxError, _NotAValue, ZeroDivisionError, OverflowError, TypeError, ValueError):
        return text


def from_tagged(v):
    """A value tagged by exercises-parse.js, as the Python value it stands for."""
    kind = v["t"]
    simple = {"int": int, "float": float, "bool": bool, "str": str}
    if kind in simple:
        return simple[kind](v["v"])
    if kind == "none":
        return None
    if kind == "placeholder":
        return ____ if v["name"] == "____" else ...
    items = [from_tagged(x) for x in v["items"]] if kind != "dict" else None
    if kind == "dict":
        return {from_tagged(k): from_tagged(x) for k, x in v["items"]}
    return items if kind == "list" else tuple(items)


# ------------------------------------------------------------- answers to try, by kind
def _lit(x):
    return repr(np.asarray(x).tolist())


def value_inputs(q):
    A = np.asarray(q.answer, dtype=float)
    wrong = []
    for m in q.mistakes:
        try:
            wrong.append(_lit(q._wrong_value(m)))
        except Exception:
            continue
    scaled = [_lit(c * A) for c in (-1, 2, 0.5, -2, -0.5, 7.25, 1.37, 1.0000001)]
    shapes = [_lit(A.reshape((1,) + A.shape)), _lit(A[..., None]), _lit(np.full(A.shape + (2,), 7)),
              _lit([A, A]), _lit(A.T), _lit(A.ravel())]
    odd = ["nan", "inf", "-inf", "float('nan')", "np.inf", "1e400", "'forty two'", "hello world",
           "1+2j", "3j", "None", "True", "[]", "{'a': 1}", "[1, 'a', 3]", "[[1, 2], [3]]", "____",
           "...", "", "[1, ____]", "(784 + 1) * ____", "1/0", "0x10", "2 ** 0.5", "7 // 2"]
    if A.ndim == 0:
        a = float(A)
        odd += [_lit(a + 0.5), _lit(np.round(a * 1.37)), f"{a:,.0f}", f"'{a:g}'", f"[{_lit(a)}]",
                f"{_lit(a)} + 0", f"({_lit(a)}) * 2 / 2", f"{a:.0f}.0"]
    else:
        for k in (1, 2):
            moved = A.copy()
            moved.flat[:k] += 3.5
            odd.append(_lit(moved))
        with_nan = A.copy()
        with_nan.flat[-1] = np.nan
        odd += [_lit(with_nan), _lit(A.astype(bool))]
    return list(dict.fromkeys([_lit(q.answer)] + wrong + scaled + shapes + odd))


def shapes_inputs(q):
    names, n = list(q.expected), q.n_samples or 1
    right = {k: str(tuple(v)) for k, v in q.expected.items()}
    cases = [right, {}, {names[0]: right[names[0]]}, dict(list(right.items())[:2])]
    for name, want in q.expected.items():
        first = want[0] if want else 1
        variants = [str(want[::-1]), str(want[:1]), str(want + (1,)), str((first + 7, first)),
                    str((n + 3, want[-1] if want else 1)), str(want + (9,)), "abc", "(4.0, 3)",
                    str(first), str(list(want)), "(4, ____)", "...", "True", "{'a': 1}"]
        for text in variants:
            cases += [{name: text}, {**right, name: text}]
    return cases


def choice_inputs(q):
    keys = list(q.options)
    if q.multiple:
        return [[k for i, k in enumerate(keys) if mask >> i & 1] for mask in range(2 ** len(keys))]
    return [[]] + [[k] for k in keys]


THINK_INPUTS = ["", "ab", "  ab  ", "abc", "\n\t x \n", "____", "The gradient is zero."]
INPUTS = {"value": value_inputs, "shapes": shapes_inputs, "choice": choice_inputs,
          "think": lambda q: THINK_INPUTS}


def python_verdict(q, kind, given):
    """What ``check()`` says for what was entered in the page."""
    read = lambda text: python_value(text) if text.strip() else ____  # noqa: E731
    if kind == "value":
        answer = read(given)
    elif kind == "shapes":
        answer = {name: read(given.get(name, "")) for name in q.expected}
    elif kind == "choice":
        answer = ____ if not given else (given if q.multiple else given[0])
    else:
        answer = given
    with quiet_session():
        result = q.check(answer)
    return {"status": result.status, "message": result.message, "details": result.details}


# ---------------------------------------------------------------------------- helpers
def _page(browser, base_url, path):
    page, log = open_offline(browser, base_url + path, base_url)
    page.wait_for_function("() => window.mlpcourseExercises && window.mlpcourseExercises.grade")
    return page, log


def _cases():
    cases = []
    for qid, q in QUESTIONS.items():
        kind = browser_kind(q)
        if kind in CHECKABLE:
            cases += [(qid, kind, given) for given in INPUTS[kind](q)]
    return cases


# ------------------------------------------------------------------------------ tests
def test_same_verdicts_as_python(browser, base_url):
    cases = _cases()
    assert {kind for _, kind, _ in cases} == set(CHECKABLE), "a kind of question is not exercised"
    page, log = _page(browser, base_url, "book/progress.html")  # the lightest page with the checker
    try:
        got = page.evaluate("""(cases) => {
            const X = window.mlpcourseExercises;
            const byId = Object.fromEntries(X.data.questions.map((q) => [q.id, q]));
            return cases.map(([id, kind, given]) => {
              try { return X.grade.check(byId[id], given); }
              catch (e) { return {status: "page error", message: String(e), details: ""}; }
            });
        }""", [list(c) for c in cases])
    finally:
        page.context.close()
    differ = [(qid, given, page_says, python_says)
              for (qid, kind, given), page_says in zip(cases, got)
              if page_says != (python_says := python_verdict(QUESTIONS[qid], kind, given))]
    report = "\n".join(f"{qid} {given!r}:\n   page:   {p}\n   python: {py}"
                       for qid, given, p, py in differ[:15])
    assert not differ, f"{len(differ)} of {len(cases)} verdicts differ:\n{report}"
    assert not log.unexpected_errors()
    assert len(cases) > 300


def test_the_page_reads_answers_as_python_does(browser, base_url):
    texts = sorted({given for qid, kind, given in _cases() if kind == "value"} | {
        "1_000", "0.5e-3", ".5", "5.", "007", "00", "-(2 ** 3)", "-2 ** 2", "2 ** -1", "10 / 4",
        "True + 1", "(1,)", "()", "1, 2", "[1, (2, 3)]", "{1: 2, 1: 3}", "{(1, 2): 'a'}",
        "{[1]: 2}", "'it\\'s'", '"say \\"hi\\""', "'a' 'b'", "r'raw'", "float('-inf')",
        "float(' 2.5 ')", "float(3)", "numpy.nan", "math.inf", "np.pi", "2 ** 60", "2 ** 53",
        "9007199254740993", "-0.0", "1e-7", "123456789012345678.0", "[1e16, 1e-5, 0.1]"})
    page, _ = _page(browser, base_url, "book/progress.html")
    try:
        parsed = page.evaluate("(texts) => texts.map((t) => window.mlpcourseExercises.parse.parse(t))",
                               texts)
        shown = page.evaluate("(texts) => texts.map((t) => window.mlpcourseExercises.format.repr("
                              "window.mlpcourseExercises.parse.parse(t)))", texts)
    finally:
        page.context.close()
    differ = [(t, from_tagged(p), python_value(t)) for t, p in zip(texts, parsed)
              if repr(from_tagged(p)) != repr(python_value(t))]
    assert not differ, "\n".join(f"{t!r}: page {p!r}, python {py!r}" for t, p, py in differ)
    wrong_repr = [(t, s) for t, s in zip(texts, shown) if s != repr(python_value(t))]
    assert not wrong_repr, wrong_repr


# ---------------------------------------------------- one exercise per chapter, in the page
def _plain(text):
    """What a reader sees of a message: `code` spans lose their backticks."""
    return " ".join(text.replace("`", "").split())


def demo_exercise(module):
    """The chapter's first exercise the page checks, with a wrong answer that has a message
    of its own and the right answer, as entered in the page."""
    for q in questions_in(module):
        kind = browser_kind(q)
        if kind == "value" and q.mistakes:
            return q, kind, _lit(q._wrong_value(q.mistakes[0])), _lit(q.answer)
        if kind == "choice" and not q.multiple and q.explanations:
            wrong = next(k for k in q.options if k != q.answer and k in q.explanations)
            return q, kind, [wrong], [q.answer]
        if kind == "shapes":
            name, want = next((n, w) for n, w in q.expected.items() if len(w) == 2 and w[0] != w[1])
            right = {n: str(w) for n, w in q.expected.items()}
            return q, kind, {**right, name: str(want[::-1])}, right
    raise AssertionError(f"{module.__name__} has no exercise the page can check")


def _enter(panel, q, kind, given):
    if kind == "value":
        panel.get_by_label("Your answer", exact=True).fill(given)
    elif kind == "shapes":
        for name, text in given.items():
            panel.get_by_label(name, exact=True).fill(text)
    else:
        for key in q.options:
            box = panel.locator(f'input[value="{key}"]')
            box.check() if key in given else (q.multiple and box.uncheck())
    panel.get_by_role("button", name="Check").click()


def _expect_verdict(panel, expected):
    status = panel.get_by_role("status")
    label = {"correct": "Correct", "incorrect": "Not quite"}[expected["status"]]
    status.get_by_text(label).wait_for(timeout=5_000)
    shown = _plain(status.inner_text())
    assert _plain(expected["message"]) in shown, (shown, expected)


def _count_checkable():
    return sum(browser_kind(q) in CHECKABLE for q in QUESTIONS.values())


CHAPTERS = chapter_modules()


@pytest.mark.parametrize("module", CHAPTERS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_an_exercise_of_each_chapter_in_the_page(module, browser, base_url, book_dir):
    q, kind, wrong, right = demo_exercise(module)
    page, log = _page(browser, base_url, f"book/{q.chapter}.html")
    panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
    try:
        group = panel.get_by_role("group", name="Check your answer here")
        assert group.is_visible()
        cell_output = panel.locator("xpath=preceding-sibling::div[1]").locator(".cell_output")
        assert cell_output.count() == 0 or not cell_output.is_visible(), "the dead output is shown"

        _enter(panel, q, kind, wrong)
        _expect_verdict(panel, python_verdict(q, kind, wrong))
        _enter(panel, q, kind, right)
        _expect_verdict(panel, python_verdict(q, kind, right))

        n = len(q.hints)
        panel.get_by_role("button", name=f"Show hint 1 of {n}").click()
        assert _plain(q.hints[0]) in _plain(panel.locator(".mlpx-hints").inner_text())
        assert panel.get_by_role("button", name=f"Show hint 2 of {n}").is_visible()
        panel.get_by_role("button", name="Show the solution").click()
        solution = panel.locator(".mlpx-solution")
        assert solution.is_visible() and _plain(q.solution_text)[:60] in _plain(solution.inner_text())

        page.reload()
        page.wait_for_function("() => document.querySelector('.mlpx-panel')")
        _expect_verdict(panel, python_verdict(q, kind, right))  # the last answer, checked again
        assert panel.locator(".mlpx-hints li").count() == 1
        assert panel.get_by_role("button", name="Show the solution (viewed)").is_visible()

        page.goto(base_url + "book/progress.html")
        page.wait_for_selector(".mlpx-progress-table")
        summary = page.get_by_role("status").inner_text()
        assert f"Done: 1 of the {_count_checkable()} exercises" in summary and "(1 checked" in summary
        row = page.locator("tr", has=page.locator(f'a[href$="#{panel_label(page, q)}"]'))
        cells = row.locator("td").all_inner_texts()
        assert "Correct" in cells[1] and cells[2] == f"1 of {n}" and cells[3] == "yes", cells
    finally:
        page.context.close()
    assert not log.unexpected_errors() and not log.blocked


def panel_label(page, q):
    import json
    from .conftest import BOOK_HTML
    data = (BOOK_HTML / "_static/exercises/exercises-data.js").read_text(encoding="utf-8")
    questions = json.loads(data.split("window.mlpcourseExercises.data = ", 1)[1].rstrip().rstrip(";"))
    return next(x["label"] for x in questions["questions"] if x["id"] == q.id)


def _focused(page):
    return page.evaluate("""() => {
        const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), text: (e.textContent || "").trim(),
                label: e.labels && e.labels[0] ? e.labels[0].textContent.trim() : "",
                expanded: e.getAttribute("aria-expanded")};
    }""")


def test_keyboard_only(browser, base_url):
    """One exercise and the progress page with the keyboard alone (after landing on the
    answer field), in the order a keyboard user meets the controls."""
    q, kind, wrong, right = demo_exercise(CHAPTERS[[m.__name__ for m in CHAPTERS].index(
        "mlpcourse.exercises.structure")])
    assert kind == "value"
    page, log = _page(browser, base_url, f"book/{q.chapter}.html")
    panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
    n = len(q.hints)
    try:
        panel.get_by_label("Your answer", exact=True).focus()
        assert _focused(page)["label"] == "Your answer"
        page.keyboard.type(wrong)
        page.keyboard.press("Enter")
        _expect_verdict(panel, python_verdict(q, kind, wrong))
        page.keyboard.press("Control+A")
        page.keyboard.type(right)
        page.keyboard.press("Enter")
        _expect_verdict(panel, python_verdict(q, kind, right))
        order = []
        for _ in range(3):
            page.keyboard.press("Tab")
            order.append(_focused(page)["text"])
        assert order == ["Check", f"Show hint 1 of {n}", "Show the solution"], order
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert _focused(page)["text"] == f"Show hint 2 of {n}"  # focus stays for the next hint
        assert _plain(q.hints[0]) in _plain(panel.locator(".mlpx-hints").inner_text())
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        assert _focused(page) == {"tag": "button", "text": "Hide the solution", "label": "",
                                  "expanded": "true"}
        assert panel.locator(".mlpx-solution").is_visible()

        page.goto(base_url + "book/progress.html")
        page.wait_for_selector(".mlpx-progress-table a")
        page.locator(".mlpx-progress-table a").last.focus()
        for _ in range(5):
            page.keyboard.press("Tab")
            if _focused(page)["text"] == "Reset my progress":
                break
        assert _focused(page)["text"] == "Reset my progress"
        page.keyboard.press("Enter")
        assert _focused(page)["text"] == "Cancel"
        page.keyboard.press("Shift+Tab")
        assert _focused(page)["text"] == "Yes, erase my progress"
        page.keyboard.press("Enter")
        summary = page.get_by_role("status").inner_text()
        assert "Your progress was erased." in summary and "Done: 0 of" in summary, summary
        page.goto(base_url + f"book/{q.chapter}.html")
        field = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]').get_by_label(
            "Your answer", exact=True)
        field.wait_for()
        assert field.input_value() == ""
    finally:
        page.context.close()
    assert not log.unexpected_errors() and not log.blocked


def test_a_code_exercise_shows_hints_and_opens_live(browser, base_url, book_dir):
    q = next(q for q in QUESTIONS.values() if q.chapter == "structure" and browser_kind(q) == "code")
    page, log = _page(browser, base_url, "book/structure.html")
    panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
    try:
        assert panel.get_by_role("group", name="Solve this one in Python").is_visible()
        assert panel.locator("xpath=preceding-sibling::div[1]").locator(".cell_input").is_visible()
        links = {a.inner_text(): a.get_attribute("href") for a in panel.locator(".mlpx-live a").all()}
        assert links["Binder"].startswith("https://mybinder.org/v2/gh/")
        assert links["Binder"].endswith("book/structure.ipynb")
        assert links["Colab"].startswith("https://colab.research.google.com/github/")
        assert (book_dir / "book" / links["download the notebook"]).resolve().is_file()
        panel.get_by_role("button", name=f"Show hint 1 of {len(q.hints)}").click()
        assert _plain(q.hints[0]) in _plain(panel.locator(".mlpx-hints").inner_text())
        assert panel.get_by_role("button", name="Check").count() == 0
    finally:
        page.context.close()
    assert not log.unexpected_errors() and not log.blocked


def test_works_from_file_urls(browser, book_dir):
    """Opened from the disk, no server: checked, then kept across a reload."""
    q = QUESTIONS["structure.param_count"]
    context = browser.new_context()
    blocked = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                  else (blocked.append(r.request.url), r.abort()))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((book_dir / "book" / "structure.html").as_uri(), wait_until="load")
        panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
        panel.get_by_label("Your answer", exact=True).fill(_lit(q.answer))
        panel.get_by_role("button", name="Check").click()
        _expect_verdict(panel, python_verdict(q, "value", _lit(q.answer)))
        page.reload(wait_until="load")
        _expect_verdict(panel, python_verdict(q, "value", _lit(q.answer)))
        assert panel.get_by_label("Your answer", exact=True).input_value() == _lit(q.answer)
    finally:
        context.close()
    assert not errors and not blocked, (errors, blocked)


CONTRAST = """(root) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (e) => { for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) { return c.slice(0, 3); } }
    return [255, 255, 255]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const items = Array.from(root.querySelectorAll(
      "button, label, legend, .mlpx-title, .mlpx-field-help, .mlpx-result-box, .mlpx-hints li, .mlpx-solution, input"))
    .filter((e) => e.getClientRects().length);
  const out = items.map((e) => ({what: e.tagName + "." + e.className + " " + (e.textContent || "").trim().slice(0, 30),
      ratio: ratio(rgb(getComputedStyle(e).color).slice(0, 3), background(e))}));
  root.querySelectorAll("input[placeholder]").forEach((e) => out.push({what: "placeholder",
      ratio: ratio(rgb(getComputedStyle(e, "::placeholder").color).slice(0, 3), background(e))}));
  return out;
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_panel_text_contrast_meets_wcag_aa(theme, browser, base_url):
    page, log = _page(browser, base_url, "book/structure.html")
    try:
        page.evaluate(f"() => document.documentElement.dataset.theme = '{theme}'")
        panel = page.locator('.mlpx-exercise[data-mlpx-question="structure.param_count"]')
        panel.get_by_label("Your answer", exact=True).fill("5")
        panel.get_by_role("button", name="Check").click()
        panel.get_by_role("status").get_by_text("Not quite").wait_for()
        panel.get_by_role("button", name="Show hint 1 of 3").click()
        panel.get_by_role("button", name="Show the solution").click()
        found = panel.evaluate(CONTRAST)
    finally:
        page.context.close()
    assert len(found) >= 8
    low = [f for f in found if f["ratio"] < 4.5]
    assert not low, low
