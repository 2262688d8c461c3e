"""The set of live model objects and the change counters the engine watches.

Sections and point processes register here weakly: as in NEURON, a section
created from Python disappears when its last Python reference goes.
"""
import itertools
import sys
import weakref

from .. import hooks


class World:
    def __init__(self):
        self.reset()

    def reset(self):
        self._sections = {}          # creation id -> weakref(Section)
        self._section_ids = itertools.count()
        self.point_processes = weakref.WeakSet()
        self.netcons = []            # NetCon objects (strong, like NEURON's list)
        self.structure_version = 0
        self.value_version = 0
        self.hoc_counters = {}
        self.accessed = None        # weakref of the default section (first created)

    # -- sections --------------------------------------------------------------
    def add_section(self, section, notify=True):
        sid = next(self._section_ids)
        self._sections[sid] = weakref.ref(section, lambda _ref, sid=sid: self._forget(sid))
        if self.accessed is None or self.accessed() is None:
            self.accessed = weakref.ref(section)
        if notify:
            self.structure_changed()
        return sid

    def _forget(self, sid):
        if sys.is_finalizing():
            return  # interpreter shutdown: modules are being torn down, nobody listens
        if self._sections.pop(sid, None) is not None:
            self.structure_changed()

    def remove_section(self, sid):
        self._forget(sid)

    def sections(self):
        """Live sections in creation order."""
        out = []
        for sid in sorted(self._sections):
            sec = self._sections[sid]()
            if sec is not None and sec._alive:
                out.append(sec)
        return out

    def next_hoc_index(self, class_name):
        index = self.hoc_counters.get(class_name, 0)
        self.hoc_counters[class_name] = index + 1
        return index

    # -- change notification ---------------------------------------------------
    def structure_changed(self):
        self.structure_version += 1
        if hooks.has_listeners("structure_changed"):
            hooks.emit("structure_changed")

    def value_changed(self, owner=None, name=None):
        self.value_version += 1
        if hooks.has_listeners("value_changed"):
            hooks.emit("value_changed", owner=owner, name=name)


WORLD = World()
