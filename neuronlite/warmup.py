"""Compile and cache the JIT kernel ahead of time (``python -m neuronlite.warmup``).

The first run after installation otherwise pays several seconds of compilation;
Binder's postBuild and the tutorial launcher call this once so a student's first
slider move is immediate.
"""
import time


def main():
    from . import _reset, h
    from .engine import kernel
    kernel.first_run_done()        # compile now, even for this small model
    start = time.perf_counter()
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    soma.insert("pas")
    syn = h.AlphaSynapse(soma(0.5))
    syn.onset, syn.gmax = 1, 0.1
    h.IClamp(soma(0.5))
    h.Vector().record(soma(0.5)._ref_v)
    h.tstop = 2
    h.run()
    h.secondorder = 2
    h.run()
    _reset()
    print("neuronlite: kernel ready in %.1f s" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
