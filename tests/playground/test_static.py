"""mlpcourse.playground.static: snapshots of training and the kernel-free scrubber."""
import numpy as np

from mlpcourse.playground.config import Config
from mlpcourse.playground.static import static_playground, training_snapshots


def test_training_snapshots():
    snaps = training_snapshots(Config(), epochs=(0, 3, 10), resolution=12)
    assert sorted(snaps) == [0, 3, 10]
    assert [len(s["train_loss"]) for s in snaps.values()] == [1, 4, 11]
    assert snaps[10]["output"].shape == (144,)
    assert not np.allclose(snaps[0]["output"], snaps[10]["output"])
    assert snaps[0]["loss_axis"] == snaps[10]["loss_axis"]  # the frames line up
    scale, (low, high) = snaps[0]["loss_axis"]
    assert scale == "linear" and low == 0 and high >= max(snaps[10]["train_loss"])


def test_static_playground_frames_change_with_training_time():
    ex = static_playground({"circle": {}, "xor": {"dataset": "xor"}}, epochs=[0, 5, 20],
                           resolution=16)
    assert ex.names == ["configuration", "epoch"] and len(ex.frames) == 6
    assert len({ex.frames[(0, i)] for i in range(3)}) == 3
    assert ex.nbytes < 1_500_000
    assert "Epochs of training = 20" in ex.caption((1, 2))


def test_a_static_frame_shows_the_network_with_every_unit_heatmap():
    import io

    from PIL import Image

    from mlpcourse.playground.static import snapshot_figure
    config = Config(hidden=(3, 2))
    snap = training_snapshots(config, epochs=(4,), resolution=12)[4]
    fig = snapshot_figure(snap, 12, "frame", dpi=80)
    assert len(fig.images) == sum(config.layer_sizes)  # one heatmap per feature and unit
    boundary = [ax for ax in fig.axes if ax.get_title() == "Decision boundary"][0]
    assert boundary.get_window_extent().width >= 230  # pixels: large enough to read
    buf = io.BytesIO()
    fig.savefig(buf, dpi=80)
    image = Image.open(buf)
    assert image.mode == "P" and image.size == (800, 384)  # a palette frame, 10 x 4.8 in
