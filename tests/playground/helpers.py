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


def assert_controls_show(pg, config):
    """Every control of ``pg`` shows the value of ``config`` it sets (the same setting that
    training uses), and every off-menu value is one of the control's options."""
    fields = vars(config)
    for field, control in pg.controls.items():
        if field not in fields:
            continue
        shown = control.value / 100 if field in ("noise", "train_ratio") else control.value
        assert shown == fields[field], f"{field}: the control shows {shown!r}"
        assert getattr(control, "min", shown) <= control.value <= getattr(control, "max",
                                                                            shown)
    on = {name for name, button in pg.feature_buttons.items() if button.value}
    assert on == set(config.features)
