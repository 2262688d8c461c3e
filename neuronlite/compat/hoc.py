"""The ``h`` (and NEURON 9's ``n``) object: a routing table onto neuronlite's objects.

Every name NEURON's ``h`` offers that neuronlite supports is listed here; the
behaviour itself lives in model/, engine/ and the other compat modules.
"""
import functools
import math
import sys

from .. import mechanisms
from ..engine.simulation import SIM
from ..model import errors
from ..model.netcon import NetCon
from ..model.pointprocess import make_point_process_class
from ..model.ref import Ref
from ..model.section import Section
from ..model.shape import define_shape
from ..model.vector import Vector
from ..model.world import WORLD
from . import hocstack, psection, topology
from .stdrun import STDRUN

SIM_GLOBALS = ("t", "dt", "celsius", "secondorder", "stoprun", "usetable_hh")


class DensityMechanism:
    """``h.hh``: a density mechanism type; ``sec.insert(h.hh)`` inserts it."""

    def __init__(self, spec):
        self._spec = spec
        self.__doc__ = spec.doc

    def insert(self, sec):
        sec.insert(self._spec.name)
        return sec

    def name(self):
        return self._spec.name

    def __repr__(self):
        return "neuron.DensityMechanism('%s')" % self._spec.name

    __str__ = __repr__


_WRAPPED = {}


def _stdrun_call(name):
    """stdrun's procedure ``name``, wrapped once (h.run is looked up on every run)."""
    wrapped = _WRAPPED.get(name)
    if wrapped is None:
        wrapped = _WRAPPED[name] = _hoc_error(getattr(STDRUN, name))
    return wrapped


def _hoc_error(fn):
    """Wrap engine errors the way NEURON reports errors raised inside h functions."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except RuntimeError as exc:
            message = str(exc)
            if message.startswith("hoc_execerror: "):
                raise RuntimeError("hocobj_call error: " + message) from None
            raise
    return wrapper


def _section_arg(sec):
    if sec is None:
        return hocstack.current_section()
    if not isinstance(sec, Section):
        raise TypeError("sec must be a Section, not %s" % type(sec).__name__)
    sec._check()
    return sec


PT3D_FUNCTIONS = ("pt3dadd", "pt3dclear", "pt3dinsert", "pt3dchange", "pt3dremove",
                  "n3d", "x3d", "y3d", "z3d", "diam3d", "arc3d")


def _on_section(name):
    """hoc's ``pt3dadd(x, y, z, d, sec=...)`` style: a Section method on sec= or cas()."""
    def call(*args, sec=None):
        return getattr(_section_arg(sec), name)(*args)
    call.__name__ = name
    method = getattr(Section, name)
    call.__doc__ = "%s(..., sec=section)\n\nhoc spelling of Section.%s on ``sec`` (default: the " \
        "currently accessed section).\n\n%s" % (name, name, method.__doc__ or "")
    return call


def nlayer_extracellular():
    """Number of extracellular layers (always 2, as in NEURON's default build)."""
    return 2.0


class HocInterface:
    """NEURON's top-level interface: sections, mechanisms, Vectors and run control."""

    def __init__(self, label):
        object.__setattr__(self, "_label", label)
        table = {
            "Section": Section, "Vector": Vector, "NetCon": NetCon,
            "load_file": self.load_file, "finitialize": _hoc_error(self.finitialize),
            "fadvance": _hoc_error(self.fadvance), "psection": self.psection,
            "topology": self.topology, "allsec": self.allsec,
            "delete_section": self.delete_section, "disconnect": self.disconnect,
            "secname": self.secname,
            "pop_section": self.pop_section, "cas": self.cas, "area": self.area,
            "ri": self.ri, "distance": self.distance, "nernst": self.nernst,
            "CVode": self.CVode, "cvode_active": self.cvode_active,
            "nlayer_extracellular": nlayer_extracellular,
            "PI": math.pi, "E": math.e, "sin": math.sin, "cos": math.cos,
            "sqrt": math.sqrt, "exp": math.exp, "log": math.log, "atan": math.atan,
            "define_shape": define_shape,
        }
        for name in PT3D_FUNCTIONS:
            table[name] = _on_section(name)
        for name in mechanisms.POINT_ORDER + mechanisms.ARTIFICIAL_ORDER:
            table[name] = make_point_process_class(name)
        for name in mechanisms.DENSITY_ORDER:
            table[name] = DensityMechanism(mechanisms.SPECS[name])
        object.__setattr__(self, "_table", table)

    # -- attribute routing ----------------------------------------------------------
    def __getattr__(self, name):
        table = self.__dict__["_table"]
        if name in table:
            return table[name]
        if name in SIM_GLOBALS:
            value = getattr(SIM, name)
            return float(value)
        if name == "_ref_t":
            return Ref.time()
        if STDRUN.loaded:
            if name in STDRUN.values:
                return STDRUN.values[name]
            if name in ("run", "stdinit", "init", "setdt", "continuerun", "step"):
                return _stdrun_call(name)
        if mechanisms.range_variable(name) is not None:
            raise TypeError("Cannot access %s directly; it is a range variable and may be "
                            "accessed via a section or segment." % name)
        raise AttributeError(errors.no_attribute("hoc.HocObject", name))

    def __setattr__(self, name, value):
        if name in SIM_GLOBALS:
            if isinstance(value, str) or value is None or not errors._is_real(value):
                raise TypeError("must be real number, not %s" % type(value).__name__)
            number = float(value)
            if name == "secondorder" and number != int(number if number == number else 0.5):
                # an int variable in NEURON: h.secondorder = 1.5 raises this TypeError
                raise TypeError("'%s' object cannot be interpreted as an integer"
                                % type(value).__name__)
            if number != number:
                raise ValueError("h.%s cannot be NaN" % name)
            if name == "t" and number in (float("inf"), float("-inf")):
                raise ValueError("h.t must be a finite time in ms, got %g" % number)
            if name == "t":
                SIM.t = number
            elif name == "secondorder":
                if number not in (0, 1, 2):
                    raise ValueError("secondorder must be 0, 1 or 2")
                SIM.secondorder = int(number)
            else:
                setattr(SIM, name, number)
            WORLD.value_changed(None, name)
            return
        if STDRUN.loaded and name in STDRUN.values:
            STDRUN.values[name] = errors.attribute_number(value, name)
            WORLD.value_changed(None, name)
            return
        raise LookupError("'%s' is not a defined hoc variable name." % name)

    def __dir__(self):
        names = set(self._table) | set(SIM_GLOBALS) | {"_ref_t"}
        if STDRUN.loaded:
            names |= set(STDRUN.values) | {"run", "stdinit", "init", "setdt", "continuerun"}
        return sorted(names)

    def __repr__(self):
        return self._label

    def __reduce__(self):
        raise TypeError("HocObject: Only Vector instance can be pickled")

    def __call__(self, code):
        raise NotImplementedError("neuronlite does not interpret hoc code: %r" % (code,))

    # -- functions ----------------------------------------------------------------------
    def load_file(self, *args):
        """Load a hoc library; ``stdrun.hoc`` (and nrngui.hoc) define run, tstop, v_init..."""
        if not args or not isinstance(args[-1], str):
            raise errors.hoc_error("Expecting string argument: load_file takes a file name, "
                                   "not %r" % (args[-1] if args else None,))
        name = args[-1]
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        if base in ("stdrun.hoc", "nrngui.hoc", "noload.hoc", "stdgui.hoc"):
            STDRUN.load()
            return 1.0
        sys.stderr.write("neuronlite: can't load %s (only stdrun.hoc and nrngui.hoc exist "
                         "here)\n" % name)
        return 0.0

    def finitialize(self, v=errors.HOCOBJ):
        """Initialise: t = 0, v = v everywhere (if given), states to steady state; returns 1."""
        if v is errors.HOCOBJ:
            return SIM.finitialize()
        return SIM.finitialize(errors.argument_number(v, "initial voltage"))

    def fadvance(self):
        """Advance the simulation by one time step dt; returns 1."""
        if SIM.cvode_active():
            return SIM.cvode_fadvance()
        return SIM.fadvance()

    def psection(self, sec=None):
        """Print the section's properties as NEURON does; returns 1."""
        print(psection.text(_section_arg(sec)))
        return 1.0

    def topology(self):
        """Print the tree of all sections; returns 1."""
        sys.stdout.write(topology.text())
        return 1.0

    def allsec(self):
        """Iterate over every section, in creation order."""
        return iter(WORLD.sections())

    def delete_section(self, sec=None):
        """Delete a section; references to it then raise ReferenceError."""
        _section_arg(sec)._delete()
        return 0.0

    def disconnect(self, sec=None):
        """Detach a section (default: the accessed one) from its parent; it becomes a root."""
        _section_arg(sec).disconnect()
        return 0.0

    def secname(self, sec=None):
        """hoc name of a section, e.g. ``_pysec.soma``."""
        return "_pysec." + _section_arg(sec).name()

    def pop_section(self):
        """Undo the section push done by ``sec.push()`` or ``pp.get_loc()``."""
        hocstack.pop()
        return 0.0

    def cas(self):
        """The currently accessed section (what hoc uses when sec= is omitted)."""
        return hocstack.current_section()

    def area(self, x, sec=None):
        """Area (um2) of the segment at x of sec."""
        x = errors.argument_number(x, "x")
        if not 0 <= x <= 1:
            raise errors.hoc_error("range variable domain is 0 <= x <= 1")
        return _section_arg(sec)(x).area()

    def ri(self, x, sec=None):
        """Axial resistance (MOhm) from the node at x of sec to its parent node."""
        return _section_arg(sec)(x).ri()

    def distance(self, a, b=None, sec=None):
        """Path length (um) between two segments."""
        from ..model.distance import path_distance
        from ..model.segment import Segment
        if not isinstance(a, Segment) or not isinstance(b, Segment):
            raise errors.hoc_error("Arg out of range in user function: h.distance(seg1, seg2) "
                                   "takes two segments")
        return path_distance(a, b)

    def nernst(self, ci, co, z):
        """Nernst potential (mV) for inside/outside concentrations (mM) and valence z."""
        ci, co, z = (errors.argument_number(value, name)
                     for value, name in ((ci, "ci"), (co, "co"), (z, "z")))
        return mechanisms.ions.nernst(ci, co, z, SIM.celsius)

    def CVode(self):
        """The variable-step integrator's control object (``h.CVode().active(True)``)."""
        from ..engine.cvode import CVodeControl
        return CVodeControl()

    def cvode_active(self, flag=None):
        """Switch variable time steps on (1) or off (0) for h.run(); returns the state."""
        from ..engine.cvode import CVodeControl
        if flag is not None:
            flag = errors.argument_number(flag, "cvode_active flag")
            # stdrun's method panel keeps the fixed dt while CVode runs (CVode leaves its
            # last step size in h.dt) and puts it back when switched off
            if flag and not SIM.cvode_active():
                STDRUN.saved_dt = SIM.dt
            elif not flag and SIM.cvode_active() and getattr(STDRUN, "saved_dt", None):
                SIM.dt = STDRUN.saved_dt
                STDRUN.saved_dt = None
        result = CVodeControl().active(flag)
        if flag is not None:
            STDRUN.values["using_cvode_"] = 1.0 if flag else 0.0
        return result


h = HocInterface("<TopLevelHocInterpreter>")
n = HocInterface("<TopLevelNEURONInterface>")
