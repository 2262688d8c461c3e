"""NEURON's error messages (NEURON_FACTS §7), kept verbatim in one place."""

SEGMENT_RANGE = "segment position range is 0 <= x <= 1"
NSEG_RANGE = "nseg must be an integer in range 1 to 32767"
NOT_DENSITY = "argument not a density mechanism name."
INSERT_TYPE = "insert argument must be either a string or an object with an insert method"
DELETED = "can't access a deleted section"
CHILD_END = "child connection end must be  0 or 1"
CONNECT_TYPE = "first arg not a nrn.Section or nrn.Segment"
PARENT_X = "out of range 0 <= parentx <= 1."
HOCOBJ = "hocobj_call error: hoc_execerror: "
#: Default of optional arguments where an explicit None is an error (NEURON's TypeError).
OMITTED = type("Omitted", (), {"__repr__": lambda self: "<omitted>"})()


def not_here(name, where):
    """AttributeError text for a range variable of a mechanism that is not inserted."""
    return "%s, the mechanism does not exist at %s" % (name, where)


def no_attribute(type_name, name):
    return "'%s' object has no attribute '%s'" % (type_name, name)


def check_number(value, what="value"):
    """A finite float, or ValueError naming the problem (NaN never enters the model)."""
    if isinstance(value, bool):
        return float(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError("bad value: %s must be a number, not %s"
                         % (what, type(value).__name__)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("%s must be a finite number, got %r" % (what, number))
    return number


def hoc_error(message):
    """RuntimeError as NEURON raises it from inside an h function."""
    return RuntimeError(HOCOBJ + message)


def attribute_number(value, what):
    """A number assigned to a hoc object attribute: TypeError for non-numbers (NEURON's)."""
    if isinstance(value, str) or value is None or not _is_real(value):
        raise TypeError("must be real number, not %s (%s)" % (type(value).__name__, what))
    return check_number(value, what)


def argument_number(value, what):
    """A number passed to an h function: NEURON's RuntimeError for other types."""
    if isinstance(value, str) or value is None or not _is_real(value):
        raise hoc_error("bad stack access: expecting double; %s must be a number, not %s"
                        % (what, type(value).__name__))
    number = float(value)
    if number != number:
        raise hoc_error("%s is NaN" % what)
    return number


def _is_real(value):
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
