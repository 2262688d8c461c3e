"""Connecting, disconnecting and deleting sections (NEURON_FACTS §2.4, §7)."""
import sys
import weakref

from . import errors
from .segment import Segment, resolve_node
from .world import WORLD


def _is_ancestor(candidate, sec):
    node = sec
    while node is not None:
        if node is candidate:
            return True
        node = node._parent_section()
    return False


def _loop_path(child, parent):
    path = [parent]
    node = parent._parent_section()
    while node is not None and node is not child:
        path.append(node)
        node = node._parent_section()
    return [child] + path[::-1]


def connect(child, parent, parent_x=None, child_end=None):
    from .section import Section
    if isinstance(parent, Segment):
        if child_end is not None:
            raise TypeError("connect(segment[, child_end]) takes at most 2 arguments")
        child_end = 0.0 if parent_x is None else parent_x
        parent_sec, parent_x = parent.sec, parent.x
    elif isinstance(parent, Section):
        parent_sec = parent
        parent_x = 1.0 if parent_x is None else parent_x
        child_end = 0.0 if child_end is None else child_end
    else:
        raise TypeError(errors.CONNECT_TYPE)
    parent_sec._check()
    try:
        parent_x = float(parent_x)
        child_end = float(child_end)
    except (TypeError, ValueError):
        raise TypeError("connect positions must be numbers") from None
    if child_end not in (0.0, 1.0):
        raise ValueError(errors.CHILD_END)
    if not 0.0 <= parent_x <= 1.0:
        raise ValueError(errors.PARENT_X)
    if parent_sec is child:
        sys.stderr.write("%s connection to %s will form a loop\n" % (child, child))
        raise RuntimeError("hoc_execerror: a connection will form loop")
    if _is_ancestor(child, parent_sec):
        names = " ".join(str(s) for s in _loop_path(child, parent_sec) + [child])
        raise RuntimeError(
            "A loop exists involving section %s (%s): connecting it to %s(%g) would close "
            "the loop; the connection was not made" % (child, names, parent_sec, parent_x))
    old = child._parent_section()
    if old is not None:
        sys.stderr.write("Notice: %s(%g) had previously been connected to parent %s(%g)\n"
                         % (child, child._child_end, old, child._parent_x))
        _detach(child)
    d = child.__dict__
    d["_parent"] = weakref.ref(parent_sec)
    d["_parent_x"] = parent_x
    d["_child_end"] = child_end
    parent_sec._children.append(weakref.ref(child))
    # a root's own x=0 node is freed when it gets a parent: NEURON's recordings of it
    # stop (0 samples); without this they read whatever the node number now means
    for ref in list(child._refs):
        if ref.index == -1:
            ref.discarded = True
    _relocate_point_processes()
    WORLD.structure_changed()


def _detach(child):
    parent = child._parent_section()
    if parent is not None:
        parent.__dict__["_children"] = [r for r in parent._children if r() is not child]
    d = child.__dict__
    d["_parent"] = None
    d["_parent_x"] = 1.0
    d["_child_end"] = 0.0


def disconnect(child):
    if child._parent_section() is not None:
        _detach(child)
        _relocate_point_processes()
        WORLD.structure_changed()


def _relocate_point_processes():
    """Point processes placed at section ends follow the ends to their new nodes."""
    for pp in list(WORLD.point_processes):
        if pp._section() is not None:
            pp._relocate()


def trueparentseg(sec):
    parent = sec._parent_section()
    x = sec._parent_x
    while parent is not None and parent._node_index(x) == -1:
        x = parent._parent_x
        parent = parent._parent_section()
    return None if parent is None else parent(x)


def delete(sec):
    """h.delete_section: the section disappears; children become roots."""
    if not sec._alive:
        return
    for child in sec.children():
        _detach(child)
    _detach(sec)
    sec.__dict__["_alive"] = False
    for pp_ref in sec._point_processes:
        pp = pp_ref()
        if pp is None:
            continue
        placed = pp._placed_on()
        if placed is not None and placed[0] is not sec:
            pp._attach(*resolve_node(*placed))   # placed at a child's end: stays there
        else:
            pp._unlocate()
    sec.__dict__["_point_processes"] = []
    WORLD.remove_section(sec._id)
    WORLD.structure_changed()
