"""exp() in a form the compiler can vectorise (4 values per instruction with AVX2).

The C library's exp is a call LLVM cannot vectorise, and in hh's state update
it costs more than everything else.  ``vexp`` uses Cody-Waite range reduction
and a degree-13 Taylor polynomial on |r| <= ln2/2; it agrees with the C
library to about 1 ulp (tests/test_vmath.py), far below NEURON's own rounding
differences between builds.  ``pow2`` is replaced by a bit-level version when
the JIT starts (engine/jit.py); as Python it is math.ldexp.
"""
import math

from .base import kernel_function

LOG2E = 1.4426950408889634
LN2_HI = 0.6931471803691238      # ln 2 split so k*LN2_HI is exact for |k| < 2**21
LN2_LO = 1.9082149292705877e-10
EXP_MAX = 709.0
EXP_MIN = -708.0                 # below this exp underflows to subnormals; 0 is used


def pow2(k):
    """2**k for an integer-valued float k in [-1022, 1023]."""
    return math.ldexp(1.0, int(k))


@kernel_function
def vexp(x):
    """exp(x) (x finite); 0 below -708, as good as the C library to ~1 ulp."""
    xc = min(max(x, EXP_MIN), EXP_MAX)
    k = math.floor(xc * LOG2E + 0.5)
    r = (xc - k * LN2_HI) - k * LN2_LO
    p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    result = p * pow2(k)
    return result if x > EXP_MIN else 0.0


def compiled_pow2():
    """2**k by writing the exponent bits directly (vectorisable), for the JIT."""
    from llvmlite import ir
    from numba import njit, types
    from numba.extending import intrinsic

    @intrinsic
    def _bits_to_float(typingctx, bits):
        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], ir.DoubleType())
        return types.float64(types.int64), codegen

    @njit(inline="always")
    def fast_pow2(k):
        return _bits_to_float((int(k) + 1023) << 52)
    return fast_pow2
