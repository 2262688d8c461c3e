"""Benchmark workloads of issue 6, written once against NEURON's Python API.

Every ``build_*`` function takes the ``h`` object (``from neuron import h`` or
``from neuronlite import h``) so the same model code runs on both simulators.
Each returns a :class:`Model` that keeps references to everything it created
(sections, point processes, recording Vectors) so nothing is garbage collected
while the benchmark runs, and sets ``h.tstop``; the caller then times ``h.run()``.

This module deliberately imports nothing but the standard library: it is also
imported by the start-up workload (W6), whose wall time must not include
anything the model itself does not need.
"""

import math

DT = 0.025          # ms
CELSIUS = 6.3       # degC
V_INIT = -65.0      # mV
RA = 35.4           # ohm cm
CM = 1.0            # uF/cm2

# W5: gmax = linspace(0.2, 4.0, 100) uS, computed without numpy.
W5_N = 100
W5_GMAX = [0.2 + (4.0 - 0.2) * i / (W5_N - 1) for i in range(W5_N)]


class Model:
    """What a workload built: handles the harness needs, plus keep-alive refs."""

    def __init__(self, name, h, tstop, sections, record_seg, ncomp, **objects):
        self.name = name
        self.h = h
        self.tstop = tstop
        self.sections = sections      # list, keeps sections alive
        self.record_seg = record_seg  # segment whose v is the reference trace
        self.ncomp = ncomp            # number of compartments (segments)
        self.objects = objects        # point processes etc., kept alive
        for key, value in objects.items():
            setattr(self, key, value)
        self.t_vec = h.Vector()
        self.t_vec.record(h._ref_t)
        self.v_vec = h.Vector()
        self.v_vec.record(record_seg._ref_v)
        self.all_vecs = None

    @property
    def nsteps(self):
        return int(round(self.tstop / DT))

    def record_all(self):
        """Record v in every segment of every section of the model ("full recording").

        Returns the list of Vectors (also kept in ``self.all_vecs``), section by
        section in ``self.sections`` order, segments in increasing x.
        """
        vecs = []
        for sec in self.sections:
            for seg in sec:
                vec = self.h.Vector()
                vec.record(seg._ref_v)
                vecs.append(vec)
        self.all_vecs = vecs
        return vecs


def setup(h):
    """Common run settings; always loads the standard run system first."""
    h.load_file("stdrun.hoc")
    h.dt = DT
    h.steps_per_ms = 1.0 / DT   # stdrun's setdt() would otherwise adjust dt
    h.celsius = CELSIUS
    h.v_init = V_INIT


def _section(h, name, L, diam, nseg):
    sec = h.Section(name=name)
    sec.L = L
    sec.diam = diam
    sec.nseg = nseg
    sec.Ra = RA
    sec.cm = CM
    return sec


def _alpha(h, seg, onset, tau, gmax, e):
    syn = h.AlphaSynapse(seg)
    syn.onset = onset
    syn.tau = tau
    syn.gmax = gmax
    syn.e = e
    return syn


def _soma_model(h, name, mechanism, gmax):
    setup(h)
    soma = _section(h, "soma", L=100, diam=500, nseg=1)
    soma.insert(mechanism)
    syn = _alpha(h, soma(0.5), onset=20, tau=0.1, gmax=gmax, e=0)
    h.tstop = 40
    return Model(name, h, 40, [soma], soma(0.5), 1, soma=soma, syn=syn)


def build_W1(h):
    """W1 worksheet: passive soma, AlphaSynapse 1 uS at 20 ms, tstop 40."""
    return _soma_model(h, "W1", "pas", gmax=1.0)


def build_W2(h):
    """W2 hh soma: as W1 with hh and gmax 2 uS (spikes near 21 ms)."""
    return _soma_model(h, "W2", "hh", gmax=2.0)


def build_cable(h, nseg=1001, name=None):
    """W3 cable: L 1000, diam 1, hh; IClamp 0.2 nA from 5 to 95 ms at the first
    segment centre; v recorded at the last segment centre; tstop 100.
    ``nseg`` other than 1001 gives the scaling series (same model, finer/coarser)."""
    setup(h)
    cable = _section(h, "cable", L=1000, diam=1, nseg=nseg)
    cable.insert("hh")
    stim = h.IClamp(cable(0.5 / nseg))
    stim.delay = 5
    stim.dur = 90
    stim.amp = 0.2
    h.tstop = 100
    return Model(name or ("W3" if nseg == 1001 else "W3n%d" % nseg), h, 100,
                 [cable], cable(1 - 0.5 / nseg), nseg, cable=cable, stim=stim)


def build_W3(h):
    return build_cable(h, 1001, "W3")


def build_W4(h):
    """W4 tree: 127 sections, section i has children 2i+1 and 2i+2, level
    k = floor(log2(i+1)), L 100, diam 4*2^(-2k/3), nseg 15, hh everywhere;
    AlphaSynapse 0.2 uS at root(0.5) at 5 ms; v at section 63, x = 1 - 0.5/15."""
    setup(h)
    nsec, nseg = 127, 15
    secs = []
    for i in range(nsec):
        k = int(math.floor(math.log2(i + 1) + 1e-12))
        sec = _section(h, "tree_%d" % i, L=100, diam=4 * 2 ** (-2 * k / 3), nseg=nseg)
        sec.insert("hh")
        secs.append(sec)
    for i in range(nsec):
        for c in (2 * i + 1, 2 * i + 2):
            if c < nsec:
                secs[c].connect(secs[i](1), 0)
    syn = _alpha(h, secs[0](0.5), onset=5, tau=0.1, gmax=0.2, e=0)
    h.tstop = 100
    return Model("W4", h, 100, secs, secs[63](1 - 0.5 / nseg), nsec * nseg, syn=syn)


def build_W5(h):
    """W5 sweep: the W2 model; the harness varies ``model.syn.gmax`` over W5_GMAX."""
    m = build_W2(h)
    m.name = "W5"
    return m


def peak(vec):
    """Maximum of a recorded Vector (hoc Vector.max(), else plain Python)."""
    try:
        return float(vec.max())
    except Exception:
        return max(float(x) for x in vec)


def w5_batched(model, values):
    """W5, batched form through neuronlite's public API ``neuronlite.batch.sweep``.

    Returns one peak v (mV) per value, in order.
    """
    from neuronlite import batch
    return batch.sweep((model.syn, "gmax"), values, record=model.record_seg._ref_v,
                       reduce="max")


BUILDERS = {
    "W1": build_W1,
    "W2": build_W2,
    "W3": build_W3,
    "W4": build_W4,
    "W5": build_W5,
}

# Scaling series of the W3 cable: name -> nseg (W3 itself is the 1001 point).
SCALING = {"W3n11": 11, "W3n101": 101, "W3n10001": 10001}


def build(h, name):
    if name in BUILDERS:
        return BUILDERS[name](h)
    if name in SCALING:
        return build_cable(h, SCALING[name], name)
    raise KeyError("unknown workload %r" % name)
