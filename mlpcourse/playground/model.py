"""The state of the training playground, with no widgets: data, network, training.

:class:`Trainer` holds the data, the network, the optimizer and the loss curves of one run
and trains it epoch by epoch; its settings are a :class:`~mlpcourse.playground.config.Config`.
"""
import numpy as np

from ..mlp import MLP
from ..optimizers import get_optimizer
from .config import (DATA_FIELDS, LIVE_FIELDS, MAX_LAYERS, MAX_UNITS,  # noqa: F401
                                PLAYGROUND_ACTIVATIONS, REGULARIZATIONS, Config,
                                PlaygroundError)
from .data import feature_map, grid, make_data


class Trainer:
    """Data, network and optimizer of one playground run, trained epoch by epoch.

    ``train_loss[k]`` and ``test_loss[k]`` are the losses (without penalty) after ``k``
    epochs, so both curves start at the untrained network.
    """

    def __init__(self, config=None, **changes):
        self.config = (config or Config()).replace(**changes)
        self.message = ""
        self.regenerate()

    # -------------------------------------------------------------- setting things up
    def regenerate(self):
        """Draw the data again (from ``data_seed``) and start a new network."""
        c = self.config
        self.data = make_data(c.dataset, c.noise, c.train_ratio, c.n_samples, c.data_seed)
        self.reset()

    def reset(self):
        """A fresh network, optimizer and shuffling order; epoch 0."""
        c = self.config
        self.F_train = feature_map(self.data.X_train, c.features)
        self.F_test = feature_map(self.data.X_test, c.features)
        self.net = MLP(c.layer_sizes, activation=c.activation,
                       output_activation=c.output_activation, init=c.init, seed=c.seed)
        self.optimizer = get_optimizer(c.optimizer, c.learning_rate)
        self.rng = np.random.default_rng(c.seed)
        self.epoch = 0
        self.exact = True  # the printed code reproduces the run
        self.message = ""
        self.train_loss, self.test_loss = [], []
        self._record()

    def update(self, fresh=False, **changes):
        """Change settings; start again only if the data, features or network changed.

        With ``fresh=True`` the data and the network are made anew in any case.

        Returns the message for the learner ("" when all is well). All or nothing: a
        refused change, or one that fails while the data or the network is rebuilt, leaves
        the settings, the data and the network as they were.
        """
        saved = dict(vars(self))
        try:
            new = self.config.replace(**changes)
            changed = {k for k in changes if getattr(new, k) != getattr(self.config, k)}
            self.config = new
            if fresh or changed & set(DATA_FIELDS):
                self.regenerate()
            elif changed - set(LIVE_FIELDS):
                self.reset()
            elif changed:
                self.optimizer.learning_rate = new.learning_rate
                self.exact = self.exact and self.epoch == 0
                self.message = ""
        except (PlaygroundError, ValueError, TypeError, MemoryError) as error:
            vars(self).clear()
            vars(self).update(saved)
            self.message = str(error) if isinstance(error, PlaygroundError) else (
                f"These settings cannot be used ({type(error).__name__}: {error}); "
                "nothing was changed.")
        return self.message

    def _record(self):
        net, c = self.net, self.config
        with np.errstate(all="ignore"):  # a huge loss is shown, not warned about
            self.train_loss.append(float(net.loss(self.F_train, self.data.y_train, c.loss)))
            self.test_loss.append(float(net.loss(self.F_test, self.data.y_test, c.loss)))

    # -------------------------------------------------------------- training
    def step(self, epochs=1):
        """Train for ``epochs`` epochs; return True, or False (with a message) if it failed."""
        c = self.config
        l1, l2 = c.penalties
        for _ in range(epochs):
            history = self.net.fit(self.F_train, self.data.y_train, loss=c.loss, epochs=1,
                                   batch_size=int(c.batch_size),
                                   learning_rate=c.learning_rate, optimizer=self.optimizer,
                                   seed=self.rng, l1=l1, l2=l2, on_nonfinite="stop")
            if history.diverged:
                self.message = ("Training stopped: " + history.message.replace(
                    "training diverged in epoch 1", f"the loss diverged in epoch "
                    f"{self.epoch + 1}").replace(f"start of epoch 1", "start of epoch "
                                                 f"{self.epoch + 1}") + " Press reset.")
                return False
            self.epoch += 1
            self._record()
        self.message = ""
        return True

    def code(self):
        """The configuration as code; it reproduces the current weights when ``exact``."""
        code = self.config.to_code(self.epoch)
        if not self.exact:
            code = ("# Settings changed during training: this code trains from scratch with "
                    "the current settings.\n" + code)
        return code

    def load_code(self, code):
        """Restore the configuration from code (a fresh network); return the message.

        All or nothing, like :meth:`update`: code that cannot be read changes nothing.
        """
        try:
            config, _ = Config.from_code(code)
        except PlaygroundError as error:
            self.message = str(error)
            return self.message
        return self.update(fresh=True, **vars(config))

    # -------------------------------------------------------------- what the figures show
    def grid_activations(self, resolution=40):
        """Features, hidden activations and output over a grid of the square.

        Returns ``(xs, activations)`` where ``activations[0]`` holds the features,
        ``activations[1:-1]`` the hidden layers and ``activations[-1]`` the output, each of
        shape (resolution**2, units).
        """
        xs, points = grid(resolution)
        features = feature_map(points, self.config.features)
        with np.errstate(all="ignore"):
            activations, _ = self.net._trace(features)
        return xs, activations

    def accuracy(self):
        """(train, test) accuracy for classification, None for regression."""
        if self.config.kind != "classification":
            return None
        from ..metrics import accuracy
        return (accuracy(self.data.y_train, self.net.forward(self.F_train)),
                accuracy(self.data.y_test, self.net.forward(self.F_test)))
