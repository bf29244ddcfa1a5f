"""Sphinx extension: the chapters' exercises can be answered and checked in the hosted book.

The static book has no Python kernel. This extension

1. finds each exercise in the pages: an ``{exercise}`` directive followed by a code cell
   calling ``ex.<name>.check(...)``, where ``ex`` is the chapter's module of questions
   (``from mlpcourse.exercises import structure as ex``); the chapter notebooks are not
   edited. Under that cell it puts a panel that the page's script fills in: an answer
   field (or choices), a Check button, graded hints and the solution; for a question whose
   answer is code, the hints and a link that opens the chapter live;
2. provides the ``{exercise-progress}`` directive (``book/progress.md``): every exercise of
   the course with the reader's status, kept in the browser's localStorage;
3. writes ``_static/exercises/exercises-data.js``: what ``mlpcourse.exercises._export``
   takes from the question objects that ``check()`` uses, plus where each exercise is in
   the book; and copies the scripts of ``book/_assets/exercises-*`` next to it.

Everything is served by the book itself (no CDN), and works from ``file://``.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "book" / "_assets"
STATIC = "exercises"  # below _static/ of the built book
DATA = "exercises-data.js"
SCRIPTS = ["exercises-format.js", "exercises-arith.js", "exercises-parse.js",
           "exercises-grade.js", "exercises-store.js", "exercises-ui.js", "exercises-progress.js"]
STYLE = "exercises.css"
MARK = "mlpx-root"  # the class of every panel the script fills in

CHECK = re.compile(r"\bex\.(\w+)\.check\(")
MODULE = re.compile(r"from\s+mlpcourse\.exercises\s+import\s+(\w+)\s+as\s+ex\b")
logger = logging.getLogger(__name__)


# ------------------------------------------------------------------ finding exercises
def _is_exercise(node):
    from sphinx_exercise.nodes import is_exercise_node
    return is_exercise_node(node)


def _title(node):
    from sphinx_exercise.nodes import exercise_subtitle
    subtitles = list(node.findall(exercise_subtitle))
    return subtitles[0].astext().strip() if subtitles else node.get("label", "")


def _code_cells_and_exercises(doctree):
    def wanted(n):
        is_code_cell = isinstance(n, nodes.container) and n.get("nb_element") == "cell_code"
        return is_code_cell or _is_exercise(n)
    return list(doctree.findall(wanted))


def _panel(qid, label):
    return nodes.raw("", (
        f'<div class="{MARK} mlpx-exercise" data-mlpx-question="{html.escape(qid)}" '
        f'data-mlpx-label="{html.escape(label)}"><p class="mlpx-noscript">Checking this '
        "exercise in the page needs JavaScript. In a live notebook, run the cell above.</p>"
        "</div>"), format="html")


def find_exercises(app, doctree):
    """Put a panel under each exercise's check cell; remember where each exercise is."""
    env, docname = app.env, app.env.docname
    chapter = docname.rsplit("/", 1)[-1]
    pending, found = None, []
    for node in _code_cells_and_exercises(doctree):
        if _is_exercise(node):
            pending = (node.get("label", ""), _title(node))
            continue
        source = "".join(block.astext() for block in node.findall(nodes.literal_block))
        module = MODULE.search(source)
        chapter = module.group(1) if module else chapter
        call = CHECK.search(source)
        if call and pending:
            found.append((node, f"{chapter}.{call.group(1)}", *pending))
            pending = None
    places = env.mlpx_places = getattr(env, "mlpx_places", {})
    for order, (cell, qid, label, title) in enumerate(found):
        cell.parent.insert(cell.parent.index(cell) + 1, _panel(qid, label))
        places[qid] = {"doc": docname, "label": label, "title": title, "order": order}


def _purge(app, env, docname):
    places = getattr(env, "mlpx_places", {})
    for qid in [q for q, place in places.items() if place["doc"] == docname]:
        del places[qid]


def _merge(app, env, docnames, other):
    env.mlpx_places = {**getattr(env, "mlpx_places", {}), **getattr(other, "mlpx_places", {})}


class ExerciseProgress(SphinxDirective):
    """``{exercise-progress}``: the table of every exercise and the reader's status."""

    def run(self):
        return [nodes.raw("", (
            f'<div class="{MARK} mlpx-progress" id="mlpx-progress"><p class="mlpx-noscript">'
            "Your progress is kept by your browser; this page needs JavaScript to show it."
            "</p></div>"), format="html")]


# ------------------------------------------------------------------ the built pages
def _live_links(context):
    """Binder, Colab and download links of this page, as the theme's buttons have them."""
    links = {}
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            text, url = button.get("text", ""), button.get("url", "")
            if group.get("label") == "launch-buttons" and text in ("Binder", "Colab") and url:
                links[text.lower()] = url
            elif button.get("label") == "download-notebook-button" and url:
                links["download"] = url
            elif button.get("label") == "download-source-button" and url.endswith(".ipynb"):
                links.setdefault("download", url)  # a notebook page: its source is the notebook
    return links


def add_page_assets(app, pagename, templatename, context, doctree):
    """Load the scripts on pages with a panel, and give them the page's live links."""
    if doctree is None or not any(MARK in n.astext() for n in doctree.findall(nodes.raw)):
        return
    app.add_css_file(f"{STATIC}/{STYLE}")
    for name in [DATA, *SCRIPTS]:
        app.add_js_file(f"{STATIC}/{name}")
    links = html.escape(json.dumps(_live_links(context)), quote=True)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta name="mlpcourse-live-links" content="{links}">')


def _copy_scripts(app):
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / STATIC
    target.mkdir(parents=True, exist_ok=True)
    for name in [*SCRIPTS, STYLE]:
        shutil.copy2(ASSETS / name, target / name)


def _reading_order(env, root):
    """Every document in the order of the table of contents, from ``root``."""
    order, todo = [], [root]
    while todo:
        doc = todo.pop(0)
        if doc not in order:
            order.append(doc)
            todo[:0] = env.toctree_includes.get(doc, [])
    return order


def course_data(app):
    """The exported questions, each with its page, its anchor and its title."""
    from mlpcourse.exercises._export import export_course

    def warn(question, error):
        logger.warning(f"exercise {question.id} is shown as a code exercise in the book: "
                       f"{error}", type="mlpcourse", subtype="exercise-export")

    data = export_course(on_error=warn)
    places = getattr(app.env, "mlpx_places", {})
    docs = _reading_order(app.env, app.config.root_doc)
    where = {qid: (docs.index(p["doc"]) if p["doc"] in docs else len(docs), p["order"])
             for qid, p in places.items()}
    data["questions"].sort(key=lambda q: where.get(q["id"], (len(docs) + 1, 0)))
    known = {q["id"] for q in data["questions"]}
    for qid in sorted(set(places) - known):
        logger.warning(f"{places[qid]['doc']}: the cell of exercise {places[qid]['label']} calls "
                       f"{qid.split('.', 1)[1]}.check(), but mlpcourse.exercises has no question "
                       f"{qid}", type="mlpcourse", subtype="exercise-export")
    for q in data["questions"]:
        place = places.get(q["id"])
        if place:
            q["page"] = app.builder.get_target_uri(place["doc"])
            q["label"], q["title"] = place["label"], place["title"]
            title = app.env.titles.get(place["doc"])
            q["chapter_title"] = title.astext() if title is not None else q["chapter"]
    return data


def write_data(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    text = json.dumps(course_data(app), ensure_ascii=False, indent=None)
    script = ("// Written by tools/static_exercises.py from mlpcourse.exercises: do not edit.\n"
              f"window.mlpcourseExercises = window.mlpcourseExercises || {{}};\n"
              f"window.mlpcourseExercises.data = {text};\n")
    target = Path(app.outdir) / "_static" / STATIC / DATA
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script, encoding="utf-8")


def setup(app):
    app.add_directive("exercise-progress", ExerciseProgress)
    app.connect("doctree-read", find_exercises)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("builder-inited", _copy_scripts)
    app.connect("html-page-context", add_page_assets, priority=600)
    app.connect("build-finished", write_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
