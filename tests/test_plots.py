"""The plotting helpers draw into the given axes, with titles and labels."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse import MLP, History  # noqa: E402
from mlpcourse import plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_grid_over():
    xx, yy, points = plots.grid_over(np.array([[0.0, 0.0], [1.0, 2.0]]), resolution=5,
                                     padding=0.5)
    assert xx.shape == yy.shape == (5, 5) and points.shape == (25, 2)
    assert points.min(axis=0).tolist() == [-0.5, -0.5]
    assert points.max(axis=0).tolist() == [1.5, 2.5]


@pytest.mark.parametrize("k, out", [(1, "sigmoid"), (3, "softmax")])
def test_decision_boundary_of_a_network(k, out):
    X = np.random.default_rng(0).normal(size=(30, 2))
    y = np.arange(30) % k if k > 1 else (X[:, 0] > 0).astype(int)
    net = MLP([2, 4, k], activation="tanh", output_activation=out, seed=0)
    fig, ax = plt.subplots()
    assert plots.plot_decision_boundary(net, X, y, ax=ax, resolution=20) is ax
    assert ax.get_title() == "Decision boundary"
    assert ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.collections) >= 1 + len(np.unique(y))


def test_decision_boundary_of_a_function_float32_and_lists():
    net = MLP([2, 1], output_activation="sigmoid", dtype="float32", seed=0)
    ax = plots.plot_decision_boundary(net, [[0.0, 1.0], [1.0, 0.0]], [0, 1], resolution=10,
                                      title="float32")
    assert ax.get_title() == "float32"
    ax = plots.plot_decision_boundary(lambda P: (P[:, 0] > 0).astype(float),
                                      np.array([[-1.0, 0.0], [1.0, 0.0]]), [0, 1],
                                      resolution=10)
    assert ax.get_xlabel() == "$x_1$"


def test_plot_history():
    history = History(loss=[1.0, 0.5, 0.25], val_loss=[1.1, 0.6, 0.4], diverged=4)
    ax = plots.plot_history(history, log=True)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["training loss", "validation loss", "diverged"]
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"
    ax = plots.plot_history(History(loss=[1.0, 0.5]))
    assert len(ax.get_lines()) == 1 and ax.get_title() == "Learning curve"


def test_neuron_positions():
    pos = plots.neuron_positions([2, 20, 1], max_units=8)
    assert [len(p) for p in pos] == [2, 8, 1]
    assert pos[2] == [(2.0, 0.0)]


def test_draw_network():
    net = MLP([2, 3, 1], seed=0)
    ax = plots.draw_network(net.layer_sizes, weights=net.weights,
                            node_labels={(0, 0): "x1", (1, "bias"): "b"},
                            edge_labels={(0, 0, 0): "w"})
    assert ax.get_title() == "2-3-1 network, 13 parameters"
    texts = [t.get_text() for t in ax.texts]
    assert "x1" in texts and "b" in texts and "w" in texts
    ax = plots.draw_network([4, 30, 2], show_bias=False, title="big")
    assert ax.get_title() == "big" and any("(30 units)" in t.get_text() for t in ax.texts)


# -- colours for every reader ------------------------------------------------------------
# Colour-vision deficiency simulation (Machado, Oliveira and Fernandes 2009, severity 1),
# applied to linear RGB; distances are CIE76 Delta E in CIELAB (D65).
CVD = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}
RGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                       [0.0193, 0.1192, 0.9505]])
WHITE = RGB_TO_XYZ.sum(axis=1)


def to_lab(colors, vision="normal"):
    """CIELAB coordinates of colours (names or hex) as seen with a given colour vision."""
    from matplotlib.colors import to_rgb

    srgb = np.array([to_rgb(c) for c in colors])
    lin = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    lin = np.clip(lin @ CVD[vision].T, 0, 1)
    t = (lin @ RGB_TO_XYZ.T) / WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.column_stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]),
                            200 * (f[:, 1] - f[:, 2])])


def min_distance(colors, vision):
    lab = to_lab(colors, vision)
    d = np.linalg.norm(lab[:, None] - lab[None], axis=-1)
    return d[np.triu_indices(len(colors), 1)].min()


def test_lab_conversion_by_hand():
    # white is L* = 100, a* = b* = 0; black is 0; sRGB red is about (53.2, 80.1, 67.2)
    lab = to_lab(["white", "black", "#ff0000"])
    assert np.allclose(lab[:2], [[100, 0, 0], [0, 0, 0]], atol=0.05)
    assert np.allclose(lab[2], [53.24, 80.09, 67.20], atol=0.3)


@pytest.mark.parametrize("vision", list(CVD))
@pytest.mark.parametrize("palette", ["LINE_COLORS", "CLASS_COLORS"])
def test_palette_colours_stay_apart_for_colour_blind_readers(palette, vision):
    """The first five colours differ by Delta E > 10 under every colour vision (the old
    tab10 red and green do not: see the next test)."""
    assert min_distance(getattr(plots, palette)[:5], vision) > 10


def test_the_old_palette_fails_the_same_check():
    tab10 = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
    assert min_distance(tab10, "deuteranopia") < 10


def test_class_markers_differ_too():
    assert len(set(plots.CLASS_MARKERS)) == len(plots.CLASS_MARKERS) == len(plots.CLASS_COLORS)


@pytest.mark.parametrize("vision", list(CVD))
def test_sequential_map_lightness_rises_for_every_reader(vision):
    from matplotlib import colormaps

    lightness = to_lab(colormaps[plots.SEQUENTIAL_CMAP](np.linspace(0, 1, 64))[:, :3],
                       vision)[:, 0]
    assert np.all(np.diff(lightness) > 0)
    assert lightness[-1] - lightness[0] > 60


@pytest.mark.parametrize("vision", list(CVD))
def test_diverging_map_is_light_at_the_centre_and_its_ends_differ(vision):
    from matplotlib import colormaps

    lab = to_lab(colormaps[plots.DIVERGING_CMAP](np.linspace(0, 1, 65))[:, :3], vision)
    lightness = lab[:, 0]
    assert lightness.argmax() in range(28, 37)  # lightest near the centre (index 32)
    assert np.all(np.diff(lightness[:30]) > 0) and np.all(np.diff(lightness[35:]) < 0)
    assert np.linalg.norm(lab[0] - lab[-1]) > 30  # the two signs stay apart


def test_binary_classes_take_the_colours_of_the_map_ends():
    """Class 0 is blue like probabilities near 0, class 1 red like those near 1."""
    from matplotlib import colormaps

    def hue(lab):
        return np.degrees(np.arctan2(lab[:, 2], lab[:, 1]))

    classes = hue(to_lab(plots.CLASS_COLORS[:2]))
    ends = hue(to_lab(colormaps[plots.DIVERGING_CMAP]([0.0, 1.0])[:, :3]))
    apart = np.abs((classes[:, None] - ends[None] + 180) % 360 - 180)  # [class, end]
    assert apart[0, 0] < apart[0, 1] and apart[1, 1] < apart[1, 0]
    assert apart[0, 0] < 45 and apart[1, 1] < 45


def test_decision_boundary_uses_the_palette_and_markers():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    ax = plots.plot_decision_boundary(lambda P: P[:, :1] * 0 + 0.3, X, [0, 1, 1],
                                      resolution=10)
    scatters = ax.collections[-2:]
    from matplotlib.colors import to_hex

    assert [to_hex(s.get_facecolor()[0]) for s in scatters] == [
        c.lower() for c in plots.CLASS_COLORS[:2]]
    assert scatters[0].get_paths()[0] != scatters[1].get_paths()[0]  # circle vs square


def test_course_style_sets_the_defaults():
    import matplotlib
    from matplotlib.colors import to_hex

    with matplotlib.rc_context():
        plots.use_course_style(shell=None)
        cycle = [to_hex(c["color"]) for c in matplotlib.rcParams["axes.prop_cycle"]]
        assert cycle == [c.lower() for c in plots.LINE_COLORS]
        assert matplotlib.rcParams["image.cmap"] == "cividis"


def test_inline_png_is_twice_the_pixels_at_the_figure_size():
    import base64
    import io

    from PIL import Image

    fig, ax = plt.subplots(figsize=(3, 2), dpi=100)
    ax.plot([0, 1], [1, 0])
    data, meta = plots.inline_png(fig)
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert image.mode == "P"
    # cropped tight, so a little under 300 x 200; twice that in pixels
    assert 0.8 * 300 < meta["width"] <= 300 and 0.8 * 200 < meta["height"] <= 200
    assert abs(image.size[0] - 2 * meta["width"]) <= 1
    assert plots.inline_png(plt.figure()) is None  # an empty figure shows nothing


def test_kernels_of_the_environment_draw_2x_palette_figures(tmp_path):
    """In a kernel of this environment (the one that builds the book), the course style is
    on: a figure comes out at 2x pixels with its display size, and the first cell still
    has execution count 1 (nbval compares checked cells by it)."""
    import base64
    import io
    import sys as _sys
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient
    from PIL import Image

    config = Path(_sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
    source = Path(__file__).resolve().parents[1] / "tools" / "ipython_kernel_config.py"
    assert config.is_file() and config.read_text() == source.read_text(), (
        "the environment's kernel configuration is missing or stale: run `make venv`")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots(figsize=(4, 3))\nax.plot([0, 1])\nplt.show()")])
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={
        "metadata": {"path": str(tmp_path)}}).execute()
    cell = nb.cells[0]
    assert cell.execution_count == 1
    [out] = [o for o in cell.outputs if "image/png" in o.get("data", {})]
    image = Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"])))
    width = out["metadata"]["image/png"]["width"]
    assert image.mode == "P" and abs(image.size[0] - 2 * width) <= 1 and width <= 400
