"""NEURON's Random123 streams (src/gnu/nrnran123.cpp), bit for bit.

NEURON 9 gives every NetStim its own ``RANDOM ranvar``: a Philox4x32-10
counter-based generator.  A stream is the 128-bit counter
``[seq, id3, id1, id2]`` encrypted with the 64-bit key ``[globalindex, 0]``;
each encryption yields four 32-bit numbers, handed out one by one (``which``),
after which ``seq`` advances.  Because the generator is a pure function of
(ids, seq, globalindex), reproducing it here makes neuronlite's noisy NetStim
trains identical to NEURON's, not just statistically alike.

Default ids: NEURON numbers the streams it creates without explicit ids as
(1, MPI rank, ++counter), the counter running over the process.  NetStim is
the only built-in mechanism with a RANDOM variable, so NetStim[k] of a fresh
process owns (1, 0, k+1).
"""
import math

_M0, _M1 = 0xD2511F53, 0xCD9E8D57     # Philox multipliers
_W0, _W1 = 0x9E3779B9, 0xBB67AE85     # Weyl key increments
_MASK = 0xFFFFFFFF
_SHIFT32 = 1.0 / 4294967297.0         # maps 0..2^32-1 into the open interval (0, 1)

# key word 0 (hoc: Random().Random123_globalindex); one value per process, as in NEURON
_global = {"index": 0}


def set_globalindex(index):
    """Set the key word every stream shares (NEURON's Random123_globalindex); returns it.

    Like NEURON, streams pick the new key up at their next reseed (each
    finitialize reseeds NetStims), not in the middle of a four-number block.
    """
    _global["index"] = int(index) & _MASK
    return float(_global["index"])


def get_globalindex():
    return _global["index"]


def philox4x32(counter, key):
    """Ten Philox rounds: 4 words of counter, 2 of key -> 4 random 32-bit words."""
    c0, c1, c2, c3 = counter
    k0, k1 = key
    for round_ in range(10):
        if round_:
            k0 = (k0 + _W0) & _MASK
            k1 = (k1 + _W1) & _MASK
        p0 = _M0 * c0
        p1 = _M1 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0, p1 & _MASK, (p0 >> 32) ^ c3 ^ k1, p0 & _MASK)
    return c0, c1, c2, c3


class Stream:
    """One nrnran123_State: ids, sequence number, position inside the current block."""

    __slots__ = ("ids", "seq", "which", "block")

    def __init__(self, id1, id2, id3):
        self.ids = (0, 0, 0)
        self.set_ids(id1, id2, id3)
        self.set_seq(0, 0)

    def set_ids(self, id1, id2, id3):
        # NEURON casts the hoc doubles to uint32; the block is not recomputed
        # until the next set_seq, exactly as nrnran123_setids leaves it
        self.ids = tuple(int(v) & _MASK for v in (id1, id2, id3))

    def _counter(self):
        id1, id2, id3 = self.ids
        return (self.seq, id3, id1, id2)

    def set_seq(self, seq, which):
        self.which = which if 0 <= which <= 3 else 0
        self.seq = int(seq) & _MASK
        self.block = philox4x32(self._counter(), (_global["index"], 0))

    def set_seq4which(self, value):
        """random_setseq(ranvar, x): x is seq*4 + which (NEURON's one-number form)."""
        value = float(value)
        if value < 0.0 or value > float(0xFFFFFFFFFF):
            value = 0.0
        x = int(value) & 0x3FFFFFFFF
        self.set_seq(x >> 2, x & 3)

    def ipick(self):
        value = self.block[self.which]
        self.which += 1
        if self.which > 3:
            self.which = 0
            # the counter is one 128-bit number; a wrapping seq carries into id3
            if self.seq == _MASK:
                id1, id2, id3 = self.ids
                self.ids = (id1, id2, (id3 + 1) & _MASK)
            self.seq = (self.seq + 1) & _MASK
            self.block = philox4x32(self._counter(), (_global["index"], 0))
        return value

    def uniform(self):
        """Uniform in the open interval (0, 1) (nrnran123_dblpick)."""
        return (float(self.ipick()) + 1.0) * _SHIFT32

    def negexp(self):
        """Exponential with mean 1 (nrnran123_negexp)."""
        return -math.log(self.uniform())
