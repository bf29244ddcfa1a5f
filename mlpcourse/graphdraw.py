"""Draw a computational graph of :class:`mlpcourse.autodiff.Value` nodes with matplotlib.

Each node is a box showing its name (or operation), its value and, after ``backward()``,
its gradient; arrows run from the inputs of an operation to its result. Inputs sit on the
left, the final result (usually the loss) on the right. Only matplotlib is needed (no
Graphviz). See the chapter "Backpropagation".
"""
import numpy as np

from .autodiff import topological_order

LEAF_COLOR = "#d9ead3"
OP_COLOR = "#cfe2f3"
ROOT_COLOR = "#f4cccc"
HIGHLIGHT_COLOR = "#ffe599"


def is_constant(node):
    """True for an unnamed leaf: a plain number that entered the graph (``x * 2``)."""
    return not node.parents and not node.label


def _preorder(root):
    """Rank of each node in a depth-first walk from the root, inputs in argument order."""
    rank, stack = {}, [root]
    while stack:
        node = stack.pop()
        if id(node) in rank:
            continue
        rank[id(node)] = len(rank)
        stack.extend(reversed(node.parents))
    return rank


def graph_layout(root, show_constants=False):
    """Positions of the drawn nodes, ``{id(node): (x, y)}``, and the drawn nodes in order.

    An operation's column ``x`` is its depth (the longest path from an input), so every
    arrow points right; an input sits one column left of its first use. Within a column,
    nodes follow a depth-first walk from the root, which keeps a tree free of crossings.
    Constants are left out unless ``show_constants`` (their value is shown in the box of
    the operation that uses them).
    """
    order = [n for n in topological_order(root)
             if show_constants or n is root or not is_constant(n)]
    drawn = {id(n) for n in order}
    depth, users = {}, {}
    for node in order:
        parents = [p for p in node.parents if id(p) in drawn]
        depth[id(node)] = 1 + max((depth[id(p)] for p in parents), default=-1)
        for p in parents:
            users.setdefault(id(p), []).append(node)
    for node in order:  # inputs move right, next to their first use
        if not node.parents and id(node) in users:
            depth[id(node)] = min(depth[id(u)] for u in users[id(node)]) - 1
    rank = _preorder(root)
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    pos = {}
    for x, nodes in columns.items():
        nodes.sort(key=lambda n: rank[id(n)])
        for k, node in enumerate(nodes):
            pos[id(node)] = (float(x), (len(nodes) - 1) / 2 - k)
    return pos, order


def _fmt(x, precision):
    if np.ndim(x) == 0:
        return f"{float(x):.{precision}g}"
    arr = np.asarray(x)
    if arr.size <= 3:
        return np.array2string(arr.ravel(), precision=precision, separator=", ")
    return f"array {arr.shape}"


def node_text(node, show_grad=True, precision=3, show_constants=False):
    """The text in a node's box: its name and/or operation, value, and gradient."""
    op = node.op
    if op and not show_constants:
        consts = [_fmt(p.data, precision) for p in node.parents if is_constant(p)]
        if consts:
            op = f"{op} {', '.join(consts)}"
    if node.label and op:
        title = f"{node.label} = {op}"
    else:
        title = node.label or op or "constant"
    lines = [title, f"value {_fmt(node.data, precision)}"]
    if show_grad:
        lines.append(f"grad {_fmt(node.grad, precision)}")
    return "\n".join(lines)


def draw_graph(root, ax=None, show_grad=True, title=None, precision=3, highlight=(),
               fontsize=8, show_constants=False):
    """Draw the graph that computes ``root``: one box per value, arrows from inputs.

    Parameters
    ----------
    root : Value
        The final value (usually the loss).
    ax : matplotlib Axes, optional
        Drawn into when given; otherwise a new figure sized to the graph.
    show_grad : bool
        Show each node's ``.grad`` (call ``root.backward()`` first).
    title : str, optional
    precision : int
        Significant digits of the numbers shown.
    highlight : collection of Value
        Nodes drawn in yellow (e.g. the ones a text is talking about).
    fontsize : float
    show_constants : bool
        Draw plain numbers as their own boxes (by default they are written into the box
        of the operation that uses them: ``- 1``, ``* 2``).

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt

    pos, order = graph_layout(root, show_constants)
    lowest = min(x for x, _ in pos.values())
    pos = {k: (x - lowest, y) for k, (x, y) in pos.items()}
    width = max(x for x, _ in pos.values()) + 1
    height = max(abs(y) for _, y in pos.values()) * 2 + 1
    if ax is None:
        ax = plt.subplots(figsize=(1.9 * width + 0.6, 1.0 * height + 1.0))[1]
    marked = {id(n) for n in highlight}
    boxes = {}
    for node in order:
        if id(node) in marked:
            color = HIGHLIGHT_COLOR
        elif node is root:
            color = ROOT_COLOR
        else:
            color = LEAF_COLOR if not node.parents else OP_COLOR
        x, y = pos[id(node)]
        text = node_text(node, show_grad, precision, show_constants)
        boxes[id(node)] = ax.text(x, y, text, ha="center", va="center", fontsize=fontsize,
                                  zorder=3, bbox={"boxstyle": "round,pad=0.4",
                                                  "facecolor": color, "edgecolor": "0.3"})
    for node in order:
        for parent in node.parents:
            if id(parent) not in boxes:
                continue
            ax.annotate("", xy=(0.0, 0.5), xycoords=boxes[id(node)], xytext=(1.0, 0.5),
                        textcoords=boxes[id(parent)], zorder=2,
                        arrowprops={"arrowstyle": "-|>", "color": "0.35", "lw": 1,
                                    "shrinkA": 2, "shrinkB": 2})
    ax.set_xlim(-0.6, width - 0.4)
    ax.set_ylim(-height / 2, height / 2)
    ax.set_axis_off()
    ax.set_title(title or "Computational graph (inputs left, result right)")
    return ax
