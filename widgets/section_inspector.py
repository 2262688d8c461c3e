"""SectionInspector: psection() of one section or of the whole model, live and editable."""

import contextlib
import html
import io
import pprint

import ipywidgets as widgets

from . import _api
from ._runner import soon
from .controls import MODEL_ERRORS, NumberField

_NSEG_ERROR = "nseg must be an integer in range 1 to 32767"


def _uniform(values):
    """One number for a per-segment list, or 'a … b' when segments differ."""
    values = list(values)
    if not values:
        return "?"
    low, high = min(values), max(values)
    if low == high:
        return low
    return "%s \u2026 %s" % (_api.fmt(low), _api.fmt(high))


def _printed(function, **kwargs):
    """What an h function that prints (h.psection, h.topology) prints, as text."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        function(**kwargs)
    return buffer.getvalue()


def _check_positive(name, value):
    if not value > 0:
        raise ValueError("%s must be > 0." % name)
    return value


def _check_nseg(value):
    if value != int(value) or not 1 <= value <= 32767:
        raise ValueError(_NSEG_ERROR)
    return int(value)


def _check_cm(value):
    if value < 0:
        raise ValueError("cm must be >= 0.")
    return value


class SectionInspector(widgets.VBox):
    """What ``psection()`` says about a section, kept up to date and editable in place.

    Parameters
    ----------
    sec : Section, optional
        Show only this section.  Without it the whole model is shown as a tree
        (like ``h.topology()``); pick a section to see and edit it.

    Geometry (L, diam, Ra, cm, nseg) and mechanism parameters are text boxes:
    a value is checked, then assigned through the public API; a bad value
    shows the error next to the box and changes nothing.
    """

    def __init__(self, sec=None):
        self.fixed = sec is not None
        self._section = _api.weak(sec)
        self._tree_rows = []  # (weak section, depth, label of the parent segment)
        self.fields = {}  # "L", "pas.g", "AlphaSynapse[0].gmax", ... -> NumberField
        self._retired = []
        self._quiet = False
        self.title = widgets.HTML("<b>Sections</b>")
        self.tree = widgets.Select(options=[], rows=6, layout=widgets.Layout(width="340px"))
        self.tree.observe(self._on_pick, names="value")
        if self.fixed:
            self.tree.layout.display = "none"
        self.details = widgets.VBox([])
        self.readout = widgets.HTML("")
        self.psection_text = widgets.HTML("")
        self.topology_text = widgets.HTML("")
        self.psection_box = widgets.Accordion(children=[self.psection_text, self.topology_text])
        self.psection_box.set_title(0, "h.psection() and sec.psection()")
        self.psection_box.set_title(1, "h.topology()")
        self.psection_box.selected_index = None
        self.psection_box.observe(lambda _change: self._refresh_texts(), names="selected_index")
        super().__init__([self.title, self.tree, self.details, self.readout, self.psection_box],
                         layout=widgets.Layout(padding="4px"))
        self._subscriptions = _api.Subscriptions(
            self, structure_changed="_on_structure", value_changed="_on_value",
            run_finished="_on_run")
        self.rebuild()

    # ---------------------------------------------------------------- selection

    @property
    def section(self):
        """The section shown (None when there is none or it was deleted)."""
        sec = self._section() if self._section is not None else None
        return sec if sec is not None and _api.is_alive(sec) else None

    @section.setter
    def section(self, sec):
        self._section = _api.weak(sec)

    def select(self, sec):
        """Show ``sec`` (also called by ShapePlot when a section is clicked)."""
        self.section = sec
        self._sync_tree_selection()
        self._build_details()

    def _on_pick(self, change):
        if self._quiet or change["new"] is None:
            return
        index = change["new"]
        if 0 <= index < len(self._tree_rows):
            self.section = self._tree_rows[index][0]()
            self._build_details()

    def _sync_tree_selection(self):
        current = self.section
        for index, (ref, _depth, _parent) in enumerate(self._tree_rows):
            if current is not None and ref() is current:
                self._quiet = True
                try:
                    self.tree.value = index
                finally:
                    self._quiet = False
                return

    # ----------------------------------------------------------------- building

    def rebuild(self):
        """Re-read the model's structure (sections, mechanisms, point processes)."""
        rows = [] if self.fixed else _api.walk_tree()
        self._tree_rows = [(_api.weak(sec), depth, str(parent)) for sec, depth, parent in rows]
        if not self.fixed:
            if self.section is None and rows:
                self.section = rows[0][0]
            self._quiet = True
            try:
                self.tree.options = [(self._tree_label(sec, depth, parent), index)
                                     for index, (sec, depth, parent) in enumerate(rows)]
            finally:
                self._quiet = False
            self.tree.rows = min(max(len(rows), 2), 12)
            self._sync_tree_selection()
        del rows  # no strong reference to a section may outlive this call
        self._build_details()

    @staticmethod
    def _tree_label(sec, depth, parent):
        name = _api.section_name(sec)
        nseg = int(sec.nseg)
        if depth == 0:
            return "%s  (nseg=%d)" % (name, nseg)
        return "%s\u2514 %s  at %s  (nseg=%d)" % ("\u00a0\u00a0\u00a0" * (depth - 1), name,
                                                   parent, nseg)

    def _build_details(self):
        self._retired.extend(self.details.children)
        self.fields = {}
        sec = self.section
        if sec is None:
            self.title.value = "<b>Sections</b>: none yet (create one with h.Section)"
            self.details.children = []
            self.psection_text.value = ""
            self.readout.value = ""
            return
        parent = _api.parent_segment(sec)
        self.title.value = "<b>%s</b> %s" % (
            html.escape(_api.section_name(sec)),
            "(root)" if parent is None else "attached to %s" % html.escape(str(parent)))
        rows = [widgets.HTML("<i>geometry</i>")]
        rows += self._geometry_fields(sec)
        rows += self._mechanism_rows(sec)
        rows += self._point_process_rows(sec)
        self.details.children = rows
        self._refresh_readouts()
        self._close_retired()

    def _close_retired(self):
        # Closed one build late: a field may be rebuilding the panel from its own callback.
        keep = set(map(id, self.details.children))
        retired, self._retired = self._retired, []
        for widget in retired:
            if id(widget) not in keep:
                soon(widget, "close")

    def _field(self, key, label, read, apply):
        field = NumberField(label, read, apply)
        self.fields[key] = field
        return field

    def _geometry_fields(self, sec):
        ref = _api.weak(sec)  # closures hold the section weakly (see _api.weak)

        def assign(name, check):
            def apply(value):
                # NEURON: sec.diam = x (and sec.cm = x) sets every segment
                setattr(_api.deref(ref), name, check(value))
            return apply

        def per_segment(name):
            return lambda: _uniform(getattr(seg, name) for seg in _api.deref(ref))

        return [
            self._field("L", "L (\u00b5m)", lambda: _api.deref(ref).L,
                        assign("L", lambda v: _check_positive("L", v))),
            self._field("diam", "diam (\u00b5m)", per_segment("diam"),
                        assign("diam", lambda v: _check_positive("diam", v))),
            self._field("Ra", "Ra (\u03a9\u00b7cm)", lambda: _api.deref(ref).Ra,
                        assign("Ra", lambda v: _check_positive("Ra", v))),
            self._field("cm", "cm (\u00b5F/cm\u00b2)", per_segment("cm"),
                        assign("cm", _check_cm)),
            self._field("nseg", "nseg", lambda: _api.deref(ref).nseg,
                        assign("nseg", _check_nseg)),
        ]

    def _mechanism_rows(self, sec):
        ref = _api.weak(sec)
        rows = []
        for mech, variables in self._psection(sec).get("density_mechs", {}).items():
            declared = {p.name: p for p in _api.parameters_of(mech)}
            names = [name for name in variables if not declared or name in declared]
            rows.append(widgets.HTML("<i>%s</i>" % html.escape(mech)))
            for name in names:
                unit = declared[name].unit if name in declared else ""
                label = "%s (%s)" % (name, unit) if unit else name

                def read(mech=mech, name=name):
                    return _uniform(getattr(getattr(seg, mech), name)
                                    for seg in _api.deref(ref))

                def apply(value, mech=mech, name=name):
                    for seg in _api.deref(ref):
                        setattr(getattr(seg, mech), name, value)

                rows.append(self._field("%s.%s" % (mech, name), label, read, apply))
        return rows

    def _point_process_rows(self, sec):
        rows = []
        for _kind, objects in self._psection(sec).get("point_processes", {}).items():
            for pp in sorted(objects, key=str):
                try:
                    where = " at %s" % pp.get_segment()
                except (AttributeError, TypeError, RuntimeError):
                    where = ""
                rows.append(widgets.HTML("<i>%s%s</i>" % (html.escape(str(pp)),
                                                          html.escape(where))))
                pp_ref = _api.weak(pp)
                for param in _api.parameters_of(pp):
                    label = "%s (%s)" % (param.name, param.unit) if param.unit else param.name

                    def read(pp_ref=pp_ref, name=param.name):
                        return getattr(_api.deref(pp_ref, "point process"), name)

                    def apply(value, pp_ref=pp_ref, name=param.name):
                        setattr(_api.deref(pp_ref, "point process"), name, value)

                    rows.append(self._field("%s.%s" % (pp, param.name), label, read, apply))
        return rows

    @staticmethod
    def _psection(sec):
        try:
            return sec.psection()
        except MODEL_ERRORS:
            return {}

    # ---------------------------------------------------------------- refreshing

    def refresh(self):
        """Re-read every value shown (cheap; no structural rebuild)."""
        if self._section is not None and self.section is None:
            self.rebuild()
            return
        for field in self.fields.values():
            field.refresh()
        self._refresh_readouts()

    def _refresh_readouts(self):
        sec = self.section
        if sec is None:
            return
        try:
            middle = sec(0.5)
            self.readout.value = "v(%s) = <b>%s</b> mV at t = %s ms" % (
                html.escape(str(middle)), _api.fmt(float(middle.v)),
                _api.fmt(float(_api.get_h().t)))
        except MODEL_ERRORS as exc:
            self.readout.value = html.escape(_api.describe_error(exc))
        self._refresh_texts()

    def _refresh_texts(self):
        """NEURON's printed forms, re-read while shown (or when never filled yet)."""
        sec = self.section
        if sec is None:
            return
        opened = self.psection_box.selected_index
        if opened == 0 or not self.psection_text.value:
            h = _api.get_h()
            self.psection_text.value = "<pre>%s\n%s</pre>" % (
                html.escape(_printed(h.psection, sec=sec)),
                html.escape(pprint.pformat(self._psection(sec), sort_dicts=False, width=90)))
        if opened == 1 or not self.topology_text.value:
            self.topology_text.value = "<pre>%s</pre>" % html.escape(
                _printed(_api.get_h().topology))

    def _on_structure(self, **_info):
        soon(self, "rebuild")

    def _on_value(self, **_info):
        soon(self, "refresh")

    def _on_run(self, **_info):
        soon(self, "_refresh_readouts")

    def close(self):
        self._subscriptions.close()
        for widget in list(self.details.children) + self._retired:
            widget.close()
        super().close()
