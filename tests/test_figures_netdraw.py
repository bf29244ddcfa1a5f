"""mlpcourse.figures.netdraw: layout, label placement without overlaps, styles by sign."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse.figures.netdraw import (NEGATIVE, NEUTRAL, POSITIVE, _overlap,  # noqa: E402
                                       _style, connections, draw_labelled_network, layout,
                                       place_labels)


def test_layout_numbers_units_from_the_top():
    nodes, biases = layout([2, 3, 1])
    assert nodes[(1, 0)][1] > nodes[(1, 1)][1] > nodes[(1, 2)][1]
    assert nodes[(0, 0)][1] > nodes[(0, 1)][1]
    assert nodes[(2, 0)][1] == 0.0
    assert set(biases) == {0, 1}  # no bias neuron above the output layer
    assert all(y > max(yy for _, yy in nodes.values()) for _, y in biases.values())


def test_connections_include_the_bias_as_last_source():
    nodes, biases = layout([2, 3, 1])
    keys = [key for key, _, _ in connections([2, 3, 1], nodes, biases)]
    assert len(keys) == (2 + 1) * 3 + (3 + 1) * 1
    assert (0, 2, 1) in keys and (1, 3, 0) in keys  # the two bias neurons


def test_overlap_of_boxes():
    assert _overlap((0, 0, 2, 2), (1, 1, 2, 2)) == pytest.approx(1.0)
    assert _overlap((0, 0, 1, 1), (3, 0, 1, 1)) == 0.0


def test_place_labels_avoids_each_other_and_obstacles():
    # three segments crossing at one point: the middle is forbidden to all but one label
    a, b, c = (0, 0, 0), (0, 1, 0), (0, 2, 0)  # (layer, source, target)
    segments = [(a, (0, 0), (4, 4)), (b, (0, 4), (4, 0)), (c, (0, 2), (4, 2))]
    sizes = {k: (0.6, 0.3) for k in (a, b, c)}
    obstacle = (0.0, 0.0, 1.0, 1.0)
    placed = place_labels(segments, sizes, [obstacle])
    boxes = {k: (*placed[k], *sizes[k]) for k in placed}
    assert set(placed) == {a, b, c}
    for k, box in boxes.items():
        assert _overlap(box, obstacle) == 0, k
        for other in boxes:
            if other != k:
                assert _overlap(box, boxes[other]) == 0, (k, other)


def _label_boxes(ax):
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts
            if t.get_bbox_patch() is not None and t.get_text() and t.get_zorder() == 4]


@pytest.mark.parametrize("sizes", [[2, 3, 1], [2, 2, 1]])
def test_every_edge_label_is_drawn_and_none_overlap(sizes):
    rng = np.random.default_rng(0)
    nodes, biases = layout(sizes)
    keys = [key for key, _, _ in connections(sizes, nodes, biases)]
    text = {key: f"{rng.normal() * 3:.2f}".replace("-", "\u2212") for key in keys}
    values = [rng.normal(size=(a + 1, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    fig = plt.figure(figsize=(6.6, 4.4))
    ax = fig.add_axes([0, 0, 1, 0.9])
    placed = draw_labelled_network(sizes, ax, edge_text=text, edge_values=values)
    assert set(placed) == set(keys)
    boxes = _label_boxes(ax)
    assert len(boxes) == len(keys)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two connection labels overlap"
    plt.close(fig)


def test_styles_follow_the_sign_and_size_of_the_values():
    big, small, neg = _style(2.0, 2.0), _style(0.5, 2.0), _style(-1.0, 2.0)
    assert big["color"] == POSITIVE and neg["color"] == NEGATIVE
    assert big["linewidth"] > small["linewidth"]
    assert big["linestyle"] == "-" and neg["linestyle"] != "-"  # not by colour alone
    assert _style(None, 1.0)["color"] == NEUTRAL == _style(0.0, 1.0)["color"]


def test_nan_marks_a_connection_not_involved():
    fig, ax = plt.subplots()
    values = [None, np.array([[1.0], [-2.0], [np.nan]])]
    draw_labelled_network([1, 2, 1], ax, edge_values=values)
    colours = [line.get_color() for line in ax.lines]
    assert NEUTRAL in colours and POSITIVE in colours and NEGATIVE in colours
    assert all(np.isfinite(line.get_linewidth()) for line in ax.lines)
    plt.close(fig)
