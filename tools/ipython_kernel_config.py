"""IPython kernel configuration of the course's environment.

`make venv` copies this file to .venv/etc/ipython/, the folder where IPython reads the
configuration of one environment (sys.prefix/etc/ipython), so every kernel started from
.venv uses it: the book build, nbval, the browser tests' Voila, `.venv/bin/jupyter lab`.
It sets the course's figure style; it changes nothing a cell computes or prints.
"""
c = get_config()  # noqa: F821  (defined by IPython when it loads this file)

# The course style in every kernel (mlpcourse.plots.use_course_style): Okabe-Ito line
# colours, cividis maps, and inline figures with two image pixels per CSS pixel, stored as
# palette PNGs (sharp on high-DPI screens, about the bytes of a 1x image). Run with
# store_history=False, so it takes no execution count and leaves no name behind.
c.InteractiveShellApp.exec_lines = [
    "try:\n"
    "    from mlpcourse.plots import use_course_style as _course_style\n"
    "    _course_style()\n"
    "    del _course_style\n"
    "except ImportError:  # a kernel of this environment without the course package\n"
    "    pass\n"
]
# Without the course package, figures are still drawn at 2x (IPython's retina PNG).
c.InlineBackend.figure_formats = {"retina"}
