"""Sphinx extension: serve MathJax 3, RequireJS and the widgets HTML manager from the book.

The built book must work from any static host and with no network at all, so nothing is
loaded from a CDN. ``npm ci`` installs the pinned packages of ``package.json`` /
``package-lock.json`` into ``node_modules/``; this extension copies the files the pages
need into ``_build/html/_static/offline/`` when the HTML builder starts, and points
Sphinx's MathJax and MyST-NB's widget loader at them (see ``_config.yml``, whose
``mathjax_path`` and ``nb_ipywidgets_js`` name the same files).

The source folder is ``node_modules/``, never a folder named ``_static``: Jupyter Book 1
would add every .js/.css file under ``_static`` to every page.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
OWN_ASSETS = ROOT / "book" / "_assets"
VENDOR = "offline"  # below _static/ of the built book (the theme has its own _static/vendor)

#: (source below node_modules, destination below _static/offline, ignore patterns).
#: The widgets manager keeps its npm path: RequireJS (baseUrl = _static/offline/, set by
#: widgets-setup.js) and webpack find its icon fonts relative to that module name.
ASSETS = [
    ("requirejs/require.js", "require.js", None),
    ("requirejs/README.md", "requirejs-README.md", None),
    ("@jupyter-widgets/html-manager/dist", "@jupyter-widgets/html-manager/dist",
     ("*.map", "embed.js*", "libembed-amd.js")),  # only embed-amd.js is loaded
    ("mathjax/es5", "mathjax", ("*svg*", "*-full*", "node-main.js", "mml-chtml.js",
                                "tex-chtml.js", "latest.js")),
    ("mathjax/LICENSE", "mathjax/LICENSE", None),
]
#: Our own files (book/_assets/), copied next to the vendored files: the widgets' setup
#: script and the accessibility stylesheet (tools/a11y_fixes.py adds it to every page).
OWN = ["widgets-setup.js", "a11y.css"]
#: Widget modules whose models only carry browser events to a kernel (ipyevents: clicks on
#: the playground's figure). A built page has no kernel, and the book does not serve their
#: JavaScript (the widgets manager would ask a CDN for it): their models are dropped from
#: the page's embedded widget state. No view shows them, so nothing on the page changes.
KERNEL_ONLY_MODULES = ("ipyevents",)
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def copy_assets(outdir: Path, node_modules: Path = NODE_MODULES) -> list[Path]:
    """Copy the vendored files into ``outdir/_static/offline``; return the copied roots."""
    missing = [src for src, _, _ in ASSETS if not (node_modules / src).exists()]
    if missing:
        raise ExtensionError(
            f"missing {missing} in {node_modules}: run `npm ci` (or `make book`), which "
            "installs the pinned JavaScript the book serves itself")
    copied = []
    for src, dest, ignore in ASSETS:
        source, target = node_modules / src, Path(outdir) / "_static" / VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(*ignore) if ignore else None)
        else:
            shutil.copy2(source, target)
        copied.append(target)
    for name in OWN:
        shutil.copy2(OWN_ASSETS / name, Path(outdir) / "_static" / VENDOR / name)
    return copied


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    """Drop repeated identical <script> entries (sphinx-thebe 0.3.1 and sphinx-togglebutton add their inline
    configuration twice, which is a JavaScript error: `const` declared twice)."""
    scripts = context.get("script_files")
    if scripts:
        seen, unique = set(), []
        for js in scripts:
            key = (str(getattr(js, "filename", js) or ""),  # None and "" both mean inline
                   tuple(sorted(getattr(js, "attributes", {}).items())))
            if key not in seen:
                seen.add(key)
                unique.append(js)
        scripts[:] = unique


def drop_kernel_only_models(state: dict) -> dict:
    """The embedded widget state without the models of :data:`KERNEL_ONLY_MODULES`.

    Raises ExtensionError if a model that stays refers to a dropped one (it would break).
    """
    models = state.get("state", {})
    dropped = {mid for mid, m in models.items() if m.get("model_module") in KERNEL_ONLY_MODULES}
    kept = {mid: m for mid, m in models.items() if mid not in dropped}
    text = json.dumps(kept)
    used = [mid for mid in dropped if f"IPY_MODEL_{mid}" in text]
    if used:
        raise ExtensionError(f"widget models {used} of {KERNEL_ONLY_MODULES} are used by "
                             "other widgets of the page and cannot be dropped")
    return {**state, "state": kept}


def _drop_event_models(app, pagename, templatename, context, doctree):
    """Rewrite the page's embedded widget state without kernel-only models."""
    scripts = context.get("script_files")
    for i, js in enumerate(scripts or []):
        attributes = getattr(js, "attributes", {})
        if attributes.get("type") == WIDGET_STATE and attributes.get("body"):
            state = json.loads(attributes["body"])  # "<\/script>" is valid JSON for "</script>"
            body = json.dumps(drop_kernel_only_models(state)).replace("</script>",
                                                                    r"<\/script>")
            scripts[i] = type(js)(js.filename, priority=js.priority,
                                  **{**attributes, "body": body})


def _on_builder_inited(app):
    if app.builder.format == "html":
        copy_assets(Path(app.outdir))


def setup(app):
    app.connect("builder-inited", _on_builder_inited)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _drop_event_models, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
