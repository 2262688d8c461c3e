"""h.distance: path length along the tree between two segments."""


def _path_to_root(seg):
    """[(section, distance from that section's x=0 end along the path)] from seg up to the root."""
    out = []
    sec, x = seg.sec, seg.x
    dist = 0.0
    while sec is not None:
        pos = x if sec._child_end == 0 else 1 - x
        out.append((sec, pos * sec.L, dist))
        dist += pos * sec.L
        parent = sec._parent_section()
        if parent is None:
            break
        x = sec._parent_x
        sec = parent
    return out


def path_distance(a, b):
    """Distance (um) between segments a and b along the cable."""
    if b is None:
        raise TypeError("h.distance(seg1, seg2) needs two segments")
    up_a = _path_to_root(a)
    up_b = _path_to_root(b)
    secs_b = {id(s): (pos, acc) for s, pos, acc in up_b}
    for sec, pos_a, acc_a in up_a:
        if id(sec) in secs_b:
            pos_b, acc_b = secs_b[id(sec)]
            return acc_a + acc_b + abs(pos_a - pos_b)
    raise ValueError("the two segments are not in the same tree")
