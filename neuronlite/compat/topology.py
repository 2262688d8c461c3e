"""h.topology(): the text tree of sections (NEURON_FACTS §6.6)."""
from ..model.world import WORLD


def _attachment_index(child):
    parent = child._parent_section()
    index = parent._node_index(child._parent_x)
    return index


def _line(sec, offset, root):
    name = "%s(%d-%d)" % (sec, sec._child_end, 1 - sec._child_end)
    if root:
        text = "|" + "-" * sec._nseg + "|       " + name
    else:
        text = " " * (1 + offset) + "`" + "-" * (sec._nseg - 1) + "|       " + name
    if sec._rallbranch != 1:
        text += " with %g rall branches" % sec._rallbranch
    return text


def _children_sorted(sec):
    def distance(child):
        x = child._parent_x
        return 1.0 - x if sec._child_end == 1.0 else x
    return sorted(sec._children_in_connection_order(), key=distance, reverse=True)


def _walk(sec, offset, root, out):
    out.append(_line(sec, offset, root))
    for child in _children_sorted(sec):
        k = _attachment_index(child)
        _walk(child, k + offset + 1, False, out)


def text():
    out = [""]
    for sec in WORLD.sections():
        if sec._parent_section() is None:
            _walk(sec, 0, True, out)
    out.append("")
    return "\n".join(out) + "\n"
