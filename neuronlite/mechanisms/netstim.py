"""NetStim: an artificial cell emitting a train of events (netstim.mod; §4.9).

Its behaviour is event logic rather than membrane math, so the simulator's
event loop drives it (engine/events.py); this file declares its parameters
and the hoc methods of its random stream (NEURON 9's ``RANDOM ranvar``).
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
    net_receive_args=1, functions=("seed", "noiseFromRandom123", "erand"))

INTERVAL, NUMBER, START, NOISE, EVENT, ON, ISPIKE = range(7)


def stream_of(stim):
    """The NetStim's Random123 stream, made on first use with NEURON's default ids.

    NEURON numbers unnamed streams (1, 0, ++counter) as the NetStims are
    created, so the k-th NetStim (hoc index k) owns id3 = k + 1.
    """
    stream = stim.__dict__.get("_ranvar")
    if stream is None:
        from ..engine.random123 import Stream
        stream = Stream(1, 0, stim._hoc_index + 1)
        stim.__dict__["_ranvar"] = stream
    return stream


def _per_instance(fn):
    # point processes hand these the NetStim itself (model/pointprocess.py)
    fn.per_instance = True
    return fn


@_per_instance
def seed(stim, x):
    """Move this NetStim's stream to position x (seq*4 + which), as NEURON 9 does.

    finitialize puts every stream back to 0 (netstim.mod's INITIAL calls
    seed(0)), so call it after h.finitialize / h.stdinit to change a run;
    use noiseFromRandom123 to choose a different stream for whole runs.
    """
    stream_of(stim).set_seq4which(x)
    return 1.0


@_per_instance
def noiseFromRandom123(stim, *ids):
    """Use the Random123 stream (id1, id2[, id3]) for this NetStim; restarts it at 0."""
    stream = stream_of(stim)
    if len(ids) >= 3:
        stream.set_ids(ids[0], ids[1], ids[2])
    elif len(ids) == 2:
        stream.set_ids(ids[0], ids[1], 0)
    stream.set_seq(0, 0)
    return 1.0


@_per_instance
def erand(stim):
    """Next exponential number (mean 1) from this NetStim's stream."""
    return stream_of(stim).negexp()
