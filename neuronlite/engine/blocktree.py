"""Hines elimination over 3x3 blocks: the cable tree with extracellular layers.

With extracellular present every node has three unknowns (the internal
potential change and one per layer).  Within a node they are coupled by a
dense 3x3 block ``D[i]``; a node is coupled to its parent only unknown by
unknown (internal to internal, layer k to layer k), so the off-diagonal
blocks are diagonal: ``A[i]`` (row parent, column i) and ``B[i]`` (row i,
column parent).  Nodes without the mechanism get identity layer rows, which
keeps one code path and leaves their layer unknowns at 0.

Eliminating children into parents in reverse node order is exact, exactly as
the scalar Hines solver: ``D[p] -= A[i] D[i]^-1 B[i]``,
``R[p] -= A[i] D[i]^-1 R[i]``; then back substitution
``x[i] = D[i]^-1 (R[i] - B[i] x[p])`` from the roots down.  NEURON solves the
same system with its general sparse solver; results agree to rounding.
"""
from ..mechanisms.base import kernel_function


@kernel_function
def reset_blocks(d, rhs, D, R):
    """Start every node as the scalar equation d*dvi = rhs with inert layer rows."""
    for i in range(d.size):
        for r in range(3):
            R[i, r] = 0.0
            for c in range(3):
                D[i, r, c] = 0.0
        D[i, 0, 0] = d[i]
        D[i, 1, 1] = 1.0
        D[i, 2, 2] = 1.0
        R[i, 0] = rhs[i]


@kernel_function
def axial(vi, vx, A, B, parent, D, R):
    """Axial currents at the present potentials into R, and their matrix terms.

    The internal cable sees vi = vm + vext[0] on both sides; each layer sees
    its own potentials.  Couplings are 0 where a layer is not connected.
    """
    for i in range(vi.size):
        p = parent[i]
        if p < 0:
            continue
        dv = vi[p] - vi[i]
        R[i, 0] -= B[i, 0] * dv
        R[p, 0] += A[i, 0] * dv
        D[i, 0, 0] -= B[i, 0]
        D[p, 0, 0] -= A[i, 0]
        for k in range(2):
            dv = vx[p, k] - vx[i, k]
            R[i, k + 1] -= B[i, k + 1] * dv
            R[p, k + 1] += A[i, k + 1] * dv
            D[i, k + 1, k + 1] -= B[i, k + 1]
            D[p, k + 1, k + 1] -= A[i, k + 1]


@kernel_function
def invert(D, i):
    """Replace the block D[i] by its inverse (cofactors; blocks are well conditioned)."""
    a, b, c = D[i, 0, 0], D[i, 0, 1], D[i, 0, 2]
    d, e, f = D[i, 1, 0], D[i, 1, 1], D[i, 1, 2]
    g, h, k = D[i, 2, 0], D[i, 2, 1], D[i, 2, 2]
    c00 = e * k - f * h
    c01 = f * g - d * k
    c02 = d * h - e * g
    det = a * c00 + b * c01 + c * c02
    D[i, 0, 0] = c00 / det
    D[i, 1, 0] = c01 / det
    D[i, 2, 0] = c02 / det
    D[i, 0, 1] = (c * h - b * k) / det
    D[i, 1, 1] = (a * k - c * g) / det
    D[i, 2, 1] = (b * g - a * h) / det
    D[i, 0, 2] = (b * f - c * e) / det
    D[i, 1, 2] = (c * d - a * f) / det
    D[i, 2, 2] = (a * e - b * d) / det


@kernel_function
def solve(D, R, A, B, parent):
    """Solve in place: R[i] becomes (dvi, dvext0, dvext1) of node i."""
    n = parent.size
    for i in range(n - 1, -1, -1):
        # every descendant of i has a larger index, so D[i] is final here
        invert(D, i)
        p = parent[i]
        if p < 0:
            continue
        y0 = D[i, 0, 0] * R[i, 0] + D[i, 0, 1] * R[i, 1] + D[i, 0, 2] * R[i, 2]
        y1 = D[i, 1, 0] * R[i, 0] + D[i, 1, 1] * R[i, 1] + D[i, 1, 2] * R[i, 2]
        y2 = D[i, 2, 0] * R[i, 0] + D[i, 2, 1] * R[i, 1] + D[i, 2, 2] * R[i, 2]
        R[p, 0] -= A[i, 0] * y0
        R[p, 1] -= A[i, 1] * y1
        R[p, 2] -= A[i, 2] * y2
        for r in range(3):
            ar = A[i, r]
            if ar != 0.0:
                for c in range(3):
                    D[p, r, c] -= ar * D[i, r, c] * B[i, c]
    for i in range(n):
        p = parent[i]
        r0, r1, r2 = R[i, 0], R[i, 1], R[i, 2]
        if p >= 0:
            r0 -= B[i, 0] * R[p, 0]
            r1 -= B[i, 1] * R[p, 1]
            r2 -= B[i, 2] * R[p, 2]
        R[i, 0] = D[i, 0, 0] * r0 + D[i, 0, 1] * r1 + D[i, 0, 2] * r2
        R[i, 1] = D[i, 1, 0] * r0 + D[i, 1, 1] * r1 + D[i, 1, 2] * r2
        R[i, 2] = D[i, 2, 0] * r0 + D[i, 2, 1] * r1 + D[i, 2, 2] * r2
