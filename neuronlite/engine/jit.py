"""Lazy JIT: numba is imported on the first run, never by ``import neuronlite``.

Compiled code is cached on disk in a directory keyed by a hash of the kernel
and mechanism sources, so an edited mechanism can never run stale machine code.
Without numba (or with NEURONLITE_NOJIT=1) the same functions run as Python.
"""
import hashlib
import os
import pathlib

# Helpers are inlined into the stepping loop, and the kernel runs without numba's
# reference counting: kernel functions never allocate, and per-call incref/decref
# of ~20 arrays cost 5x the arithmetic of a small model's step.
INLINE = "always"
_state = {"active": None, "compiled": False}


def _source_hash():
    root = pathlib.Path(__file__).resolve().parent.parent
    digest = hashlib.sha1()
    for folder in ("mechanisms", "engine"):
        for path in sorted((root / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir():
    base = os.environ.get("NUMBA_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "neuronlite")
    return os.path.join(base, "numba-" + _source_hash())


def activate():
    """Turn every function marked with ``kernel_function`` into a compiled one.

    Returns the ``njit`` decorator to use for the kernel (identity without numba).
    """
    if _state["active"] is not None:
        return _state["active"]
    njit = None
    if os.environ.get("NEURONLITE_NOJIT") != "1":
        try:
            import numba
        except ImportError:
            numba = None
        if numba is not None:
            directory = cache_dir()
            try:
                os.makedirs(directory, exist_ok=True)
                numba.config.CACHE_DIR = directory
                cache = True
            except OSError:
                cache = False

            def njit(fn):
                return numba.njit(cache=cache, error_model="numpy", inline=INLINE, _nrt=False)(fn)
            _state["compiled"] = True
    if njit is None:
        def njit(fn):
            return fn
    from ..mechanisms import vmath
    from ..mechanisms.base import KERNEL_FUNCTIONS
    if _state["compiled"]:
        vmath.pow2 = vmath.compiled_pow2()
    for module, name in KERNEL_FUNCTIONS:
        setattr(module, name, njit(getattr(module, name)))
    _state["active"] = njit
    return njit


def is_compiled():
    """True when activate() has already switched the kernel to compiled code."""
    return _state["compiled"]


def enabled():
    """True when the kernel runs compiled."""
    activate()
    return _state["compiled"]
