"""Walk the graph autograd records, and draw it as a small SVG."""

from html import escape


# --8<-- [start:graph-edges]
def graph_edges(tensor, names):
    """(input, output) pairs of autograd's graph for `tensor`, inputs named by `names`.

    >>> import torch
    >>> w = torch.tensor(2.0, requires_grad=True)
    >>> loss = (w * 3.0 - 1.0) ** 2
    >>> for source, target in graph_edges(loss, {id(w): "w"}):
    ...     print(source, "->", target)
    w -> MulBackward0
    MulBackward0 -> SubBackward0
    SubBackward0 -> PowBackward0
    """
    labels, edges, todo = {}, [], [tensor.grad_fn]
    while todo:
        node = todo.pop()
        if node in labels:
            continue
        variable = getattr(node, "variable", None)  # leaf tensors sit behind AccumulateGrad
        labels[node] = (
            names.get(id(variable), "leaf") if variable is not None else type(node).__name__
        )
        for parent, _ in node.next_functions:
            if parent is not None:
                edges.append((parent, node))
                todo.append(parent)
    return [(labels[a], labels[b]) for a, b in reversed(edges)]


# --8<-- [end:graph-edges]


def graph_svg(edges, width=560, row_height=70):
    """Lay the graph out in rows (inputs at the top, the result at the bottom).

    >>> svg = graph_svg([("w", "MulBackward0"), ("MulBackward0", "PowBackward0")])
    >>> svg.startswith("<svg"), svg.count("<rect")
    (True, 3)
    """
    nodes = list(dict.fromkeys(n for edge in edges for n in edge))
    depth = {n: 0 for n in nodes}
    for _ in nodes:  # longest path from an input: enough passes for a small graph
        for a, b in edges:
            depth[b] = max(depth[b], depth[a] + 1)
    rows = {}
    for n in nodes:
        rows.setdefault(depth[n], []).append(n)
    position = {}
    for level, members in rows.items():
        for i, n in enumerate(members):
            position[n] = (width * (i + 1) / (len(members) + 1), 30 + level * row_height)
    height = 60 + max(rows) * row_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="13" role="img">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>',
    ]
    for a, b in edges:
        (x1, y1), (x2, y2) = position[a], position[b]
        parts.append(
            f'<line x1="{x1:.0f}" y1="{y1 + 14:.0f}" x2="{x2:.0f}" y2="{y2 - 14:.0f}" '
            'stroke="#888" stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
    for n in nodes:
        x, y = position[n]
        box = 9 * len(n) + 20
        fill = "#fde2d3" if n[0].islower() or not n.endswith(tuple("0123456789")) else "#e8eef7"
        parts.append(
            f'<rect x="{x - box / 2:.0f}" y="{y - 14:.0f}" width="{box:.0f}" height="28" rx="6" '
            f'fill="{fill}" stroke="#555"/>'
        )
        parts.append(f'<text x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle">{escape(n)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def save_graph_svg(edges, path):
    """Write the drawing of `graph_svg` to the file `path`, for a page or a browser to show.

    >>> save_graph_svg([("w", "MulBackward0")], "graph.svg")
    >>> with open("graph.svg", encoding="utf-8") as file:
    ...     print(file.read().count("<text"))  # one label per box
    2
    """
    with open(path, "w", encoding="utf-8") as file:
        file.write(graph_svg(edges))
