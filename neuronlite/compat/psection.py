"""psection: the text ``h.psection(sec=...)`` prints and the dict ``sec.psection()`` returns."""
from .. import mechanisms
from ..mechanisms.base import DENSITY, ION, PARAMETER


def _point_processes_at(sec, index):
    out = []
    for pp_ref in sec._point_processes:
        pp = pp_ref()
        if pp is not None and pp._index == index:
            out.append(pp)
    return out


def text(sec):
    """NEURON's psection text for one section (NEURON_FACTS §6.2)."""
    lines = ["%s { nseg=%d  L=%g  Ra=%g" % (sec, sec._nseg, sec.L, sec._Ra)
             + (" rallbranch=%g" % sec._rallbranch if sec._rallbranch != 1 else "")]
    parent = sec._parent_section()
    if parent is None:
        from ..model.world import WORLD
        roots = [s for s in WORLD.sections() if s._parent_section() is None]
        lines.append("\t/*location %g attached to cell %d*/" % (sec._child_end, roots.index(sec)))
    else:
        lines.append("\t%s connect %s (%g), %g" % (parent, sec, sec._child_end, sec._parent_x))
    lines.append("\t/* First segment only */")
    pps = {}
    for pp in _point_processes_at(sec, 0):
        pps.setdefault(pp._spec.name, []).append(pp)
    for prop in sec._node0_props:
        if prop == "morphology":
            lines.append("\tinsert morphology { diam=%g}" % sec._node_diam()[0])
        elif prop == "capacitance":
            lines.append("\tinsert capacitance { cm=%g}" % sec._cm[0])
        elif prop in sec._mechs:
            spec = mechanisms.ALL_SPECS[prop]
            block = sec._mechs[prop]
            if spec.kind == ION:
                var = spec.variables[0]
                fields = ["%s=%g" % (var.name, block[0, 0])]
            else:
                # arrays (extracellular xg[2]...) show element 0, as NEURON does
                fields = ["%s=%g" % (spec.range_name(v.name), block[spec.rows[v.name], 0])
                          for v in spec.variables if v.kind == PARAMETER]
            lines.append("\tinsert %s { %s}" % (prop, " ".join(fields)))
        elif prop in pps and pps[prop]:
            pp = pps[prop].pop(0)
            fields = ["%s=%g" % (v.name, pp._values[pp._spec.rows[v.name]])
                      for v in pp._spec.variables if v.kind == PARAMETER]
            lines.append("\tinsert %s { %s}" % (prop, " ".join(fields)))
    lines.append("}")
    return "\n".join(lines)


def _per_segment(block, row, size):
    """One value per segment, or for array variables one list per segment."""
    if size == 1:
        return [float(x) for x in block[row]]
    return [[float(x) for x in column] for column in block[row:row + size].T]


def as_dict(sec):
    """The dict of ``Section.psection()`` (NEURON_FACTS §6.3)."""
    point_processes = {}
    for pp_ref in sec._point_processes:
        pp = pp_ref()
        if pp is not None:
            point_processes.setdefault(pp._spec.name, set()).add(pp)
    density = {}
    ion_values = {}
    order = [name for name in mechanisms.TYPE_ORDER if name in sec._mechs]
    for name in order:
        spec = mechanisms.ALL_SPECS[name]
        block = sec._mechs[name]
        values = {v.name: _per_segment(block, spec.rows[v.name], v.size)
                  for v in spec.public_variables()}
        if spec.kind == DENSITY:
            density[name] = values
        elif spec.kind == ION:
            ion_values[name[:-4]] = values
    parent = sec.parentseg()
    morphology = {
        "L": sec.L,
        "diam": [float(d) for d in sec._node_diam()],
        "pts3d": list(sec._pt3d),
        "parent": parent,
        "trueparent": sec.trueparentseg(),
    }
    return {
        "point_processes": point_processes,
        "density_mechs": density,
        "ions": ion_values,
        "morphology": morphology,
        "nseg": sec._nseg,
        "Ra": sec._Ra,
        "cm": [float(c) for c in sec._cm],
        "regions": set(),
        "species": set(),
        "name": sec.name(),
        "hoc_internal_name": sec.hoc_internal_name(),
        "cell": sec.cell(),
    }
