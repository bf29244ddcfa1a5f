"""Figures and explorer frames of individual chapters.

General plotting helpers live in :mod:`mlpcourse.plots`; the modules here draw what one
chapter needs, as pure functions (numbers in, a matplotlib figure out) that the tests call
directly and the chapters pass to :func:`mlpcourse.explorers.explorer`.

- ``netdraw``: a small network with every weight or gradient readable on its connection;
- ``stepthrough``: one sample through a network, forward then backward, step by step;
- ``descent``: gradient descent on a 2-D loss surface, nudging one weight, saturation;
- ``batches``: learning rate and batch size experiments over several seeds;
- ``structure``: the perceptron replay, the anatomy drawing and the capacity experiment.

matplotlib is imported by the drawing functions only.
"""
