"""Observer hooks: how widgets (or any caller) learn that the simulation changed.

The core never imports a GUI toolkit.  Panels subscribe to the events below and
read the model through the public API when they are told something happened.

Events (keyword arguments passed to callbacks):

``structure_changed``
    Sections created, deleted or connected, mechanisms inserted, nseg changed,
    point processes created.  No arguments.
``value_changed``
    A parameter was assigned through the public API.  ``owner`` (the Section,
    point process or ``None`` for globals) and ``name`` (the attribute).
``initialized``
    ``finitialize`` finished; ``t`` is 0.
``progress``
    Emitted between chunks of a long run (only when someone listens); ``t``
    is the current time and ``tstop`` the target.  Recording Vectors already
    hold the samples up to ``t``.  Setting ``h.stoprun = 1`` in a callback
    stops the run at the end of the chunk.
``run_finished``
    ``continuerun``/``run`` returned (also after a stop); ``t`` is the final time.
"""

EVENTS = ("structure_changed", "value_changed", "initialized", "progress", "run_finished")

_listeners = {name: [] for name in EVENTS}


def subscribe(event, callback):
    """Call ``callback(**info)`` whenever ``event`` happens.

    Returns a function that removes the subscription.
    """
    if event not in _listeners:
        raise ValueError("unknown event %r; known events: %s" % (event, ", ".join(EVENTS)))
    if not callable(callback):
        raise TypeError("callback must be callable")
    _listeners[event].append(callback)

    def unsubscribe():
        try:
            _listeners[event].remove(callback)
        except ValueError:
            pass
    return unsubscribe


def has_listeners(event):
    """True when at least one callback is subscribed to ``event`` (cheap test on hot paths)."""
    return bool(_listeners[event])


def emit(event, **info):
    """Notify every subscriber of ``event``; a failing callback does not stop the others."""
    errors = []
    for callback in list(_listeners[event]):
        try:
            callback(**info)
        except Exception as exc:  # a broken panel must not break the simulation
            errors.append(exc)
    if errors:
        import warnings
        warnings.warn("%d %s listener(s) failed: %r" % (len(errors), event, errors[0]),
                      RuntimeWarning, stacklevel=2)
