"""The controls of the training playground: option tables and the widgets that set them.

:class:`ControlsMixin` builds the ipywidgets of :class:`mlpcourse.playground.Playground`
(buttons, drop-downs, sliders, feature toggles, layer and unit buttons) and keeps them in
step with the settings. Every control calls one of the playground's methods; none of them
computes anything itself.
"""
from .config import PLAYGROUND_ACTIVATIONS, REGULARIZATIONS
from .data import FEATURES

LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
INITS = ("glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal",
         "normal", "zeros")
OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "adam")
DATASET_LABELS = {"circle": "Circle", "xor": "XOR", "gauss": "Gaussian clusters",
                  "spiral": "Spiral", "moons": "Moons", "plane": "Plane (regression)",
                  "multigauss": "Multi-Gaussian (regression)"}
CSS = "mlpcourse-playground"


class ControlsMixin:
    """Widget construction for :class:`~mlpcourse.playground.Playground`."""

    def _button(self, label, tip, handler, name, width="auto"):
        b = self._w.Button(description=label, tooltip=tip, layout={"width": width})
        b.on_click(lambda _: self._safely(handler))
        b.add_class(f"{CSS}-{name}")
        return b

    def _dropdown(self, field, label, options):
        w = self._w
        d = w.Dropdown(options=options, value=getattr(self.trainer.config, field),
                       description=label, style={"description_width": "initial"},
                       layout={"width": "auto"})
        d.observe(lambda ch: self._safely(lambda: self._set(**{field: ch.new})), names="value")
        d.add_class(f"{CSS}-{field.replace('_', '-')}")
        return d

    def _build(self):
        w, c = self._w, self.trainer.config
        self.play_button = self._button("▶ Play", "Train continuously (press again to pause)",
                                        self.toggle, "play", "7em")
        self.epoch_label = w.HTML()
        self.epoch_label.add_class(f"{CSS}-epoch")
        run = w.HBox([self._button("⟲ Reset", "Back to epoch 0 and the same initial weights "
                                   "(change the seed for others)", self.reset,
                                   "reset"), self.play_button,
                      self._button("Step +1", "Train one epoch", self.step, "step"),
                      self.epoch_label], layout={"align_items": "center"})
        fmt = lambda v: f"{v:g}"  # noqa: E731
        self.controls = {
            "dataset": self._dropdown("dataset", "Data",
                                      [(label, n) for n, label in DATASET_LABELS.items()]),
            "learning_rate": self._dropdown("learning_rate", "Learning rate",
                                            [(fmt(v), v) for v in LEARNING_RATES]),
            "activation": self._dropdown("activation", "Activation", PLAYGROUND_ACTIVATIONS),
            "init": self._dropdown("init", "Initialization", INITS),
            "optimizer": self._dropdown("optimizer", "Optimizer", OPTIMIZER_NAMES),
            "regularization": self._dropdown("regularization", "Regularization",
                                             REGULARIZATIONS),
            "reg_rate": self._dropdown("reg_rate", "Regularization rate",
                                       [(fmt(v), v) for v in REG_RATES]),
        }
        sliders = [("noise", "Noise (%)", 0, 50, 100), ("train_ratio", "Training data (%)",
                                                         10, 90, 100),
                   ("batch_size", "Batch size", 1, 30, 1),
                   ("seed", "Seed of the initial weights", 0, 99, 1)]
        for field, label, lo, hi, scale in sliders:
            s = w.IntSlider(value=round(getattr(c, field) * scale), min=lo, max=hi,
                            description=label, style={"description_width": "initial"},
                            continuous_update=False)
            s.observe(lambda ch, f=field, k=scale: self._safely(
                lambda: self._set(**{f: ch.new / k if k > 1 else ch.new})), names="value")
            s.add_class(f"{CSS}-{field.replace('_', '-')}")
            self.controls[field] = s
        self.feature_buttons = {}
        for name, (label, _) in FEATURES.items():
            t = w.ToggleButton(value=name in c.features, description=label,
                               layout={"width": "5em"}, tooltip=f"use {name} as an input")
            t.observe(lambda ch: self._safely(self._set_features), names="value")
            t.add_class(f"{CSS}-feature")
            self.feature_buttons[name] = t
        self.layers_box = w.HBox()
        self.message = w.HTML()
        self.message.add_class(f"{CSS}-message")
        self.image = w.Image(format="png")
        self.image.add_class(f"{CSS}-figure")
        self.code_area = w.Textarea(layout={"width": "100%", "height": "12em"},
                                    placeholder="Press 'Show code' to see the settings as "
                                    "code; edit or paste such code and press 'Load code'.")
        code_row = w.HBox([self._button("Show code", "Print the settings as MLP(...) and "
                                        "fit(...) code", self.show_code, "show-code"),
                           self._button("Load code", "Restore the settings from the code "
                                        "below", self.load_code, "load-code")])
        data_row = w.HBox([self.controls["dataset"],
                           self._button("Regenerate", "Draw new data points",
                                        self.regenerate, "regenerate"),
                           *(self.controls[k] for k in ("noise", "train_ratio"))],
                          layout={"flex_flow": "row wrap"})
        train_row = w.HBox([self.controls[k] for k in ("learning_rate", "batch_size",
                                                       "optimizer", "activation", "init",
                                                       "seed", "regularization", "reg_rate")],
                           layout={"flex_flow": "row wrap"})
        self._rebuild_layers()
        box = w.VBox([run, data_row, train_row,
                      w.HBox([w.Label("Features:"), *self.feature_buttons.values()],
                             layout={"flex_flow": "row wrap"}),
                      self.layers_box, self.message, self.image, code_row, self.code_area])
        box.add_class(CSS)
        return box

    def _rebuild_layers(self):
        w, hidden = self._w, self.trainer.config.hidden
        columns = [w.VBox([w.HTML(f"<b>{len(hidden)} hidden layer"
                                  f"{'s' * (len(hidden) != 1)}</b>"),
                           w.HBox([self._button("+ layer", "Add a hidden layer",
                                                self.add_layer, "add-layer"),
                                   self._button("− layer", "Remove the last hidden layer",
                                                self.remove_layer, "remove-layer")])])]
        for k, units in enumerate(hidden):
            columns.append(w.VBox([w.HTML(f"layer {k + 1}: {units} unit{'s' * (units > 1)}"),
                                   w.HBox([self._button("+", f"Add a unit to layer {k + 1}",
                                                        lambda k=k: self.add_unit(k),
                                                        "add-unit", "2.5em"),
                                           self._button("−", f"Remove a unit from layer "
                                                        f"{k + 1}", lambda k=k:
                                                        self.remove_unit(k),
                                                        "remove-unit", "2.5em")])]))
        self.layers_box.children = columns

    # -------------------------------------------------------------- actions
    def _sync_controls(self):
        """Make every control show the trainer's settings (after code or a refusal)."""
        c = self.trainer.config
        self._syncing = True
        try:
            for field, ctrl in self.controls.items():
                value = getattr(c, field)
                ctrl.value = round(value * 100) if field in ("noise", "train_ratio") else value
            for name, button in self.feature_buttons.items():
                button.value = name in c.features
        finally:
            self._syncing = False
        self._rebuild_layers()
