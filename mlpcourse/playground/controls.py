"""The controls of the training playground: option tables and the widgets that set them.

:class:`ControlsMixin` builds the ipywidgets of :class:`mlpcourse.playground.Playground`
(buttons, drop-downs, sliders, feature toggles, layer and unit buttons) and keeps them in
step with the settings. Every control calls one of the playground's methods; none of them
computes anything itself.
"""
import weakref

from .config import CHOICES
from .data import FEATURES
from .figure import unit_name
from .presets import PRESETS

LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
INITS = ("glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal",
         "normal", "zeros")
DATASET_LABELS = {"circle": "Circle", "xor": "XOR", "gauss": "Gaussian clusters",
                  "spiral": "Spiral", "moons": "Moons", "plane": "Plane (regression)",
                  "multigauss": "Multi-Gaussian (regression)"}
CSS = "mlpcourse-playground"

#: The drop-downs: field -> (label, the menu). A valid value that is not on the menu (any
#: learning rate, any initializer of :mod:`mlpcourse.initializers`) is added to it.
DROPDOWNS = {
    "dataset": ("Data", tuple(DATASET_LABELS)),
    "learning_rate": ("Learning rate", LEARNING_RATES),
    "activation": ("Activation", CHOICES["activation"][0]),
    "init": ("Initialization", INITS),
    "optimizer": ("Optimizer", CHOICES["optimizer"][0]),
    "regularization": ("Regularization", CHOICES["regularization"][0]),
    "reg_rate": ("Regularization rate", REG_RATES),
}
#: The sliders: field -> (label, smallest, largest, scale). The slider shows
#: ``value * scale``; a valid value beyond its ends widens it (a slider never clamps).
SLIDERS = {
    "noise": ("Noise (%)", 0, 50, 100),
    "train_ratio": ("Training data (%)", 10, 90, 100),
    "batch_size": ("Batch size", 1, 30, 1),
    "seed": ("Seed of the initial weights", 0, 99, 1),
}


def menu(field, value):
    """The options ``(text, value)`` of a drop-down, with ``value`` added where missing.

    Numbers are kept in increasing order, so an added learning rate sits between its
    neighbours.

    >>> [text for text, _ in menu("reg_rate", 0.05)][4:7]
    ['0.03', '0.05', '0.1']
    """
    values = list(DROPDOWNS[field][1])
    if value not in values:
        values.append(value)
        if not isinstance(value, str):
            values.sort()
    if field == "dataset":
        return [(DATASET_LABELS[v], v) for v in values]
    return [(v if isinstance(v, str) else f"{v:g}", v) for v in values]


def slider_state(field, value):
    """``(min, max, value)`` of the slider that shows ``value`` (widened to reach it)."""
    _, lo, hi, scale = SLIDERS[field]
    shown = round(value * scale)
    return min(lo, shown), max(hi, shown), shown


def unit_options(config):
    """Options of the "Enlarge" drop-down: the output, then every feature and hidden unit.

    Values are ``"output"`` or ``"layer,index"`` (layer 0 holds the features).
    """
    options = [("the output (boundary)", "output")]
    for layer, size in enumerate(config.layer_sizes[:-1]):
        options += [(unit_name(config, layer, j), f"{layer},{j}") for j in range(size)]
    return options


def click_position(event):
    """``(x, y, (width, height))`` of an ipyevents click on the figure, or None.

    ``x, y`` are CSS pixels from the picture's top-left corner (``relativeX``,
    ``relativeY``) and ``width, height`` its size as shown (``boundingRectWidth``,
    ``boundingRectHeight``). An event without these numbers gives None, never an error.

    >>> click_position({"relativeX": 10, "relativeY": 5.5, "boundingRectWidth": 400,
    ...                 "boundingRectHeight": 192})
    (10.0, 5.5, (400.0, 192.0))
    >>> click_position({"relativeX": "left"}) is None
    True
    """
    keys = ("relativeX", "relativeY", "boundingRectWidth", "boundingRectHeight")
    try:
        x, y, width, height = (float(event[k]) for k in keys)
    except (TypeError, ValueError, KeyError, OverflowError):
        return None
    return x, y, (width, height)


def weak_callback(owner, action):
    """A control's callback ``action(owner, *args)`` that does not keep ``owner`` alive.

    The ipywidgets registry keeps every control until it is closed; a callback holding the
    playground would keep it (and its training thread) alive for ever.
    """
    ref = weakref.ref(owner)

    def callback(*args):
        target = ref()
        if target is not None:
            target._safely(lambda: action(target, *args))
    return callback


class ControlsMixin:
    """Widget construction for :class:`~mlpcourse.playground.Playground`."""

    def _button(self, label, tip, handler, name, width="auto"):
        """A button that calls ``handler(playground)``."""
        b = self._w.Button(description=label, tooltip=tip, layout={"width": width})
        b.on_click(weak_callback(self, lambda pg, _: handler(pg)))
        b.add_class(f"{CSS}-{name}")
        return b

    def _dropdown(self, field):
        label, _ = DROPDOWNS[field]
        value = getattr(self.trainer.config, field)
        d = self._w.Dropdown(options=menu(field, value), value=value, description=label,
                             style={"description_width": "initial"}, layout={"width": "auto"})
        d.observe(weak_callback(self, lambda pg, ch: pg._set(**{field: ch.new})),
                  names="value")
        d.add_class(f"{CSS}-{field.replace('_', '-')}")
        return d

    def _slider(self, field):
        label, _, _, scale = SLIDERS[field]
        lo, hi, value = slider_state(field, getattr(self.trainer.config, field))
        s = self._w.IntSlider(value=value, min=lo, max=hi, description=label,
                              style={"description_width": "initial"}, continuous_update=False)
        s.observe(weak_callback(self, lambda pg, ch: pg._set(
            **{field: ch.new / scale if scale > 1 else ch.new})), names="value")
        s.add_class(f"{CSS}-{field.replace('_', '-')}")
        return s

    def _build(self):
        w, c = self._w, self.trainer.config
        self.play_button = self._button("▶ Play", "Train continuously (press again to pause)",
                                        type(self).toggle, "play", "7em")
        self.epoch_label = w.HTML()
        self.epoch_label.add_class(f"{CSS}-epoch")
        run = w.HBox([self._button("⟲ Reset", "Back to epoch 0 and the same initial weights "
                                   "(change the seed for others)", type(self).reset,
                                   "reset"), self.play_button,
                      self._button("Step +1", "Train one epoch", lambda pg: pg.step(), "step"),
                      self.epoch_label], layout={"align_items": "center"})
        self.controls = {field: self._dropdown(field) for field in DROPDOWNS}
        self.controls.update({field: self._slider(field) for field in SLIDERS})
        presets = w.HBox([w.Label("Presets:"), *(
            self._button(label, text, lambda pg, name=name: pg.apply_preset(name), "preset")
            for name, (label, text, _) in PRESETS.items())], layout={"flex_flow": "row wrap"})
        view_row = self._build_view()
        self.feature_buttons = {}
        for name, (label, _) in FEATURES.items():
            t = w.ToggleButton(value=name in c.features, description=label,
                               layout={"width": "5em"}, tooltip=f"use {name} as an input")
            t.observe(weak_callback(self, lambda pg, _: pg._set_features()), names="value")
            t.add_class(f"{CSS}-feature")
            self.feature_buttons[name] = t
        self.layers_box = w.HBox()
        self.message = w.HTML()
        self.message.add_class(f"{CSS}-message")
        self.image = w.Image(format="png")
        self.image.add_class(f"{CSS}-figure")
        self.image_events = self._click_events(self.image)
        self.code_area = w.Textarea(layout={"width": "100%", "height": "12em"},
                                    placeholder="Press 'Show code' to see the settings as "
                                    "code; edit or paste such code and press 'Load code'.")
        code_row = w.HBox([self._button("Show code", "Print the settings as MLP(...) and "
                                        "fit(...) code", type(self).show_code, "show-code"),
                           self._button("Load code", "Restore the settings from the code "
                                        "below", lambda pg: pg.load_code(), "load-code")])
        data_row = w.HBox([self.controls["dataset"],
                           self._button("Regenerate", "Draw new data points",
                                        type(self).regenerate, "regenerate"),
                           *(self.controls[k] for k in ("noise", "train_ratio"))],
                          layout={"flex_flow": "row wrap"})
        train_row = w.HBox([self.controls[k] for k in ("learning_rate", "batch_size",
                                                       "optimizer", "activation", "init",
                                                       "seed", "regularization", "reg_rate")],
                           layout={"flex_flow": "row wrap"})
        self._rebuild_layers()
        box = w.VBox([run, presets, data_row, train_row,
                      w.HBox([w.Label("Features:"), *self.feature_buttons.values()],
                             layout={"flex_flow": "row wrap"}),
                      self.layers_box, self.message, view_row, self.image, code_row,
                      self.code_area])
        box.add_class(CSS)
        return box

    def _build_view(self):
        """The row of view controls: test points, discretized output, enlarged unit."""
        w = self._w
        self.view_controls = {
            "show_test": w.Checkbox(value=self.view.show_test, description="Show test data",
                                    indent=False, layout={"width": "auto"}),
            "discretize": w.Checkbox(value=self.view.discretize, indent=False,
                                     description="Discretize output",
                                     layout={"width": "auto"}),
            "unit": w.Dropdown(options=unit_options(self.trainer.config), value="output",
                               description="Enlarge", style={"description_width": "initial"},
                               layout={"width": "auto"},
                               tooltip="Show a unit's heatmap in the big panel"),
        }
        for name, control in self.view_controls.items():
            control.observe(weak_callback(self, lambda pg, ch, name=name: pg._view_changed(
                name, ch.new)), names="value")
            control.add_class(f"{CSS}-{name.replace('_', '-')}")
        return w.HBox(list(self.view_controls.values()), layout={"flex_flow": "row wrap"})

    def _click_events(self, image):
        """Mouse clicks on ``image`` (an ipyevents Event, not displayed) go to
        :meth:`click_figure`; an event that is not a click at a position is ignored."""
        from ipyevents import Event
        events = Event(source=image, watched_events=["click"])

        def clicked(pg, event):
            position = click_position(event)
            if position is not None:
                pg.click_figure(*position)
        events.on_dom_event(weak_callback(self, clicked))
        return events

    def _sync_unit_options(self):
        """Offer the units of the current network; an enlarged unit that is gone is dropped."""
        control, options = self.view_controls["unit"], unit_options(self.trainer.config)
        if list(control.options) == options:
            return
        value = control.value if control.value in [v for _, v in options] else "output"
        self._syncing = True
        try:
            control.options, control.value = options, value
        finally:
            self._syncing = False
        self._view_changed("unit", value, redraw=False)

    def _rebuild_layers(self):
        w, hidden = self._w, self.trainer.config.hidden
        columns = [w.VBox([w.HTML(f"<b>{len(hidden)} hidden layer"
                                  f"{'s' * (len(hidden) != 1)}</b>"),
                           w.HBox([self._button("+ layer", "Add a hidden layer",
                                                type(self).add_layer, "add-layer"),
                                   self._button("− layer", "Remove the last hidden layer",
                                                type(self).remove_layer, "remove-layer")])])]
        for k, units in enumerate(hidden):
            columns.append(w.VBox([w.HTML(f"layer {k + 1}: {units} unit{'s' * (units > 1)}"),
                                   w.HBox([self._button("+", f"Add a unit to layer {k + 1}",
                                                        lambda pg, k=k: pg.add_unit(k),
                                                        "add-unit", "2.5em"),
                                           self._button("−", f"Remove a unit from layer "
                                                        f"{k + 1}", lambda pg, k=k:
                                                        pg.remove_unit(k),
                                                        "remove-unit", "2.5em")])]))
        self.layers_box.children = columns

    # -------------------------------------------------------------- actions
    def _sync_controls(self):
        """Make every control show the trainer's settings (after code or a refusal).

        A value off a drop-down's menu is added to it, and a slider widens to reach its
        value, so that the controls always show what training uses.
        """
        c = self.trainer.config
        self._syncing = True
        try:
            for field, ctrl in self.controls.items():
                value = getattr(c, field)
                if field in DROPDOWNS:
                    options = menu(field, value)
                    if [v for _, v in ctrl.options] != [v for _, v in options]:
                        ctrl.options = options
                    ctrl.value = value
                else:
                    lo, hi, shown = slider_state(field, value)
                    with ctrl.hold_trait_notifications():
                        ctrl.min, ctrl.max, ctrl.value = lo, hi, shown
            for name, button in self.feature_buttons.items():
                button.value = name in c.features
        finally:
            self._syncing = False
        self._rebuild_layers()
