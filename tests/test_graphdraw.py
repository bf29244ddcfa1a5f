"""Tests of mlpcourse.graphdraw: layout, node text, and that drawing works headless."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mlpcourse.autodiff import Value  # noqa: E402
from mlpcourse.graphdraw import draw_graph, graph_layout, is_constant, node_text  # noqa: E402


@pytest.fixture
def neuron():
    x, w, b = Value(2.0, "x"), Value(-0.5, "w"), Value(0.25, "b")
    z = x * w + b
    z.label = "z"
    loss = (z.tanh() - 1.0) ** 2
    loss.label = "loss"
    loss.backward()
    return loss, (x, w, b, z)


def test_layout_arrows_point_right(neuron):
    loss, _ = neuron
    pos, order = graph_layout(loss)
    for node in order:
        for parent in node.parents:
            if id(parent) in pos:
                assert pos[id(parent)][0] < pos[id(node)][0]
    assert pos[id(loss)][0] == max(x for x, _ in pos.values())


def test_constants_are_folded_unless_asked(neuron):
    loss, _ = neuron
    _, order = graph_layout(loss)
    assert not any(is_constant(n) for n in order)
    _, with_constants = graph_layout(loss, show_constants=True)
    assert len(with_constants) == len(order) + 1  # the 1.0 in (tanh - 1)
    minus = next(n for n in order if n.op == "-")
    assert node_text(minus).splitlines()[0] == "- 1"


def test_node_text_shows_value_and_gradient(neuron):
    _, (x, w, b, z) = neuron
    lines = node_text(w).splitlines()
    assert lines[0] == "w"
    assert lines[1] == "value -0.5"
    assert lines[2].startswith("grad ") and float(lines[2][5:]) == pytest.approx(w.grad, rel=1e-2)
    assert node_text(z).splitlines()[0] == "z = +"
    assert len(node_text(w, show_grad=False).splitlines()) == 2


def test_node_text_for_arrays():
    small, big = Value(np.array([1.0, 2.0])), Value(np.ones((3, 4)))
    assert "[1., 2.]" in node_text(small)
    assert "array (3, 4)" in node_text(big)


def test_draw_graph_makes_one_box_per_node(neuron):
    loss, (x, w, b, z) = neuron
    ax = draw_graph(loss, highlight=[z], title="A neuron")
    assert ax.get_title() == "A neuron"
    boxes = [t for t in ax.texts if t.get_bbox_patch() is not None]
    _, order = graph_layout(loss)
    assert len(boxes) == len(order)
    n_edges = sum(1 for n in order for p in n.parents if not is_constant(p))
    assert len([c for c in ax.get_children()
                if isinstance(c, matplotlib.text.Annotation)]) == n_edges
    ax.figure.savefig(__import__("io").BytesIO(), format="png")
    plt.close(ax.figure)


def test_draw_graph_into_given_axes_and_single_node():
    fig, ax = plt.subplots()
    v = Value(3.0)
    v.backward()
    assert draw_graph(v, ax=ax) is ax
    assert "constant" in ax.texts[0].get_text()
    plt.close(fig)
