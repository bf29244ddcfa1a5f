"""Sphinx extension: make the repository URL of _config.yml available to the pages.

The URL is set once, as ``repository.url`` in ``_config.yml`` (Jupyter Book passes it to
the theme as ``html_theme_options["repository_url"]``). This extension copies it into the
MyST substitutions ``{{ repo_url }}`` (the bare URL) and ``{{ repo_link }}`` (a link to
it), so that pages can mention it without repeating it.
tools/setup_cell.py reads the same key for the first cell of every notebook.
"""


def _add_substitution(app, config):
    url = config.html_theme_options.get("repository_url", "").rstrip("/")
    config.myst_substitutions = {**config.myst_substitutions, "repo_url": url,
                                 "repo_link": f"[{url}]({url})"}


def setup(app):
    app.connect("config-inited", _add_substitution, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
