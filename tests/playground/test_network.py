"""mlpcourse.playground.network: which unit's heatmap is at a point of the picture
(unit_at), for small and large networks and for a picture shown scaled."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlpcourse.playground.data import FEATURES
from mlpcourse.playground.figure import new_figure
from mlpcourse.playground.network import NetworkPlot, unit_at

#: Networks as the live figure lays them out: the smallest, the default, every feature
#: into the largest network the playground allows (6 layers of 16 units), and a lopsided one.
ARCHITECTURES = [(1, 1), (2, 4, 2, 1), (7, 16, 16, 16, 16, 16, 16, 1), (3, 16, 1, 1),
                 (2, 1, 8, 1)]


def _network(layer_sizes, dpi=80):
    """A NetworkPlot placed as LiveFigure places it (10 x 4.8 inches, left 0.085-0.57)."""
    fig = new_figure(10.0, 4.8, dpi=dpi)
    return NetworkPlot(fig, layer_sizes, list(FEATURES)[:layer_sizes[0]], left=0.085,
                       right=0.57)


def _units(net):
    return [(k, j) for k, layer in enumerate(net.boxes) for j in range(len(layer))]


def _label_map(net):
    """The unit (as its index in _units) of every pixel of the frame, -1 outside every
    heatmap with its one-pixel frame; fails if two heatmaps overlap."""
    W, H = net.frame_size
    labels = np.full((H, W), -1)
    for n, (k, j) in enumerate(_units(net)):
        x0, y0 = net.boxes[k][j]
        box = labels[y0 - 1:y0 + net.side + 1, x0 - 1:x0 + net.side + 1]
        assert (box == -1).all(), f"heatmap {(k, j)} overlaps another"
        box[:] = n
    return labels


@pytest.mark.parametrize("layer_sizes", ARCHITECTURES)
@pytest.mark.parametrize("dpi", [80, 144])
def test_the_centre_and_corners_of_every_heatmap_are_that_unit(layer_sizes, dpi):
    net = _network(layer_sizes, dpi)
    assert [len(layer) for layer in net.boxes] == list(layer_sizes)
    s = net.side
    for k, j in _units(net):
        x0, y0 = net.boxes[k][j]
        for x, y in [(x0 + s / 2, y0 + s / 2), (x0, y0), (x0 + s - 0.01, y0 + s - 0.01),
                     (x0 - 1, y0 + s / 2), (x0 + s / 2, y0 + s + 0.99)]:
            assert net.unit_at(x, y) == (k, j), (x, y)


@pytest.mark.parametrize("layer_sizes", ARCHITECTURES)
def test_every_pixel_maps_to_the_heatmap_drawn_there_or_to_none(layer_sizes):
    """A sweep over the whole frame (every pixel's centre, every second row and column)
    against a map painted from the boxes: between and outside the heatmaps is None."""
    net = _network(layer_sizes)
    labels, units = _label_map(net), _units(net)
    W, H = net.frame_size
    hits = set()
    for py in range(0, H, 2):
        for px in range(0, W, 2):
            found = net.unit_at(px + 0.5, py + 0.5)
            expected = None if labels[py, px] < 0 else units[labels[py, px]]
            assert found == expected, (px, py)
            hits.add(found)
    assert hits == {None, *units}


@pytest.mark.parametrize("layer_sizes", [(2, 4, 2, 1), (7, 16, 16, 16, 16, 16, 16, 1)])
def test_points_between_units_and_outside_the_picture_are_none(layer_sizes):
    net = _network(layer_sizes)
    W, H = net.frame_size
    s = net.side
    for layer in net.boxes:
        for (xa, ya), (_, yb) in zip(layer, layer[1:]):  # the gap below each heatmap
            assert net.unit_at(xa + s / 2, (ya + s + 1 + yb - 1) / 2) is None
    x0, y0 = net.boxes[0][0]
    for x, y in [(-5, y0 + s / 2), (x0 + s / 2, -3), (W + 10, H / 2), (W / 2, H + 1),
                 (W - 1, H - 1), (0, 0), (x0 - 1.5, y0 + s / 2), (x0 + s + 1, y0 + s / 2)]:
        assert net.unit_at(x, y) is None, (x, y)


@pytest.mark.parametrize("scale", [0.5, 0.731, 1.0, 1.5, 2.0])
@pytest.mark.parametrize("layer_sizes", [(2, 4, 2, 1), (7, 16, 16, 16, 16, 16, 16, 1)])
def test_a_scaled_picture_maps_the_same(layer_sizes, scale):
    net = _network(layer_sizes)
    W, H = net.frame_size
    shown = (W * scale, H * scale)
    s = net.side
    for k, j in _units(net):
        x0, y0 = net.boxes[k][j]
        assert net.unit_at((x0 + s / 2) * scale, (y0 + s / 2) * scale, shown) == (k, j)
        assert net.unit_at((x0 - 3) * scale, (y0 + s / 2) * scale, shown) is None


@settings(max_examples=200, deadline=None)
@given(px=st.integers(0, 799), py=st.integers(0, 383),
       sx=st.floats(0.2, 4.0), sy=st.floats(0.2, 4.0))
def test_scaling_the_picture_never_changes_the_unit_at_a_pixel(px, py, sx, sy):
    """Shown at any size (even stretched), the centre of a frame pixel is the same unit."""
    net = _network((3, 6, 5, 1))
    W, H = net.frame_size
    assert (net.unit_at((px + 0.5) * sx, (py + 0.5) * sy, (W * sx, H * sy))
            == net.unit_at(px + 0.5, py + 0.5))


@pytest.mark.parametrize("shown", [(0, 384), (800, 0), (-800, 384), (np.nan, 384),
                                   (800, np.inf)])
def test_a_picture_with_no_size_maps_nothing(shown):
    net = _network((2, 4, 2, 1))
    x0, y0 = net.boxes[1][0]
    assert net.unit_at(x0 + 5, y0 + 5) == (1, 0)
    assert net.unit_at(x0 + 5, y0 + 5, shown) is None


@pytest.mark.parametrize("x, y", [(np.nan, 100), (100, np.inf), (-np.inf, 0)])
def test_a_point_that_is_not_finite_maps_nothing(x, y):
    assert unit_at([[(90, 90)]], 20, (800, 384), x, y) is None


def test_unit_at_by_hand():
    """Two units, 10-pixel heatmaps at (20, 30) and (20, 50) of a 100 x 80 frame."""
    boxes, size = [[(20, 30), (20, 50)]], (100, 80)
    assert unit_at(boxes, 10, size, 25, 35) == (0, 0)
    assert unit_at(boxes, 10, size, 25, 55) == (0, 1)
    assert unit_at(boxes, 10, size, 25, 45) is None  # the gap between them
    assert unit_at(boxes, 10, size, 12.5, 17.5, shown=(50, 40)) == (0, 0)  # shown at half
    assert unit_at(boxes, 10, size, 50, 110, shown=(200, 160)) == (0, 1)  # shown at twice
