"""The training playground: TensorFlow Playground's controls on our own MLP, in a notebook.

>>> import mlpcourse
>>> mlpcourse.playground()            # doctest: +SKIP   (the same as Playground())

The widget is a thin view: :class:`~mlpcourse.playground_model.Trainer` holds the data, the
network and the training, :class:`~mlpcourse.playground_figure.LiveFigure` draws, and this
module binds the controls to them. Training runs in a background thread, one epoch per
frame, so the kernel stays free; pausing, or running the cell again (a new playground),
stops it. The static version for the built book is
:func:`mlpcourse.playground_static.static_playground`.
"""
import sys
import threading
import time
import types
import weakref

from .playground_config import (MAX_LAYERS, MAX_UNITS, PLAYGROUND_ACTIVATIONS,
                                REGULARIZATIONS, Config, PlaygroundError)
from .playground_data import FEATURES
from .playground_figure import LiveFigure
from .playground_model import Trainer

__all__ = ["Playground", "playground", "Config", "Trainer", "PlaygroundError"]

LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
INITS = ("glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal",
         "normal", "zeros")
OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "adam")
DATASET_LABELS = {"circle": "Circle", "xor": "XOR", "gauss": "Gaussian clusters",
                  "spiral": "Spiral", "moons": "Moons", "plane": "Plane (regression)",
                  "multigauss": "Multi-Gaussian (regression)"}
CSS = "mlpcourse-playground"
_LIVE = weakref.WeakSet()   # playgrounds of this kernel, to stop the one a cell replaces


def _cell_id():
    """The id of the notebook cell being run, where the front end sends it (else None)."""
    try:
        from IPython import get_ipython
        parent = get_ipython().kernel.get_parent()
        return (parent.get("metadata") or {}).get("cellId")
    except Exception:  # noqa: BLE001 - outside a kernel there is no cell
        return None


class Playground:
    """A live training playground: controls, figure, and a training thread.

    Parameters
    ----------
    config : Config, optional
        Starting settings; keyword arguments change single fields
        (``Playground(dataset="spiral", hidden=(8, 8))``).
    resolution : int
        Grid points per side of the boundary and unit heatmaps.
    fps : float
        Upper bound on redraws per second while playing.

    Notes
    -----
    A new playground stops the one made earlier by the same notebook cell (the cell id
    comes from the front end; where it does not say, a new playground stops all others).
    """

    def __init__(self, config=None, *, resolution=40, fps=25, **changes):
        import ipywidgets as w
        self.trainer = Trainer(config, **changes)
        self.figure = LiveFigure(self.trainer, resolution)
        self.fps = fps
        self.frames = 0
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread = None
        self._syncing = False
        self.cell = _cell_id()
        for other in list(_LIVE):
            if other.cell == self.cell:
                other.pause()
        _LIVE.add(self)
        self._w = w
        self.widget = self._build()
        self.redraw()

    # -------------------------------------------------------------- controls
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
        run = w.HBox([self._button("⟲ Reset", "New initial weights, epoch 0", self.reset,
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
                   ("batch_size", "Batch size", 1, 30, 1)]
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
                                                       "regularization", "reg_rate")],
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
    def _safely(self, action):
        """Run a control's action; a failure becomes a message, never a traceback."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - shown to the learner instead
            self._show_message(f"Something went wrong: {type(error).__name__}: {error}")

    def _set(self, **changes):
        """Apply changed settings (from a control or from code) and redraw."""
        if self._syncing:
            return ""
        with self._lock:
            old = self.trainer.config
            message = self.trainer.update(**changes)
            if message:
                self._sync_controls()
            if self.trainer.config.hidden != old.hidden:
                self._rebuild_layers()
            self.redraw()
        return message

    def set(self, **changes):
        """Change settings from code, e.g. ``pg.set(learning_rate=0.3, hidden=(8, 8))``.

        Returns the message shown in the widget ("" when the change was accepted).
        """
        message = self._set(**changes)
        self._sync_controls()
        return message

    def _set_features(self):
        self._set(features=tuple(n for n, b in self.feature_buttons.items() if b.value))

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

    def _change_hidden(self, hidden):
        if len(hidden) > MAX_LAYERS or any(u > MAX_UNITS for u in hidden):
            self._show_message(f"The playground allows up to {MAX_LAYERS} hidden layers of "
                               f"up to {MAX_UNITS} units.")
        elif any(u < 1 for u in hidden):
            self._show_message("A hidden layer needs at least one unit; remove the layer "
                               "instead.")
        else:
            self._set(hidden=tuple(hidden))

    def add_layer(self):
        hidden = self.trainer.config.hidden
        self._change_hidden(hidden + (hidden[-1] if hidden else 2,))

    def remove_layer(self):
        hidden = self.trainer.config.hidden
        if not hidden:
            self._show_message("There are no hidden layers left: this is a linear (logistic) "
                               "model of the features.")
            return
        self._change_hidden(hidden[:-1])

    def add_unit(self, layer):
        hidden = list(self.trainer.config.hidden)
        hidden[layer] += 1
        self._change_hidden(hidden)

    def remove_unit(self, layer):
        hidden = list(self.trainer.config.hidden)
        hidden[layer] -= 1
        self._change_hidden(hidden)

    def reset(self):
        """New initial weights (same seed), epoch 0; keeps playing if it was."""
        with self._lock:
            self.trainer.reset()
            self.redraw()

    def regenerate(self):
        """New data points (the next data seed) and a fresh network."""
        self._set(data_seed=self.trainer.config.data_seed + 1)

    def show_code(self):
        self.code_area.value = self.trainer.code()

    def load_code(self, code=None):
        """Restore settings from code (the text box by default); return the message."""
        with self._lock:
            message = self.trainer.load_code(self.code_area.value if code is None else code)
            self._sync_controls()
            self.redraw()
        return message

    # -------------------------------------------------------------- training and drawing
    def step(self, epochs=1):
        """Train ``epochs`` epochs and redraw; return False if training diverged."""
        with self._lock:
            ok = self.trainer.step(epochs)
            self.redraw()
        return ok

    def redraw(self):
        """Draw the current state into the widget (figure, epoch counter, message)."""
        with self._lock:
            t = self.trainer
            self.image.value = self.figure.update(t)
            self.frames += 1
            losses = f"training loss {t.train_loss[-1]:.3f}, test loss {t.test_loss[-1]:.3f}"
            self.epoch_label.value = (f"<b>Epoch <span class='{CSS}-epoch-value'>{t.epoch}"
                                      f"</span></b> &nbsp; {losses}")
            self._show_message(t.message)

    def _show_message(self, text):
        style = "color:#b00020" if text else ""
        self.message.value = f"<span style='{style}'>{text}</span>"

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def play(self):
        """Start training in the background (one epoch per frame, up to ``fps`` a second)."""
        if self.running:
            return
        self._stop.clear()
        self.play_button.description = "⏸ Pause"
        self._thread = threading.Thread(target=self._loop, name="mlpcourse-playground",
                                        daemon=True)
        self._thread.start()

    def pause(self):
        """Stop training; returns when the training thread has finished its frame."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)
        self.play_button.description = "▶ Play"

    def toggle(self):
        self.pause() if self.running else self.play()

    def _loop(self):
        period = 1.0 / self.fps
        try:
            while not self._stop.is_set():
                start = time.perf_counter()
                if not self.step():
                    break
                self._stop.wait(max(period - (time.perf_counter() - start), 0.002))
        except Exception as error:  # noqa: BLE001 - shown in the widget
            self._show_message(f"Training stopped: {type(error).__name__}: {error}")
        finally:
            self._stop.set()
            self.play_button.description = "▶ Play"

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


def playground(config=None, **changes):
    """Make a :class:`Playground` (``mlpcourse.playground()`` calls this)."""
    return Playground(config, **changes)


class _CallableModule(types.ModuleType):
    """Lets ``mlpcourse.playground(...)`` build a playground while staying a module."""

    def __call__(self, config=None, **changes):
        return playground(config, **changes)


sys.modules[__name__].__class__ = _CallableModule
