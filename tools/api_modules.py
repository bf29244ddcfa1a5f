"""Sphinx extension: the ``mlpcourse-modules`` directive documents every public module.

``book/api.md`` uses it so that a module added to the package appears in the API reference
without editing the page: each public module (name not starting with ``_``) becomes a
section titled with its name, filled by ``automodule`` (docstrings in numpydoc style,
read by napoleon). Modules named in ``ORDER`` come first, in that order; others follow
alphabetically.
"""
from __future__ import annotations

import importlib
import pkgutil
import re

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

ORDER = ["mlp", "activations", "losses", "initializers", "optimizers", "training",
         "gradcheck", "autodiff", "perceptron", "estimators", "datasets", "metrics",
         "plots", "graphdraw", "explorers", "playground", "serialization", "exercises"]


def public_modules(package: str = "mlpcourse") -> list[str]:
    """Names of the public submodules of ``package``, in reading order."""
    pkg = importlib.import_module(package)
    names = [m.name for m in pkgutil.iter_modules(pkg.__path__) if not m.name.startswith("_")]
    rank = {name: i for i, name in enumerate(ORDER)}
    return [f"{package}.{n}" for n in sorted(names, key=lambda n: (rank.get(n, len(ORDER)), n))]


class ModulesDirective(SphinxDirective):
    """``{mlpcourse-modules}``: one section with ``automodule`` per public module."""

    has_content = False
    option_spec = {"exclude": lambda arg: [s.strip() for s in (arg or "").split(",") if s]}

    def run(self):
        exclude = set(self.options.get("exclude", []))
        result = []
        for module in public_modules():
            if module in exclude:
                continue
            section = nodes.section(ids=[nodes.make_id(f"api-{module}")])
            section += nodes.title(text=module)
            # The page is MyST Markdown, and docstrings are reStructuredText: autodoc must
            # run inside an eval-rst block, or its output would be parsed as Markdown.
            rst = StringList(["```{eval-rst}", f".. automodule:: {module}", "   :members:",
                              "```", ""], source=f"<mlpcourse-modules {module}>")
            nested_parse_with_titles(self.state, rst, section)
            result.append(section)
        return result


def skip_foreign_members(app, what, name, obj, skip, options):
    """Skip class members defined outside mlpcourse, such as the ``set_*_request``
    methods scikit-learn adds to every estimator (their docstrings cite sklearn's own docs)."""
    module = getattr(obj, "__module__", None)
    if what == "class" and callable(obj) and module and not module.startswith("mlpcourse"):
        return True
    return None


_BARS = re.compile(r"(?<![\\|])\|([^|\s`][^|`]*?)\|(?![|_])")


def escape_bars(app, what, name, obj, options, lines):
    """Docstrings say ``|z|`` for an absolute value; reST would read a substitution.
    Escape such bars outside literals (our docstrings use no substitutions or tables)."""
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("|", "+")):
            continue
        parts = re.split(r"(``.*?``)", line)
        lines[i] = "".join(p if p.startswith("``") else _BARS.sub(r"\\|\1\\|", p)
                           for p in parts)


def setup(app):
    app.add_directive("mlpcourse-modules", ModulesDirective)
    app.connect("autodoc-skip-member", skip_foreign_members)
    app.connect("autodoc-process-docstring", escape_bars)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
