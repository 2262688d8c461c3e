"""Event queue, NetCon delivery and NetStim's behaviour (NEURON_FACTS §3.5, §4.9)."""
import heapq
import itertools
import weakref

from ..mechanisms import exp2syn, expsyn, netstim

NET_RECEIVE = {"ExpSyn": expsyn.net_receive, "Exp2Syn": exp2syn.net_receive}


class EventQueue:
    def __init__(self):
        self._heap = []
        self._order = itertools.count()

    def clear(self):
        self._heap = []

    def push(self, time, kind, payload, flag=0.0):
        if kind == "self" and not isinstance(payload, weakref.ProxyType):
            # a NetStim's own events do not keep it alive (NEURON frees it with its
            # last reference, queued events and all)
            payload = weakref.proxy(payload)
        heapq.heappush(self._heap, (time, next(self._order), kind, payload, flag))

    def next_time(self):
        return self._heap[0][0] if self._heap else float("inf")

    def pop(self):
        return heapq.heappop(self._heap)

    def discard(self, kinds):
        """Drop every queued event of the given kinds (CVode's record/tstop events)."""
        self._heap = [item for item in self._heap if item[2] not in kinds]
        heapq.heapify(self._heap)


class NetStimLogic:
    """netstim.mod's INITIAL and NET_RECEIVE, acting on the NetStim's own values."""

    def __init__(self, sim):
        self.sim = sim

    def _invl(self, stim, mean):
        values = stim._values
        if mean <= 0.0:
            mean = 0.01
        noise = values[netstim.NOISE]
        if noise == 0:
            return mean
        # each NetStim draws from its own Random123 stream (NEURON's ranvar), so
        # trains do not depend on how many other NetStims exist or fire first
        return (1.0 - noise) * mean + noise * mean * netstim.stream_of(stim).negexp()

    def initialize(self, stim):
        values = stim._values
        netstim.stream_of(stim).set_seq4which(0.0)   # INITIAL's seed(0): every run restarts
        values[netstim.ON] = 0.0
        values[netstim.ISPIKE] = 0.0
        values[netstim.NOISE] = min(max(values[netstim.NOISE], 0.0), 1.0)
        if values[netstim.START] >= 0 and values[netstim.NUMBER] > 0:
            values[netstim.ON] = 1.0
            interval = values[netstim.INTERVAL]
            event = (values[netstim.START] + self._invl(stim, interval)
                     - interval * (1.0 - values[netstim.NOISE]))
            if event < 0:
                event = 0.0
            values[netstim.EVENT] = event
            self.sim.events.push(self.sim.t + event, "self", stim, 3.0)

    def _init_sequence(self, values):
        if values[netstim.NUMBER] > 0:
            values[netstim.ON] = 1.0
            values[netstim.EVENT] = 0.0
            values[netstim.ISPIKE] = 0.0

    def _next_invl(self, stim):
        values = stim._values
        if values[netstim.NUMBER] > 0:
            values[netstim.EVENT] = self._invl(stim, values[netstim.INTERVAL])
        if values[netstim.ISPIKE] >= values[netstim.NUMBER]:
            values[netstim.ON] = 0.0

    def receive(self, stim, t, weight, flag):
        values = stim._values
        if flag == 0:
            if weight > 0 and values[netstim.ON] == 0:
                self._init_sequence(values)
                self._next_invl(stim)
                values[netstim.EVENT] -= values[netstim.INTERVAL] * (1.0 - values[netstim.NOISE])
                self.sim.events.push(t + values[netstim.EVENT], "self", stim, 1.0)
            elif weight < 0:
                values[netstim.ON] = 0.0
        if flag == 3 and values[netstim.ON] == 1:
            self._init_sequence(values)
            self.sim.events.push(t, "self", stim, 1.0)
        if flag == 1 and values[netstim.ON] == 1:
            values[netstim.ISPIKE] += 1
            self.sim.spike_from(stim, t)
            self._next_invl(stim)
            if values[netstim.ON] == 1:
                self.sim.events.push(t + values[netstim.EVENT], "self", stim, 1.0)


def deliver(sim, time, kind, payload, flag):
    """Run the NET_RECEIVE an event is for, with t = the event's own time."""
    if kind == "self":
        try:
            payload._values
        except ReferenceError:
            return          # the NetStim was freed since the event was queued
        sim.netstim_logic.receive(payload, time, 0.0, flag)
        return
    nc = payload
    target = nc._target
    if target is None or not nc._active:
        return
    name = target._spec.name
    if name == "NetStim":
        sim.netstim_logic.receive(target, time, nc._weights[0], 0.0)
        return
    compiled = sim.compiled
    block = compiled.point_blocks.get(name)
    j = block.instance_of.get(id(target)) if block is not None else None
    if j is None:
        return  # target not located in a section: NEURON drops the event too
    NET_RECEIVE[name](block.values, j, nc._weights)
