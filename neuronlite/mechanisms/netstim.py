"""NetStim: an artificial cell emitting a train of events (netstim.mod; §4.9).

Its behaviour is event logic rather than membrane math, so the simulator's
event loop drives it (engine/events.py); this file declares its parameters.
"""
from .base import ARTIFICIAL, MechanismSpec, assigned, parameter

SPEC = MechanismSpec(
    "NetStim", ARTIFICIAL,
    [parameter("interval", 10.0, "ms", 0.1, 100.0, "mean time between spikes"),
     parameter("number", 10.0, "1", 0.0, 100.0, "number of spikes"),
     parameter("start", 50.0, "ms", 0.0, 100.0, "time of the first spike (noise 0)"),
     parameter("noise", 0.0, "1", 0.0, 1.0, "0 regular, 1 Poisson"),
     assigned("event", "ms", "time of the next event"),
     assigned("on", "1", "1 while the train runs"),
     assigned("ispike", "1", "spikes emitted so far")],
    doc="Spike generator: number events, interval ms apart, from start ms (noise adds jitter).",
    net_receive_args=1)

INTERVAL, NUMBER, START, NOISE, EVENT, ON, ISPIKE = range(7)
