"""The playground widget: TensorFlow Playground's controls on our own MLP, in a notebook.

The widget is a thin view: :class:`~mlpcourse.playground.model.Trainer` holds the data, the
network and the training, :class:`~mlpcourse.playground.figure.LiveFigure` draws, and this
module binds the controls to them. A click on a unit's heatmap in the figure (an
``ipyevents`` event on the image) enlarges that unit, as the Enlarge drop-down does from the
keyboard (:meth:`Playground.click_figure`). Training runs in a background thread, one epoch
per frame, so the kernel stays free; pausing, or running the cell again (a new playground),
stops it. The static version for the built book is
:func:`mlpcourse.playground.static.static_playground`.
"""
import dataclasses
import html
import numbers
import threading
import time
import weakref

import numpy as np

from .config import MAX_LAYERS, MAX_UNITS, PlaygroundError
from .controls import CSS, ControlsMixin
from .figure import LiveFigure, View
from .model import Trainer
from .presets import preset_config

__all__ = ["Playground", "playground"]
MAX_RESOLUTION = 200
MAX_FPS = 1000
PLAY, PAUSE = "▶ Play", "⏸ Pause"
_LIVE = weakref.WeakSet()   # playgrounds of this kernel, to stop the one a cell replaces


def _cell_id():
    """The id of the notebook cell being run, where the front end sends it (else None)."""
    try:
        from IPython import get_ipython
        parent = get_ipython().kernel.get_parent()
        return (parent.get("metadata") or {}).get("cellId")
    except Exception:  # noqa: BLE001 - outside a kernel there is no cell
        return None


class Playground(ControlsMixin):
    """A live training playground: controls, figure, and a training thread.

    Parameters
    ----------
    config : Config, optional
        Starting settings; keyword arguments change single fields
        (``Playground(dataset="spiral", hidden=(8, 8))``).
    resolution : int
        Grid points per side of the boundary and unit heatmaps, from 2 to
        ``MAX_RESOLUTION``.
    fps : float
        Upper bound on redraws per second while playing, > 0 and at most ``MAX_FPS``.

    Raises
    ------
    PlaygroundError
        For a setting the playground cannot use, or a bad ``resolution`` or ``fps``.

    Notes
    -----
    A new playground stops the one made earlier by the same notebook cell (the cell id
    comes from the front end; where it does not say, a new playground stops all others).
    The training thread and the controls hold the playground only weakly: a playground
    that nothing refers to any more is garbage-collected, and its thread stops.

    What the figure shows is the view (:attr:`view`, set by the view row, by
    :meth:`set_view` or by a click on the figure, :meth:`click_figure`); it never changes
    the training. The figure's mouse clicks arrive through :attr:`image_events`, an
    ``ipyevents.Event`` on :attr:`image`; a click that is not on a heatmap, or an event
    without a position, does nothing.
    """

    def __init__(self, config=None, *, resolution=40, fps=25, **changes):
        import ipywidgets as w
        resolution, fps = _check_resolution(resolution), _check_fps(fps)
        self.trainer = Trainer(config, **changes)
        self.figure = LiveFigure(self.trainer, resolution)
        self.fps = fps
        self.frames = 0
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._stop.set()
        weakref.finalize(self, self._stop.set)  # collected: the thread ends
        self._thread = None
        self._syncing = False
        self.view = View()
        self.cell = _cell_id()
        for other in list(_LIVE):
            if other.cell == self.cell:
                other.pause()
        _LIVE.add(self)
        self._w = w
        self.widget = self._build()
        self.redraw()

    # -------------------------------------------------------------- controls
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

    def apply_preset(self, name):
        """Switch to a preset of :data:`mlpcourse.playground.presets.PRESETS` (from the
        default settings, new data and network, epoch 0); return the message."""
        config = preset_config(name)
        with self._lock:
            message = self.trainer.update(fresh=True, **vars(config))
            self._sync_controls()
            self.redraw()
        return message

    def set_view(self, show_test=None, discretize=None, unit=None):
        """Change what the figure shows (never the training): test points on or off, the
        output discretized, a unit ``(layer, index)`` enlarged or ``"output"``."""
        changes = {"show_test": show_test, "discretize": discretize,
                   "unit": unit if unit is None or unit == "output" else
                   f"{unit[0]},{unit[1]}"}
        for name, value in changes.items():
            if value is not None:
                self.view_controls[name].value = value  # its observer redraws

    def click_figure(self, x, y, shown=None):
        """What a mouse click at ``(x, y)`` of the figure does (CSS pixels from its top-left
        corner; ``shown``: the picture's width and height as displayed, by default the
        frame's own size).

        A click on the heatmap of a feature or hidden unit enlarges that unit, as the
        Enlarge drop-down does (and the drop-down shows it); a click on the output's heatmap,
        or on the unit already enlarged, goes back to the output. Anywhere else nothing
        happens. Returns the unit ``(layer, index)`` clicked, or None.
        """
        with self._lock:
            unit = self.figure.network.unit_at(x, y, shown)
            if unit is None:
                return None
            last = len(self.trainer.config.layer_sizes) - 1
            self.set_view(unit="output" if unit[0] == last or unit == self.view.unit
                          else unit)
        return unit

    def _view_changed(self, name, value, redraw=True):
        if self._syncing:
            return
        if name == "unit":
            value = None if value == "output" else tuple(int(v) for v in value.split(","))
        self.view = dataclasses.replace(self.view, **{name: value})
        if redraw:
            self.redraw()

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
            self._sync_unit_options()
            self.image.value = self.figure.update(t, self.view)
            self.frames += 1
            losses = f"training loss {t.train_loss[-1]:.3f}, test loss {t.test_loss[-1]:.3f}"
            self.epoch_label.value = (f"<b>Epoch <span class='{CSS}-epoch-value'>{t.epoch}"
                                      f"</span></b> &nbsp; {losses}")
            self._show_message(t.message)

    def _show_message(self, text):
        style = "color:#b00020" if text else ""
        self.message.value = f"<span style='{style}'>{html.escape(text, quote=False)}</span>"

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def play(self):
        """Start training in the background (one epoch per frame, up to ``fps`` a second)."""
        if self.running:
            return
        self._stop.clear()
        self.play_button.description = PAUSE
        self._thread = threading.Thread(target=_train_in_background,
                                        args=(weakref.ref(self), self._stop),
                                        name="mlpcourse-playground", daemon=True)
        self._thread.start()

    def pause(self):
        """Stop training; returns when the training thread has finished its frame."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)
        self.play_button.description = PLAY

    def toggle(self):
        self.pause() if self.running else self.play()

    def _frame(self):
        """One frame of Play: train an epoch and redraw; return the pause before the next
        frame in seconds, or None when training stopped (diverged, or an error shown)."""
        start = time.perf_counter()
        try:
            if self.step():
                return max(1.0 / self.fps - (time.perf_counter() - start), 0.002)
        except Exception as error:  # noqa: BLE001 - shown in the widget
            self._show_message(f"Training stopped: {type(error).__name__}: {error}")
        self._stop.set()
        self.play_button.description = PLAY
        return None

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)


def _train_in_background(ref, stop):
    """The training thread: frames until ``stop`` is set or the playground is collected.

    It holds the playground (``ref()``) only during a frame, never while it waits.
    """
    while not stop.is_set():
        pg = ref()
        if pg is None:
            return
        delay = pg._frame()
        del pg
        if delay is None:
            return
        stop.wait(delay)


def _check_resolution(resolution):
    if (isinstance(resolution, bool) or not isinstance(resolution, numbers.Integral)
            or not 2 <= resolution <= MAX_RESOLUTION):
        raise PlaygroundError(f"resolution must be a whole number of grid points from 2 to "
                              f"{MAX_RESOLUTION}, got {resolution!r}")
    return int(resolution)


def _check_fps(fps):
    if (isinstance(fps, bool) or not isinstance(fps, numbers.Real) or not np.isfinite(fps)
            or not 0 < fps <= MAX_FPS):
        raise PlaygroundError(f"fps (redraws per second) must be a number > 0 and at most "
                              f"{MAX_FPS}, got {fps!r}")
    return float(fps)


def playground(config=None, **changes):
    """Make a :class:`Playground` (``mlpcourse.playground()`` calls this)."""
    return Playground(config, **changes)

