from neuron import h
import numpy as np
import os

# Exp2Syn / NetStim corner cases on one passive dendrite.
# * syn_a: tau1 = 4 > tau2 = 1.5 (INITIAL sets tau1 = 0.9999*tau2)
# * syn_b: tau1 == tau2 == 3 (likewise rewritten to 2.9997)
# * syn_c: ordinary tau1 = 0.5, tau2 = 5, driven by a NetStim with start = 0
#   through a NetCon with delay 0: the first event is delivered inside
#   finitialize, before the t=0 sample.
# * a NetStim with number = 0 never fires (its NetCon records nothing).
# * a NetStim with interval 2.7, number 4, start 1.3 (non-grid times) drives
#   syn_a and syn_b (delay 0.5).  Read back tau1 after the run.

h.load_file("stdrun.hoc")

dend = h.Section(name="dend")
dend.L, dend.diam, dend.nseg = 200, 2, 4
dend.insert("pas")
dend.g_pas = 2e-4
dend.e_pas = -70

syn_a = h.Exp2Syn(dend(0.2))
syn_a.tau1, syn_a.tau2, syn_a.e = 4, 1.5, 0
syn_b = h.Exp2Syn(dend(0.5))
syn_b.tau1, syn_b.tau2, syn_b.e = 3, 3, -80
syn_c = h.Exp2Syn(dend(0.9))
syn_c.tau1, syn_c.tau2, syn_c.e = 0.5, 5, 0

ns_train = h.NetStim()
ns_train.start, ns_train.interval, ns_train.number, ns_train.noise = 1.3, 2.7, 4, 0
ns_zero = h.NetStim()
ns_zero.start, ns_zero.number = 0, 0
ns_start0 = h.NetStim()
ns_start0.start, ns_start0.interval, ns_start0.number = 0, 6, 2

nc_a = h.NetCon(ns_train, syn_a, 0, 0.5, 0.004)
nc_b = h.NetCon(ns_train, syn_b, 0, 0.5, 0.003)
nc_c = h.NetCon(ns_start0, syn_c, 0, 0, 0.005)
nc_z = h.NetCon(ns_zero, syn_c, 0, 0, 0.01)

times = {k: h.Vector() for k in ("train_times", "start0_times", "zero_times")}
nc_a.record(times["train_times"])
nc_c.record(times["start0_times"])
nc_z.record(times["zero_times"])

vecs = {"t": h.Vector().record(h._ref_t),
        "v_02": h.Vector().record(dend(0.2)._ref_v),
        "v_05": h.Vector().record(dend(0.5)._ref_v),
        "v_09": h.Vector().record(dend(0.9)._ref_v)}
for name, s in (("a", syn_a), ("b", syn_b), ("c", syn_c)):
    vecs["g_" + name] = h.Vector().record(s._ref_g)   # assigned: lags a step
    vecs["i_" + name] = h.Vector().record(s._ref_i)
    vecs["B_" + name] = h.Vector().record(s._ref_B)   # state

h.tstop = 14
h.run()

out = {k: np.array(v) for k, v in vecs.items()}
out.update({k: np.array(v) for k, v in times.items()})
out["taus"] = np.array([syn_a.tau1, syn_a.tau2, syn_b.tau1, syn_b.tau2,
                        syn_c.tau1, syn_c.tau2])
np.savez(os.environ["REF_OUT"], **out)
