"""Min/max decimation: few enough points for SVG, every peak kept.

bqplot draws a line as one SVG path; past ~20k points the browser slows down.
The recording Vectors keep full resolution; only what is drawn is thinned.
"""

import numpy as np

#: Points per line sent to the browser.
MAX_POINTS = 4000


def minmax_decimate(x, y, max_points=MAX_POINTS):
    """Thin ``(x, y)`` to at most ``max_points`` points keeping each bucket's min and max.

    The samples are split into equal buckets; from each, the minimum and the
    maximum are kept in their time order, plus the first and last samples, so
    spikes and troughs survive at any zoom-out.  Returns float32 arrays.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = min(len(x), len(y))
    x, y = x[:n], y[:n]
    if n <= max_points:
        return x.astype(np.float32), y.astype(np.float32)
    keep = minmax_indices(y, max_points)
    return x[keep].astype(np.float32), y[keep].astype(np.float32)


def minmax_indices(y, max_points=MAX_POINTS):
    """Sorted sample indices that :func:`minmax_decimate` keeps (at most ``max_points``)."""
    n = len(y)
    if n <= max_points:
        return np.arange(n)
    buckets = max((max_points - 2) // 2, 1)
    size = -(-(n - 2) // buckets)  # ceil: interior samples per bucket
    interior = y[1:n - 1]
    full = len(interior) // size
    pieces = [np.array([0])]
    if full:
        block = interior[:full * size].reshape(full, size)
        offsets = np.arange(full) * size + 1
        if np.isnan(block).any():  # a NaN must not hide the real extremes of its bucket
            lo = np.where(np.isnan(block), np.inf, block).argmin(axis=1)
            hi = np.where(np.isnan(block), -np.inf, block).argmax(axis=1)
        else:
            lo, hi = block.argmin(axis=1), block.argmax(axis=1)
        pair = np.sort(np.stack([lo, hi], axis=1), axis=1) + offsets[:, None]
        pieces.append(pair.ravel())
    rest = interior[full * size:]
    if len(rest):
        start = full * size + 1
        pieces.append(np.sort(np.array([start + int(np.argmin(rest)),
                                         start + int(np.argmax(rest))])))
    pieces.append(np.array([n - 1]))
    return np.unique(np.concatenate(pieces))
