"""mlpcourse.playground.figure: what the live figure draws."""
import numpy as np


def test_unit_heatmaps_are_painted_into_the_frame(pg):
    import io

    from PIL import Image
    frame = np.asarray(Image.open(io.BytesIO(pg.image.value)))
    s = pg.figure.network.side
    for (x0, y0), block in pg.figure.network.blocks:
        np.testing.assert_array_equal(frame[y0:y0 + s, x0:x0 + s, :3], block)


def _loss_axes():
    from mlpcourse.playground.figure import LossPlot, new_figure
    return LossPlot(new_figure(4, 3).add_axes([0.1, 0.1, 0.8, 0.8]))


def test_the_loss_plot_is_linear_while_losses_stay_within_a_few_decades():
    plot = _loss_axes()
    plot.update([0.69, 0.5, 0.3, 0.2], [0.7, 0.55, 0.35, 0.3])
    assert plot.ax.get_yscale() == "linear"
    assert plot.ax.get_ylim()[0] == 0 and plot.ax.get_ylim()[1] >= 0.7


def test_the_loss_plot_switches_to_a_log_scale_when_losses_span_many_decades():
    plot = _loss_axes()
    train = [0.7, 4e3, 2e8, 5e12]
    test = [0.69, 3e3, 1e8, 1e13]
    assert plot.update(train, test)  # the axes must be redrawn
    assert plot.ax.get_yscale() == "log"
    low, high = plot.ax.get_ylim()
    assert low <= 0.69 and high >= 1e13  # every loss is on the plot
    assert high / low < 1e16
    plot.update([0.69, 0.5], [0.7, 0.6])  # a new run starts: back to linear
    assert plot.ax.get_yscale() == "linear"


def test_a_snapshot_of_a_run_whose_loss_spans_decades_has_a_log_axis():
    from mlpcourse.playground.config import Config
    from mlpcourse.playground.static import snapshot_figure, training_snapshots
    snap = training_snapshots(Config(), epochs=(0,), resolution=4)[0]
    losses = [0.7, 10.0, 1e4, 1e9]
    snap.update(train_loss=losses, test_loss=losses, epochs=3)
    del snap["loss_axis"]
    fig = snapshot_figure(snap, 4, "a diverging run")
    assert any(ax.get_yscale() == "log" for ax in fig.axes)


def test_the_log_loss_axis_stays_within_its_decades_for_a_runaway_loss():
    plot = _loss_axes()
    plot.update([0.7, 1e40, 1e300], [0.7, 1e40, float("inf")])
    low, high = plot.ax.get_ylim()
    assert plot.ax.get_yscale() == "log" and low <= 0.7 and high == 1e100


def test_discretize_thresholds_classes_and_rounds_regression():
    from mlpcourse.playground.figure import discretize
    np.testing.assert_array_equal(discretize([0.1, 0.49, 0.5, 0.97], True), [0, 0, 1, 1])
    np.testing.assert_array_equal(discretize([-0.9, -0.1, 0.13, 0.4], False),
                                  [-1.0, -0.0, 0.25, 0.5])
