# The seed worksheet's code, in order, with the lines the worksheet shows as
# pictures written out as NEURON's tutorial has them.  `SIM` is replaced by
# `neuron` or `neuronlite` by the test; nothing else differs.
from SIM import h, gui

soma = h.Section(name='soma')
h.psection()
print([name for name in dir(soma) if not name.startswith('_')])
help(soma.connect)
soma.insert('pas')
print("type(soma) = {}".format(type(soma)))
print("type(soma(0.5)) ={}".format(type(soma(0.5))))
print(soma(0.5).v, soma(0.5).diam, soma(0.5).area())
print(soma(0.5).pas.g, soma(0.5).g_pas)
mech = soma(0.5).pas
print([name for name in dir(mech) if not name.startswith('_')])
print(mech.g)
asyn = h.AlphaSynapse(soma(0.5))
print([name for name in dir(asyn) if not name.startswith('_')])
print("asyn.e = {}".format(asyn.e))
print("asyn.gmax = {}".format(asyn.gmax))
print("asyn.onset = {}".format(asyn.onset))
print("asyn.tau = {}".format(asyn.tau))
asyn.onset = 20
asyn.gmax = 1
h.psection()
print(asyn, asyn.get_segment())
v_vec = h.Vector()             # Membrane potential vector
t_vec = h.Vector()             # Time stamp vector
v_vec.record(soma(0.5)._ref_v)
t_vec.record(h._ref_t)
h.tstop = 40.0
h.run()
print(len(t_vec), t_vec[-1], "%.10f" % max(v_vec), "%.10f" % v_vec[-1])

from matplotlib import pyplot
pyplot.figure(figsize=(8,4)) # Default figsize is (8,6)
pyplot.plot(t_vec, v_vec)
pyplot.xlabel('time (ms)')
pyplot.ylabel('mV')
pyplot.savefig('worksheet.png')

import pickle
with open('t_vec.p', 'wb') as t_vec_file:
    pickle.dump(t_vec, t_vec_file)
with open('v_vec.p', 'wb') as v_vec_file:
    pickle.dump(v_vec, v_vec_file)

with open('t_vec.p', 'rb') as t_vec_file:
    t_vec2 = pickle.load(t_vec_file)
with open('v_vec.p', 'rb') as vec_file:
    v_vec2 = pickle.load(vec_file)
print(type(v_vec2).__name__, len(v_vec2), list(v_vec2) == list(v_vec), t_vec2[-1])
pyplot.figure(figsize=(8,4)) # Default figsize is (8,6)
pyplot.plot(t_vec2, v_vec2)
pyplot.xlabel('time (ms)')
