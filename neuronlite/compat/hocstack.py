"""hoc's section stack: the "currently accessed section" used when sec= is omitted."""
import weakref

from ..model.world import WORLD

_stack = []


def push(sec):
    _stack.append(weakref.ref(sec))


def pop():
    if _stack:
        _stack.pop()


def current_section():
    while _stack:
        sec = _stack[-1]()
        if sec is not None and sec._alive:
            return sec
        _stack.pop()
    ref = WORLD.accessed
    sec = ref() if ref is not None else None
    if sec is None or not sec._alive:
        live = WORLD.sections()
        if not live:
            raise RuntimeError("hocobj_call error: hoc_execerror: Section access unspecified")
        sec = live[0]
        WORLD.accessed = weakref.ref(sec)
    return sec


def reset():
    _stack.clear()
