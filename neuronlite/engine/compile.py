"""The only reader of model objects: turns the live model into flat arrays.

``compile_model`` fixes the layout (node numbering, which mechanism instance
sits where); ``CompiledModel.gather`` copies current values in, ``scatter``
writes the evolving ones (v, states, assigned) back to the model after a run.
"""
import weakref

import numpy as np

from .. import mechanisms
from ..mechanisms import ions
from ..model import geometry, rangevar
from ..model.world import WORLD
from ..units import PER_UM2_TO_PER_CM2, XRAXIAL_TO_MOHM, ZERO_AREA_SENTINEL

DENSITY_IN_KERNEL = ("pas", "extracellular", "hh", "na_ion", "k_ion")
POINT_IN_KERNEL = ("IClamp", "AlphaSynapse", "ExpSyn", "Exp2Syn", "SEClamp", "VClamp")


class Block:
    """Instances of one mechanism type: node of each and a (rows, instances) view of data."""

    def __init__(self, spec):
        self.spec = spec
        self.nodes = []
        # (section, local index) or point process, per instance; held through weak
        # proxies so that compiling never keeps a deleted section or synapse alive
        self.sources = []
        self.ids = []          # id() of each point process, for event delivery
        self.offset = 0
        self.values = None

    def finish(self, data, offset):
        self.nodes = np.asarray(self.nodes, dtype=np.int64)
        self.offset = offset
        count = len(self.sources)
        self.values = data[offset:offset + self.spec.nrows * count].reshape(self.spec.nrows, count)
        return offset + self.spec.nrows * count


class CompiledModel:
    """Frozen layout of the model: nodes in parent-before-child order, mechanism blocks."""

    def __init__(self):
        self.sections = []        # (section, first node, root node or -1)
        self.parent = None
        self.blocks = {}
        self.point_blocks = {}
        self.netstims = []
        self.structure_version = -1
        self.value_version = -1

    # -- addressing ------------------------------------------------------------------
    def node_of(self, sec, index):
        """Global node number of a section's local node (-1: its root node)."""
        info = self.section_info[sec._id]
        if index == -1:
            return info[1]
        return info[0] + index

    def offset_of(self, ref):
        """Offset in ``data`` of what a Ref points to."""
        if ref.kind == "time":
            return 0
        if ref.kind == "node":
            return self.v_offset + self.node_of(ref.owner, ref.index)
        if ref.kind == "mech":
            block = self.blocks[ref.spec.name]
            j = block.instance_of[self.node_of(ref.owner, ref.index)]
            row = ref.spec.rows[ref.var] + ref.element
            return block.offset + row * len(block.sources) + j
        if ref.kind == "point":
            pp = ref.owner
            block = self.point_blocks[pp._spec.name]
            j = block.instance_of[id(pp)]
            return block.offset + ref.spec.rows[ref.var] * len(block.sources) + j
        raise KeyError(ref.kind)

    # -- values in and out ---------------------------------------------------------------
    def gather(self, celsius_table):
        """Copy geometry, parameters and states from the model into the arrays."""
        # absurd sizes overflow here; sanity.check names them before any run
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            self._gather(celsius_table)

    def _gather(self, celsius_table):
        n = self.n_nodes
        area = np.full(n, ZERO_AREA_SENTINEL)
        cm = np.zeros(n)
        rinv = np.zeros(n)
        v = self.v
        for sec, first, root in self.sections:
            nseg = sec._nseg
            area[first:first + nseg] = geometry.node_areas(sec)
            cm[first:first + nseg] = sec._cm
            rinv[first:first + nseg + 1] = geometry.node_rinv(sec)
            v[first:first + nseg + 1] = sec._v
            if root >= 0:
                v[root] = sec._v_root
        a = np.zeros(n)
        b = np.zeros(n)
        child = self.child_nodes
        parents = self.parent[child]
        rall = self.rall[child]
        # NEURON's operation order: -1e2*rall*rinv/area_p and -1e2*rinv/area
        a[child] = -PER_UM2_TO_PER_CM2 * rall * rinv[child] / area[parents]
        b[child] = -PER_UM2_TO_PER_CM2 * rinv[child] / area[child]
        self.area, self.cm, self.a, self.b = area, cm, a, b
        for block in self.blocks.values():
            values = block.values
            for j, (sec, index) in enumerate(block.sources):
                if block.spec.all_nodes:
                    values[:, j] = rangevar.node_column(sec, block.spec, index)
                else:
                    values[:, j] = sec._mechs[block.spec.name][:, index]
        for block in self.point_blocks.values():
            values = block.values
            for j, pp in enumerate(block.sources):
                values[:, j] = pp._values
        self._gather_extracellular()
        self.value_version = WORLD.value_version

    def _gather_extracellular(self):
        """Per-node couplings of the block system (kernel.setup_ext_matrix).

        xa/xb[:, 0] are the internal a/b; columns 1, 2 couple a node's layers to
        its parent's through xraxial (only when both carry extracellular; a
        layer whose parent node has none is sealed there).  Half-segment layer
        resistance is 1e-4*xraxial*dx/2 MOhm, a link adds the node's own half and
        the previous node's (the first node of a section: its own only).
        """
        block = self.blocks["extracellular"]
        if not block.sources:
            self.xa = self.xb = np.zeros((0, 3))
            return
        spec = block.spec
        n = self.n_nodes
        xa, xb = np.zeros((n, 3)), np.zeros((n, 3))
        xa[:, 0], xb[:, 0] = self.a, self.b
        # NEURON writes xg = xc = 0 into its zero-area nodes
        ends = [j for j, (sec, index) in enumerate(block.sources)
                if not 0 <= index < sec._nseg]
        for name in ("xg", "xc"):
            block.values[spec.rows[name]:spec.rows[name] + 2, ends] = 0.0
        row = spec.rows["xraxial"]
        for sec, first, root in self.sections:
            if spec.name not in sec._mechs:
                continue
            nseg = sec._nseg
            dx = sec.L / nseg
            half = np.zeros((2, nseg + 1))
            half[:, :nseg] = XRAXIAL_TO_MOHM * sec._mechs[spec.name][row:row + 2] * (dx / 2.0)
            link = half.copy()
            link[:, 1:] = half[:, 1:] + half[:, :-1]
            nodes = np.arange(first, first + nseg + 1)
            parents = self.parent[nodes]
            with np.errstate(divide="ignore"):
                ax = -PER_UM2_TO_PER_CM2 * self.rall[nodes] / (link * self.area[parents])
                bx = -PER_UM2_TO_PER_CM2 / (link * self.area[nodes])
            linked = self.xof[parents] >= 0
            xa[nodes[linked], 1:] = ax.T[linked]
            xb[nodes[linked], 1:] = bx.T[linked]
        self.xa, self.xb = xa, xb

    def scatter(self, skip_dead=False):
        """Write v, states and assigned variables back to the model objects.

        ``skip_dead``: this layout is already out of date (a synapse or section it
        holds weakly may be gone); write back to what is still there."""
        try:
            self._scatter()
        except ReferenceError:
            if not skip_dead:
                raise
            self._scatter(skip_dead)

    def _scatter(self, skip_dead=False):
        v = self.v
        for sec, first, root in self.sections:
            if skip_dead and not _alive(sec):
                continue
            sec._v[:] = v[first:first + sec._nseg + 1]
            if root >= 0:
                sec.__dict__["_v_root"] = float(v[root])
        for block in self.blocks.values():
            values = block.values
            for j, (sec, index) in enumerate(block.sources):
                if skip_dead and not _alive(sec):
                    continue
                if block.spec.all_nodes:
                    rangevar.store_column(sec, block.spec, index, values[:, j])
                else:
                    sec._mechs[block.spec.name][:, index] = values[:, j]
        for block in self.point_blocks.values():
            values = block.values
            for j, pp in enumerate(block.sources):
                if skip_dead and not _alive(pp):
                    continue
                pp._values[:] = values[:, j]

    def mech_tuple(self, hh_table, use_table, celsius, dt=0.025):
        """Arguments the kernel unpacks, in its fixed order."""
        blocks, points = self.blocks, self.point_blocks
        hh_block = blocks["hh"]
        return (blocks["pas"].nodes, blocks["pas"].values,
                hh_block.nodes, hh_block.values, self.hh_na, self.hh_k,
                blocks["na_ion"].nodes, blocks["na_ion"].values,
                blocks["k_ion"].nodes, blocks["k_ion"].values,
                hh_table, float(use_table), float(celsius),
                points["IClamp"].nodes, points["IClamp"].values,
                points["AlphaSynapse"].nodes, points["AlphaSynapse"].values,
                points["ExpSyn"].nodes, points["ExpSyn"].values,
                points["Exp2Syn"].nodes, points["Exp2Syn"].values,
                points["SEClamp"].nodes, points["SEClamp"].values,
                self.ext_tuple(),
                points["VClamp"].nodes, points["VClamp"].values, float(dt))

    def ext_tuple(self):
        """What the extracellular kernel path needs (empty arrays when unused)."""
        block = self.blocks["extracellular"]
        return (block.nodes, block.values, self.xa, self.xb, self.xD, self.xR, self.xvx,
                self.xvi, self.xerhs, self.xed)


def _ordered_sections():
    """Sections breadth first from the roots (creation order), so parents precede children."""
    roots = [s for s in WORLD.sections() if s._parent_section() is None]
    order = []
    queue = list(roots)
    while queue:
        sec = queue.pop(0)
        order.append(sec)
        queue.extend(sec._children_in_connection_order())
    return roots, order


def compile_model():
    """Lay out nodes and mechanism instances of the current model."""
    cm = CompiledModel()
    roots, order = _ordered_sections()
    section_info = {}
    node = 0
    root_node = {}
    for sec in roots:
        root_node[sec._id] = node
        node += 1
    parent = list(range(0))
    parent = [-1] * node
    rall = [1.0] * node
    child_nodes = []
    for sec in order:
        first = node
        nseg = sec._nseg
        root = root_node.get(sec._id, -1)
        section_info[sec._id] = (first, root)
        cm.sections.append((weakref.proxy(sec), first, root))
        if root >= 0:
            attach = root
        else:
            psec = sec._parent_section()
            from ..model.segment import resolve_node
            owner, index = resolve_node(psec, sec._parent_x)
            pfirst, proot = section_info[owner._id]
            attach = proot if index == -1 else pfirst + index
        parent.append(attach)
        rall.append(sec._rallbranch)
        for j in range(1, nseg + 1):
            parent.append(first + j - 1)
            rall.append(1.0)
        child_nodes.extend(range(first, first + nseg + 1))
        node += nseg + 1
    cm.n_nodes = node
    cm.section_info = section_info
    cm.parent = np.asarray(parent, dtype=np.int64)
    cm.rall = np.asarray(rall)
    cm.child_nodes = np.asarray(child_nodes, dtype=np.int64)

    for name in DENSITY_IN_KERNEL:
        cm.blocks[name] = Block(mechanisms.ALL_SPECS[name])
    for sec, first, root in cm.sections:
        for name, block in sec._mechs.items():
            target = cm.blocks[name]
            if target.spec.all_nodes:
                # also the x=1 node and a root section's x=0 node
                local = ([-1] if root >= 0 else []) + list(range(sec._nseg + 1))
                for j in local:
                    target.nodes.append(root if j == -1 else first + j)
                    target.sources.append((sec, j))
                continue
            for j in range(sec._nseg):
                target.nodes.append(first + j)
                target.sources.append((sec, j))
    for name in POINT_IN_KERNEL:
        cm.point_blocks[name] = Block(mechanisms.SPECS[name])
    live = sorted((pp for pp in WORLD.point_processes), key=lambda p: p._hoc_index)
    for pp in live:
        if pp._spec.kind == mechanisms.ARTIFICIAL:
            # weakly, like every point process here: a NetStim whose last user
            # reference goes is freed (NEURON's lifetime), even with NetCons on it
            cm.netstims.append(weakref.proxy(pp))
            continue
        sec = pp._section()
        if sec is None or sec._id not in section_info:
            continue
        block = cm.point_blocks[pp._spec.name]
        block.nodes.append(cm.node_of(sec, pp._index))
        block.sources.append(weakref.proxy(pp))
        block.ids.append(id(pp))

    size = 1 + node + sum(b.spec.nrows * len(b.sources)
                          for b in list(cm.blocks.values()) + list(cm.point_blocks.values()))
    cm.data = np.zeros(size)
    cm.v_offset = 1
    cm.v = cm.data[1:1 + node]
    offset = 1 + node
    for block in cm.blocks.values():
        offset = block.finish(cm.data, offset)
        block.instance_of = {int(n): j for j, n in enumerate(block.nodes)}
    for block in cm.point_blocks.values():
        offset = block.finish(cm.data, offset)
        block.instance_of = {ident: j for j, ident in enumerate(block.ids)}
    na, k = cm.blocks["na_ion"], cm.blocks["k_ion"]
    hh_nodes = cm.blocks["hh"].nodes
    cm.hh_na = np.asarray([na.instance_of[int(n)] for n in hh_nodes], dtype=np.int64)
    cm.hh_k = np.asarray([k.instance_of[int(n)] for n in hh_nodes], dtype=np.int64)
    cm.rhs = np.zeros(node)
    cm.d = np.zeros(node)
    _allocate_extracellular(cm, node)
    cm.structure_version = WORLD.structure_version
    return cm


def _allocate_extracellular(cm, n):
    """Node -> extracellular instance map and the block solver's work arrays."""
    block = cm.blocks["extracellular"]
    cm.xof = np.full(n, -1, dtype=np.int64)
    cm.xof[block.nodes] = np.arange(block.nodes.size)
    m = n if block.nodes.size else 0
    cm.xD = np.zeros((m, 3, 3))
    cm.xR = np.zeros((m, 3))
    cm.xvx = np.zeros((m, 2))
    cm.xvi, cm.xerhs, cm.xed = np.zeros(m), np.zeros(m), np.zeros(m)


def point_factor(area):
    return PER_UM2_TO_PER_CM2 / area


__all__ = ["compile_model", "CompiledModel", "ions"]


def _alive(proxy):
    """False for a weak proxy whose object is gone (or a section that was deleted)."""
    try:
        return getattr(proxy, "_alive", True) is not False
    except ReferenceError:
        return False
