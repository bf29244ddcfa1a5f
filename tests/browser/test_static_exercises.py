"""The exercises of the hosted book, checked in Chromium with no kernel and no network.

- ``test_same_verdicts_as_python``: for every question the page can check, the page's own
  checker (exercises-grade.js, run in the built page) gives the same status, message and
  details as ``check()`` in Python, on answers generated from the question objects: the
  reference answer, every planted mistake, and wrong answers of every kind the framework
  names (shapes, transposes, signs, factors, all zeros, answers near the right one, counts a
  hair from whole, NaN, text, None, booleans and complex numbers typed in the field, ...).
- ``test_the_page_reads_answers_as_python_does``: the text typed is read as the Python value
  the notebook's ``check(...)`` would get (the rules: ``exercise_answers.python_value``).
- One exercise per chapter, by mouse and by keyboard only: a wrong answer and its message,
  the right one, a hint, the solution, a reload that keeps everything, the progress page.
"""
from __future__ import annotations

import numpy as np
import pytest

from mlpcourse.exercises._export import browser_kind
from mlpcourse.exercises.testing import chapter_modules, questions_in

from .conftest import open_offline
from .exercise_answers import (
    INPUTS, from_tagged, literal, polar_power, python_value, python_verdict,
)

CHECKABLE = ("value", "choice", "shapes", "think")
QUESTIONS = {q.id: q for m in chapter_modules() for q in questions_in(m)}


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
        "9007199254740993", "-0.0", "1e-7", "123456789012345678.0", "[1e16, 1e-5, 0.1]",
        "1+2j", "0-2j", "2j ** 0.5", "(1+2j) / (3-4j)", "1j * 1j", "007j", "1_0j", "1e5J",
        ".5j", "5.j", "1jx", "0j ** -1", "(-4) ** 0.5", "(0.5+0.5j) ** 101", "(1+1j) ** 100",
        "(-8) ** (1/3)", "(-inf) ** 0.5", "1 ** nan", "(-1) ** inf", "True + 1j", "-(0j)",
        "+(-0.0+0j)", "(1e200+1e200j) ** 2", "(1+1j) ** -3", "2 ** (1+1j)", "inf * 1j",
        "{'k': 1-1j}", "[1e16j, 1e-5j, 0.1+1e22j]"})
    page, _ = _page(browser, base_url, "book/progress.html")
    try:
        parsed = page.evaluate("(texts) => texts.map((t) => window.mlpcourseExercises.parse.parse(t))",
                               texts)
        shown = page.evaluate("(texts) => texts.map((t) => window.mlpcourseExercises.format.repr("
                              "window.mlpcourseExercises.parse.parse(t)))", texts)
    finally:
        page.context.close()
    polar = {t for t in texts if polar_power(t)}
    assert polar >= {"(-4) ** 0.5", "(0.5+0.5j) ** 101", "2 ** (1+1j)"}, polar
    differ = [(t, from_tagged(p), python_value(t)) for t, p in zip(texts, parsed)
              if not _same_value(from_tagged(p), python_value(t), t in polar)]
    assert not differ, "\n".join(f"{t!r}: page {p!r}, python {py!r}" for t, p, py in differ)
    wrong_repr = [(t, s) for t, s, p in zip(texts, shown, parsed) if s != repr(from_tagged(p))]
    assert not wrong_repr, wrong_repr


def _same_value(page, python, polar):
    """Equal reprs; for a complex power in polar form, equal to a relative 1e-15 (a few units
    in the last place: the page's Math.pow, exp, log, sin and cos are not the C library's)."""
    if repr(page) == repr(python):
        return True
    return polar and isinstance(page, complex) and isinstance(python, complex) and all(
        np.isclose(a, b, rtol=1e-15, atol=0) for a, b in ((page.real, python.real),
                                                          (page.imag, python.imag)))


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
            return q, kind, literal(q._wrong_value(q.mistakes[0])), literal(q._answer)
        if kind == "choice" and not q.multiple and q._explanations:
            wrong = next(k for k in q.options if k != q._answer and k in q._explanations)
            return q, kind, [wrong], [q._answer]
        if kind == "shapes":
            name, want = next((n, w) for n, w in q._expected.items() if len(w) == 2 and w[0] != w[1])
            right = {n: str(w) for n, w in q._expected.items()}
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
        assert solution.is_visible() and _plain(q._solution_text)[:60] in _plain(solution.inner_text())

        page.reload()
        page.wait_for_function("() => document.querySelector('.mlpx-panel')")
        _expect_verdict(panel, python_verdict(q, kind, right))  # the last answer, checked again
        assert panel.locator(".mlpx-hints li").count() == 1
        assert panel.get_by_role("button", name="Show the solution (viewed)").is_visible()

        label = panel.get_attribute("data-mlpx-label")
        page.goto(base_url + "book/progress.html")
        page.wait_for_selector(".mlpx-progress-table")
        summary = page.get_by_role("status").inner_text()
        assert f"Done: 1 of the {_count_checkable()} exercises" in summary and "(1 checked" in summary
        row = page.locator("tr", has=page.locator(f'a[href$="book/{q.chapter}.html#{label}"]'))
        cells = row.locator("td").all_inner_texts()
        assert "Correct" in cells[1] and cells[2] == f"1 of {n}" and cells[3] == "yes", cells
    finally:
        page.context.close()
    assert not log.unexpected_errors() and not log.blocked


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
        assert page.evaluate("() => window.mlpcourseExercises.store.ids()") == []
        assert page.evaluate("() => Object.keys(localStorage)"
                             ".filter((k) => k.startsWith('mlpcourse.exercise.'))") == []
    finally:
        page.context.close()
    assert not log.unexpected_errors() and not log.blocked


def _first(kind, chapter="structure"):
    return next(q for q in QUESTIONS.values() if q.chapter == chapter and browser_kind(q) == kind)


def test_shapes_think_and_code_exercises_in_the_page(browser, base_url, book_dir):
    page, log = _page(browser, base_url, "book/structure.html")
    try:
        q = _first("shapes")
        panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
        name, want = next((n, w) for n, w in q._expected.items() if len(w) == 2 and w[0] != w[1])
        given = {name: str(want[::-1])}
        _enter(panel, q, "shapes", given)
        _expect_verdict(panel, python_verdict(q, "shapes", given))
        right = {n: str(w) for n, w in q._expected.items()}
        _enter(panel, q, "shapes", right)
        _expect_verdict(panel, python_verdict(q, "shapes", right))

        q = _first("think")
        panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
        text = "A step is flat, so every gradient through it is zero."
        panel.get_by_label("Your answer, in a few sentences").fill(text)
        panel.get_by_role("button", name="Compare with the model answer").click()
        expected = python_verdict(q, "think", text)
        status = panel.get_by_role("status")
        status.get_by_text("Compare with the model answer").wait_for()
        shown = _plain(status.inner_text())
        assert _plain(expected["message"]) in shown and _plain(q._key_points[0]) in shown, shown

        q = _first("code")
        panel = page.locator(f'.mlpx-exercise[data-mlpx-question="{q.id}"]')
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
        read = f"() => window.mlpcourseExercises.store.read('{q.id}').solution"
        assert page.evaluate(read) is False
        label = panel.get_attribute("data-mlpx-label")
        dropdown = page.locator(".solution", has=page.locator(f'a[href="#{label}"]'))
        dropdown.locator("button.toggle-button").click()  # the chapter's own solution
        page.wait_for_function(read)
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
        panel.get_by_label("Your answer", exact=True).fill(literal(q._answer))
        panel.get_by_role("button", name="Check").click()
        _expect_verdict(panel, python_verdict(q, "value", literal(q._answer)))
        page.reload(wait_until="load")
        _expect_verdict(panel, python_verdict(q, "value", literal(q._answer)))
        assert panel.get_by_label("Your answer", exact=True).input_value() == literal(q._answer)
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


def test_panel_text_contrast_meets_wcag_aa(browser, base_url):
    """Text of the panel against its background: at least 4.5:1, in both themes."""
    page, log = _page(browser, base_url, "book/structure.html")
    low, found = [], {}
    try:
        panel = page.locator('.mlpx-exercise[data-mlpx-question="structure.param_count"]')
        panel.get_by_label("Your answer", exact=True).fill("5")
        panel.get_by_role("button", name="Check").click()
        panel.get_by_role("status").get_by_text("Not quite").wait_for()
        panel.get_by_role("button", name="Show hint 1 of 3").click()
        panel.get_by_role("button", name="Show the solution").click()
        for theme in ("light", "dark"):
            page.evaluate(f"() => document.documentElement.dataset.theme = '{theme}'")
            found[theme] = panel.evaluate(CONTRAST)
            low += [(theme, f) for f in found[theme] if f["ratio"] < 4.5]
    finally:
        page.context.close()
    assert all(len(f) >= 8 for f in found.values()), found
    assert not low, low
