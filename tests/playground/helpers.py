"""Helpers of the playground tests: waiting for the training thread, and finding controls by
their CSS class."""
import time


def wait_until(condition, timeout=20.0):
    """Poll `condition` every 20 ms; return whether it became true within `timeout` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def buttons(widget, css):
    """Every descendant of `widget` that carries the CSS class `css`, in display order."""
    found = []
    for child in getattr(widget, "children", ()):
        if css in getattr(child, "_dom_classes", ()):
            found.append(child)
        found += buttons(child, css)
    return found
