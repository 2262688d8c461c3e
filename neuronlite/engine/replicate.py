"""Many copies of one compiled model stepped together: the engine of parameter sweeps.

Copy k of a model with n nodes occupies nodes k*n .. k*n+n-1 of a larger,
disconnected model, so one kernel run advances every copy with exactly the
arithmetic of a single run (results are bit-identical to looping h.run()),
while Python and loop overheads are paid once for the whole batch.
"""
import numpy as np

from .compile import Block, CompiledModel, _allocate_extracellular


def _tile_nodes(nodes, count, n):
    return np.concatenate([nodes + k * n for k in range(count)]) if nodes.size else nodes


def replicate(model, count):
    """A CompiledModel holding ``count`` independent copies of ``model`` (values included)."""
    if model.blocks["extracellular"].nodes.size:
        raise NotImplementedError("batch runs do not support extracellular yet")
    n = model.n_nodes
    big = CompiledModel()
    big.n_nodes = n * count
    big.source = model
    big.copies = count
    parent = model.parent
    big.parent = np.concatenate([np.where(parent >= 0, parent + k * n, -1)
                                 for k in range(count)])
    for name in ("a", "b", "area", "cm"):
        setattr(big, name, np.tile(getattr(model, name), count))
    blocks = list(model.blocks.items()) + list(model.point_blocks.items())
    size = 1 + n * count + sum(b.spec.nrows * len(b.sources) * count for _, b in blocks)
    big.data = np.zeros(size)
    big.data[0] = model.data[0]
    big.v_offset = 1
    big.v = big.data[1:1 + n * count]
    big.v[:] = np.tile(model.v, count)
    offset = 1 + n * count
    for name, block in blocks:
        copy = Block(block.spec)
        copy.sources = list(block.sources) * count
        copy.nodes = list(_tile_nodes(block.nodes, count, n))
        offset = copy.finish(big.data, offset)
        copy.values[:] = np.tile(block.values, (1, count))
        copy.instances = len(block.sources)
        target = big.blocks if name in model.blocks else big.point_blocks
        target[name] = copy
    na = len(model.blocks["na_ion"].sources)
    k_ = len(model.blocks["k_ion"].sources)
    big.hh_na = np.concatenate([model.hh_na + k * na for k in range(count)])
    big.hh_k = np.concatenate([model.hh_k + k * k_ for k in range(count)])
    big.rhs = np.zeros(n * count)
    big.d = np.zeros(n * count)
    big.xa = big.xb = np.zeros((0, 3))
    _allocate_extracellular(big, n * count)
    return big


def copy_offset(big, base_offset, k):
    """Offset in the batch's data of copy k of what sits at ``base_offset`` in one model."""
    model = big.source
    if base_offset == 0:
        return 0
    n = model.n_nodes
    if base_offset < 1 + n:
        return 1 + k * n + (base_offset - 1)
    for name, block in list(model.blocks.items()) + list(model.point_blocks.items()):
        count = len(block.sources)
        size = block.spec.nrows * count
        if block.offset <= base_offset < block.offset + size:
            row, j = divmod(base_offset - block.offset, count)
            copy = big.blocks.get(name) or big.point_blocks[name]
            return copy.offset + row * count * big.copies + k * count + j
    raise KeyError("offset %d is not in the model" % base_offset)
