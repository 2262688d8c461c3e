"""Explaining a run that went numerically wrong (NaN/inf voltages)."""
import numpy as np


def describe(compiled, t, dt):
    bad = np.flatnonzero(~np.isfinite(compiled.v))
    where = "node %d" % bad[0]
    for sec, first, root in compiled.sections:
        if first <= bad[0] <= first + sec._nseg:
            j = bad[0] - first
            x = 1.0 if j == sec._nseg else (j + 0.5) / sec._nseg
            where = "%s(%g)" % (sec, x)
            break
        if bad[0] == root:
            where = "%s(0)" % sec
            break
    causes = []
    if np.any(compiled.cm[compiled.area != 100.0] <= 0):
        causes.append("a segment has cm <= 0")
    causes.append("dt = %g ms may be too large for this model" % dt)
    return ("the simulation became unstable: v is not finite at %s by t = %g ms; likely cause: %s"
            % (where, t, "; ".join(causes)))
