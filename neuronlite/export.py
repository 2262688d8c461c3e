"""Write the current model as a plain NEURON script: the path from neuronlite to NEURON.

``to_neuron_script()`` reads the live model objects (sections, mechanisms,
point processes, NetCons, recordings, run settings) and prints Python that
builds the same model with ``from neuron import h``.  Run under NEURON 9 the
script reproduces neuronlite's traces; with the import line changed to
``from neuronlite import h`` it runs here unchanged.

Only what differs from NEURON's defaults is written (mechanism SPECs give the
defaults), so the script reads like one a person would write.  Numbers are
printed with ``repr`` so every value crosses over exactly.  Recorded Vectors
are named after their hoc name (``Vector[3]`` -> ``vec_3``), which
:func:`recorded_vectors` uses too, so results can be compared name by name.
"""
import keyword
import math
import re
import textwrap

from . import mechanisms
from .compat.stdrun import STDRUN
from .engine import random123
from .engine.simulation import SIM
from .mechanisms import netstim
from .mechanisms.base import ARTIFICIAL, ION
from .model import rangevar
from .model.ref import Ref
from .model.section import DEFAULT_CM, DEFAULT_DIAM, DEFAULT_L, DEFAULT_RA
from .model.world import WORLD

__all__ = ["to_neuron_script", "recorded_vectors"]

_POINT_TYPES = mechanisms.POINT_ORDER + mechanisms.ARTIFICIAL_ORDER
# names the script itself uses; model objects must not shadow them
_RESERVED = {"h", "np", "seg", "value", "save_results"}


def to_neuron_script(path=None, run=True, save="results.npz"):
    """The current model as a NEURON Python script (text); also written to ``path`` if given.

    Parameters
    ----------
    path : str or path-like, optional
        File to write the script to.
    run : bool
        End the script with ``h.run()`` (stdrun: finitialize(v_init), then to tstop).
    save : str or None
        After the run, save every recorded Vector into this ``.npz`` file under
        its stable name (``vec_3`` for ``Vector[3]``).  The script always
        defines ``save_results(path)`` for calling by hand.
    """
    text = _Script().build(run, save)
    if path is not None:
        with open(path, "w") as handle:
            handle.write(text)
    return text


def recorded_vectors():
    """Every recorded Vector (Vector.record and NetCon.record) by its script name."""
    out = {}
    for rec in SIM.recorder.active():
        out[_vector_name(rec.vector())] = rec.vector()
    for nc in WORLD.netcons:
        for vec in nc._recorders:
            out[_vector_name(vec)] = vec
    return dict(sorted(out.items(), key=lambda item: item[1]._hoc_index))


def _vector_name(vec):
    return "vec_%d" % vec._hoc_index


def _num(x):
    """A Python literal that reads back as exactly x (integers without '.0')."""
    x = float(x)
    if not math.isfinite(x):
        return "float(%r)" % repr(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def _number_list(values, indent):
    body = ", ".join(_num(v) for v in values)
    wrapped = textwrap.wrap(body, 92 - indent, break_long_words=False, break_on_hyphens=False)
    return ("\n" + " " * (indent + 1)).join(wrapped)


def _node_x(sec, index):
    """The x that NEURON maps to local node ``index`` (-1 root node, nseg the x=1 end)."""
    n = sec._nseg
    if index == -1:
        x = 0.0
    elif index >= n:
        x = 1.0
    else:
        x = (index + 0.5) / n
    # a section attached by its 1-end counts x from the other end
    return 1.0 - x if sec._child_end == 1.0 else x


class _Script:
    def __init__(self):
        self.out = []
        self.taken = set(_RESERVED)
        self.names = {}        # id(model object) -> Python identifier in the script

    # -- helpers ------------------------------------------------------------------------
    def emit(self, *lines):
        self.out.extend(lines)

    def heading(self, title):
        self.emit("", "# -- %s %s" % (title, "-" * max(3, 76 - len(title))))

    def identifier(self, obj, wanted):
        name = re.sub(r"\W", "_", wanted).strip("_") or "obj"
        if name[0].isdigit() or keyword.iskeyword(name):
            name = "sec_" + name
        base, k = name, 2
        while name in self.taken:
            name, k = "%s_%d" % (base, k), k + 1
        self.taken.add(name)
        self.names[id(obj)] = name
        return name

    # -- the script --------------------------------------------------------------------
    def build(self, run, save):
        self.sections = WORLD.sections()
        self.points = self._point_processes()
        self.recordings = SIM.recorder.active()
        # vec_N names are fixed by the Vectors; keep model objects off them
        self.taken.update(recorded_vectors())
        self.taken.update(_vector_name(r.times) for r in self.recordings if r.times is not None)
        self.emit('"""Model exported from neuronlite by neuronlite.export.to_neuron_script.',
                  "",
                  "Run with NEURON 9: python this_file.py.  To run it on neuronlite instead,",
                  "change the first import to 'from neuronlite import h'; nothing else differs.",
                  '"""',
                  "from neuron import h",
                  "import numpy as np",
                  "",
                  'h.load_file("stdrun.hoc")')
        self._sections()
        self._connections()
        self._membrane()
        self._point_objects()
        self._netcons()
        self._recordings()
        self._settings()
        self._save_function()
        if run:
            self.emit("")
            self.heading("run")
            self.emit("h.run()")
            if save:
                self.emit("save_results(%r)" % str(save))
        return "\n".join(self.out) + "\n"

    def _point_processes(self):
        # A point process that sits nowhere has no effect on a run and cannot be
        # placed in NEURON, so it is left out (NetCons to it lose their target).
        found = [pp for pp in list(WORLD.point_processes)
                 if pp._spec.kind == ARTIFICIAL or pp._section() is not None]
        # per type in hoc-index order: the script recreates NEURON's numbering
        return sorted(found, key=lambda pp: (_POINT_TYPES.index(pp._spec.name),
                                             pp._hoc_index))

    # -- sections -----------------------------------------------------------------------
    def _sections(self):
        self.heading("sections")
        for sec in self.sections:
            name = self.identifier(sec, "sec" if sec._anonymous else sec._name)
            self.emit("%s = h.Section(%s)" % (name, "" if sec._anonymous
                                              else "name=%r" % sec.name()))
            if sec.nseg != 1:
                self.emit("%s.nseg = %d" % (name, sec.nseg))
            if sec.n3d() >= 2:
                # with 3-D points L and the diameters follow from them (facts 2.6);
                # the values are float32 in both simulators, so they cross exactly
                for point in sec._pt3d:
                    self.emit("%s.pt3dadd(%s)" % (name, ", ".join(_num(c) for c in point)))
            elif sec.L != DEFAULT_L:
                self.emit("%s.L = %s" % (name, _num(sec.L)))
            if sec.Ra != DEFAULT_RA:
                self.emit("%s.Ra = %s" % (name, _num(sec.Ra)))
            if sec.rallbranch != 1.0:
                self.emit("%s.rallbranch = %s" % (name, _num(sec.rallbranch)))

    def _connections(self):
        # Walk each tree from its root, children in the order they were connected,
        # so NEURON builds the same child order (topology, node order).
        lines = []

        def walk(sec):
            for child in sec._children_in_connection_order():
                if id(child) in self.names:
                    lines.append("%s.connect(%s(%s), %d)" % (
                        self.names[id(child)], self.names[id(sec)], _num(child._parent_x),
                        int(child._child_end)))
                    walk(child)

        for sec in self.sections:
            if sec._parent_section() is None:
                walk(sec)
        if lines:
            self.heading("connections (child.connect(parent(x), child_end))")
            self.emit(*lines)

    def _per_segment(self, sec, attribute, values, default, whole_section=True):
        """Assign per-segment values, as briefly as they allow."""
        name = self.names[id(sec)]
        if all(v == default for v in values):
            return
        if all(v == values[0] for v in values) and whole_section:
            self.emit("%s.%s = %s" % (name, attribute, _num(values[0])))
        elif all(v == values[0] for v in values):
            self.emit("for seg in %s:" % name, "    seg.%s = %s" % (attribute, _num(values[0])))
        else:
            head = "for seg, value in zip(%s, [" % name
            self.emit(head + _number_list(values, len(head) - 1) + "]):",
                      "    seg.%s = value" % attribute)

    def _membrane(self):
        """Per-segment geometry, capacitance and mechanisms.

        Written after the connections: for a section attached by its 1-end,
        ``for seg in sec`` runs from the free end, in both simulators alike.
        """
        self.heading("membrane: diameters, capacitance, mechanisms")
        for sec in self.sections:
            if sec.n3d() < 2:
                self._per_segment(sec, "diam", [seg.diam for seg in sec], DEFAULT_DIAM)
            self._per_segment(sec, "cm", [seg.cm for seg in sec], DEFAULT_CM)
            # in the order they were inserted, so h.psection lists them alike
            inserted = [m for m in sec._node_props[0] if m in sec._mechs]
            inserted += [m for m in sec._mechs if m not in inserted]
            for mech in inserted:
                spec = mechanisms.ALL_SPECS[mech]
                if spec.kind != ION:    # ions come with the mechanisms that use them
                    self.emit('%s.insert("%s")' % (self.names[id(sec)], mech))
            for mech in inserted:
                self._mechanism_values(sec, mechanisms.ALL_SPECS[mech])

    def _mechanism_values(self, sec, spec):
        for var in spec.parameters():
            label = var.name if spec.kind == ION else spec.range_name(var.name)
            for k in range(var.size):
                values = []
                for seg in sec:
                    value = getattr(seg, label)
                    values.append(float(value[k] if var.size > 1 else value))
                if var.size == 1:
                    self._per_segment(sec, label, values, var.default)
                    continue
                attribute = "%s[%d]" % (label, k)
                default = var.default
                # extracellular also lives on the zero-area x=1 node; only a
                # section-wide assignment reaches it (in NEURON as here)
                end = (float(rangevar.node_column(sec, spec, sec._nseg)[spec.rows[var.name] + k])
                       if spec.all_nodes else default)
                if end != default:
                    self.emit("%s.%s = %s" % (self.names[id(sec)], attribute, _num(end)))
                    default = end
                self._per_segment(sec, attribute, values, default, False)

    # -- point processes, NetStims, NetCons ---------------------------------------------
    def _point_objects(self):
        if not self.points:
            return
        self.heading("point processes and artificial cells")
        netstims_seen = 0
        for pp in self.points:
            spec = pp._spec
            name = self.identifier(pp, pp.hname())
            if spec.kind == ARTIFICIAL:
                self.emit("%s = h.%s()" % (name, spec.name))
            else:
                sec = pp._section()
                self.emit("%s = h.%s(%s(%s))" % (name, spec.name, self.names[id(sec)],
                                                 _num(pp._x())))
            python_name = {target: alias for alias, target in spec.aliases.items()}
            for var in spec.parameters():
                row = spec.rows[var.name]
                attribute = python_name.get(var.name, var.name)
                for k in range(var.size):
                    value = float(pp._values[row + k])
                    if value != var.default:
                        element = "[%d]" % k if var.size > 1 else ""
                        self.emit("%s.%s%s = %s" % (name, attribute, element, _num(value)))
            if spec.name == "NetStim":
                # NEURON gives the k-th NetStim of a fresh process the Random123
                # stream (1, 0, k+1); name the stream whenever that would differ
                netstims_seen += 1
                ids = netstim.stream_of(pp).ids
                if ids != (1, 0, netstims_seen):
                    self.emit("%s.noiseFromRandom123(%d, %d, %d)" % ((name,) + ids))

    def _ref_expression(self, ref):
        """(Python expression for a _ref_ handle, section it lies in or None)."""
        if ref.kind == "time":
            return "h._ref_t", None
        if ref.kind == "point":
            return "%s._ref_%s" % (self.names[id(ref.owner)], ref.var), None
        sec = ref.owner
        name = self.names[id(sec)]
        if ref.kind == "node":
            attribute = "i_cap" if ref.var == "i_cap" else "v"
        else:
            spec = ref.spec
            var = spec.variable(ref.var)
            attribute = var.name if spec.kind == ION else spec.range_name(var.name)
            if var.size > 1:
                attribute += "[%d]" % ref.element
        return "%s(%s)._ref_%s" % (name, _num(_node_x(sec, ref.index)), attribute), name

    def _usable(self, ref):
        """False for handles into objects the script does not build (deleted, unplaced)."""
        return ref.kind == "time" or (id(ref.owner) in self.names and not ref.discarded)

    def _netcons(self):
        if not WORLD.netcons:
            return
        self.heading("NetCons: h.NetCon(source, target, threshold, delay, weight)")
        from .model.pointprocess import PointProcess
        for nc in WORLD.netcons:
            source, sec = "None", None
            if isinstance(nc._source, PointProcess) and id(nc._source) in self.names:
                source = self.names[id(nc._source)]
            elif isinstance(nc._source, Ref) and self._usable(nc._source):
                source, sec = self._ref_expression(nc._source)
            target = self.names.get(id(nc._target), "None")
            name = self.identifier(nc, nc.hname())
            extra = ", sec=%s" % sec if sec is not None else ""
            self.emit("%s = h.NetCon(%s, %s, %s, %s, %s%s)" % (
                name, source, target, _num(nc._threshold), _num(nc._delay),
                _num(nc._weights[0]), extra))
            for i in range(1, nc._weights.size):
                if nc._weights[i] != 0.0:
                    self.emit("%s.weight[%d] = %s" % (name, i, _num(nc._weights[i])))
            if not nc._active:
                self.emit("%s.active(False)" % name)

    # -- recordings, settings, saving -----------------------------------------------------
    def _recordings(self):
        self.recordings = [r for r in self.recordings if self._usable(r.ref)]
        spike_records = [(nc, vec) for nc in WORLD.netcons for vec in nc._recorders]
        if not self.recordings and not spike_records:
            return
        self.heading("recordings (vec_N is neuronlite's Vector[N])")
        recorded = [r.vector() for r in self.recordings] + [vec for _, vec in spike_records]
        times = [r.times for r in self.recordings if r.times is not None]
        vectors = {id(v): v for v in sorted(recorded + times, key=lambda v: v._hoc_index)}
        recorded_ids = {id(v) for v in recorded}
        for vec in vectors.values():
            name = _vector_name(vec)
            self.taken.add(name)
            if id(vec) in recorded_ids:
                self.emit("%s = h.Vector()" % name)
            else:
                # sampling times of record(ref, tvec): their contents are the model
                head = "%s = h.Vector([" % name
                self.emit(head + _number_list(vec.as_numpy(), len(head) - 1) + "])")
        self.saved = sorted({_vector_name(v) for v in recorded},
                            key=lambda n: int(n.split("_")[1]))
        for rec in self.recordings:
            expression, _ = self._ref_expression(rec.ref)
            if rec.times is not None:
                expression += ", " + _vector_name(rec.times)
            elif rec.dt is not None:
                expression += ", " + _num(rec.dt)
            self.emit("%s.record(%s)" % (_vector_name(rec.vector()), expression))
        for nc, vec in spike_records:
            self.emit("%s.record(%s)" % (self.names[id(nc)], _vector_name(vec)))

    def _settings(self):
        self.heading("run settings")
        dt = SIM.dt
        if SIM.use_cvode and getattr(STDRUN, "saved_dt", None):
            dt = STDRUN.saved_dt     # CVode leaves its last step in h.dt; keep the fixed one
        values = STDRUN.values
        self.emit("h.celsius = %s" % _num(SIM.celsius),
                  "h.secondorder = %d" % SIM.secondorder,
                  "h.steps_per_ms = %s" % _num(values["steps_per_ms"]),
                  "h.dt = %s" % _num(dt),
                  "h.v_init = %s" % _num(values["v_init"]),
                  "h.tstop = %s" % _num(values["tstop"]))
        if SIM.usetable_hh != 1.0:
            self.emit("h.usetable_hh = %s" % _num(SIM.usetable_hh))
        index = random123.get_globalindex()
        if index:
            # the key of every Random123 stream (noisy NetStims); neuronlite keeps it
            # in its engine, having no h.Random, so the script tries both
            self.emit("try:",
                      "    h.Random().Random123_globalindex(%d)" % index,
                      "except AttributeError:",
                      "    from neuronlite.engine import random123",
                      "    random123.set_globalindex(%d)" % index)
        if not SIM.use_cvode:
            return
        # h.cvode_active(1) also sets stdrun's using_cvode_ (the run ends exactly at
        # tstop); CVode().active(1) alone does not, and the two runs differ
        if values["using_cvode_"]:
            self.emit("h.cvode_active(1)")
        else:
            self.emit("h.CVode().active(1)")
        for method, value, default in (("atol", SIM.cvode_atol, 1e-3), ("rtol", SIM.cvode_rtol, 0),
                                       ("maxorder", SIM.cvode_maxorder, 5),
                                       ("maxstep", SIM.cvode_maxstep, 1e9)):
            if value != default:
                self.emit("h.CVode().%s(%s)" % (method, _num(value)))

    def _save_function(self):
        arrays = ["%s=np.array(%s)" % (name, name) for name in getattr(self, "saved", [])]
        self.emit("", "", "def save_results(path):",
                  '    """Save every recorded Vector into an .npz file, by name."""',
                  "    np.savez(" + ",\n             ".join(["path"] + arrays) + ")")
