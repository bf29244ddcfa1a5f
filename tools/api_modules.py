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
            rst = StringList([f".. automodule:: {module}", "   :members:", ""],
                             source=f"<mlpcourse-modules {module}>")
            nested_parse_with_titles(self.state, rst, section)
            result.append(section)
        return result


def setup(app):
    app.add_directive("mlpcourse-modules", ModulesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
