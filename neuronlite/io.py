"""Saving recorded Vectors as data, not code: npz, CSV and JSON, read back bit for bit.

Each pair takes a dict ``{name: Vector}`` (any sequence of numbers will do)
and gives back a dict of neuronlite Vectors::

    from neuronlite import io
    io.save_json("run.json", {"t": t_vec, "v": v_vec})
    run = io.load_json("run.json")

Exactness: npz stores the doubles themselves; CSV and JSON write Python's
``repr`` of every float, the shortest text that reads back as the same
double (NaN, inf and -0.0 included).

Where files land: a save writes a temporary file next to the target and
renames it over the target, so a failed save leaves no half-written file,
and a target that is a symbolic link is replaced, never followed out of its
directory.  With ``directory=...`` the name must stay inside that directory
(``"../x"``, absolute paths and links pointing out are refused).

``load_pickle`` reads a pickled Vector (NEURON's or neuronlite's) but runs
nothing except the Vector constructor: a pickle that names any other
function is refused before anything is called.
"""
import csv
import io as _io
import json
import math
import os
import pickle
import tempfile

import numpy as np

__all__ = ["save_npz", "load_npz", "save_csv", "load_csv", "save_json", "load_json",
           "load_pickle", "loads_pickle", "write_text", "UnsafePickleError"]

FORMAT = "neuronlite-vectors"
#: The only globals a Vector pickle may name: the Vector constructors, and the
#: str -> bytes conversion protocols 0-2 use for the raw doubles (NEURON's pickles).
PICKLE_GLOBALS = {("neuronlite.model.vector", "_pkl"), ("neuronlite", "_pkl"),
                  ("neuron", "_pkl"), ("_codecs", "encode")}


class UnsafePickleError(pickle.UnpicklingError):
    """The pickle names a callable other than the Vector constructor."""


# ------------------------------------------------------------------------ paths

def resolve(path, directory=None):
    """The absolute file name to write/read; refuses to leave ``directory``."""
    path = os.fspath(path)
    if not isinstance(path, str) or not path or "\0" in path:
        raise ValueError("a file name must be a non-empty string, got %r" % (path,))
    if directory is None:
        return os.path.abspath(path)
    root = os.path.realpath(os.fspath(directory))
    if not os.path.isdir(root):
        raise FileNotFoundError("directory %r does not exist" % os.fspath(directory))
    if os.path.isabs(path):
        raise ValueError("%r is an absolute path; give a name inside %r" % (path, root))
    # realpath follows links (in the directories and the file itself): where it
    # would really land must still be inside root
    target = os.path.realpath(os.path.join(root, path))
    if os.path.commonpath([target, root]) != root:
        raise ValueError("%r would land outside the directory %r" % (path, root))
    return os.path.join(root, os.path.normpath(path))


def _write(path, directory, fill, binary):
    """Write atomically: temporary file in the same directory, then rename."""
    target = resolve(path, directory)
    folder = os.path.dirname(target)
    handle, temporary = tempfile.mkstemp(prefix=".neuronlite-", dir=folder)
    try:
        with os.fdopen(handle, "wb" if binary else "w",
                       **({} if binary else {"encoding": "utf-8", "newline": ""})) as out:
            fill(out)
        os.replace(temporary, target)   # replaces a link itself, never what it points to
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return target


def write_text(path, text, directory=None):
    """Write ``text`` (UTF-8) the safe way described above; returns the file name."""
    return _write(path, directory, lambda out: out.write(text), binary=False)


# ------------------------------------------------------------------------ values

def _columns(vectors):
    """{name: float64 array} with names checked (they become headers and zip members)."""
    if not isinstance(vectors, dict):
        raise TypeError("expected a dict {name: Vector}, not %s" % type(vectors).__name__)
    columns = {}
    for name, values in vectors.items():
        if not isinstance(name, str) or not name or name in (".", ".."):
            raise ValueError("a Vector name must be a non-empty string, got %r" % (name,))
        bad = [c for c in name if c in "/\\\0\r\n" or ord(c) < 32]
        if bad:
            raise ValueError("a Vector name must not contain %r (got %r)" % (bad[0], name))
        as_numpy = getattr(values, "as_numpy", None)
        array = np.array(as_numpy() if as_numpy is not None else values, dtype=np.float64)
        if array.ndim != 1:
            raise ValueError("%r must be one-dimensional, got shape %s" % (name, array.shape))
        columns[name] = array
    return columns


def _vectors(columns):
    from .model.vector import Vector
    out = {}
    for name, array in columns.items():
        vec = Vector()
        vec._extend(np.asarray(array, dtype=np.float64))
        out[name] = vec
    return out


def _text(value):
    return repr(float(value))


def _number(text, where):
    try:
        return float(text)
    except ValueError:
        raise ValueError("%s: %r is not a number" % (where, text)) from None


# ------------------------------------------------------------------------ npz

def save_npz(path, vectors, directory=None):
    """Write the Vectors as numpy arrays (one per name) in an uncompressed .npz file."""
    columns = _columns(vectors)
    return _write(path, directory, lambda out: np.savez(out, **columns), binary=True)


def load_npz(path, directory=None):
    """Read a .npz file written by save_npz (or numpy) into Vectors; never unpickles."""
    with np.load(resolve(path, directory), allow_pickle=False) as data:
        return _vectors({name: data[name] for name in data.files})


# ------------------------------------------------------------------------ CSV

def save_csv(path, vectors, directory=None):
    """One column per Vector, names in the header row; shorter Vectors leave cells empty."""
    columns = _columns(vectors)
    rows = max((array.size for array in columns.values()), default=0)

    def fill(out):
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(columns))
        for i in range(rows):
            writer.writerow([_text(a[i]) if i < a.size else "" for a in columns.values()])
    return _write(path, directory, fill, binary=False)


def load_csv(path, directory=None):
    """Read a file written by save_csv (header row of names, then numbers)."""
    with open(resolve(path, directory), encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        names = next(reader, None)
        if names is None:
            raise ValueError("%s is empty (no header row)" % path)
        cells = {name: [] for name in names}
        if len(cells) != len(names):
            raise ValueError("%s: repeated column names %r" % (path, names))
        for line, row in enumerate(reader, start=2):
            if len(row) != len(names):
                raise ValueError("%s line %d: %d cells for %d columns"
                                 % (path, line, len(row), len(names)))
            for name, cell in zip(names, row):
                if cell == "":
                    continue
                if len(cells[name]) != line - 2:
                    raise ValueError("%s line %d: a value after an empty cell in %r"
                                     % (path, line, name))
                cells[name].append(_number(cell, "%s line %d" % (path, line)))
    return _vectors(cells)


# ------------------------------------------------------------------------ JSON

def save_json(path, vectors, directory=None, **extra):
    """A JSON object with the Vectors under "vectors" (NaN/inf as strings: JSON has none).

    ``extra`` keyword arguments (parameters, a description) are stored beside
    them, as plain JSON values.
    """
    columns = _columns(vectors)
    if {"format", "version"} & set(extra):
        raise ValueError("\"format\" and \"version\" are reserved keys of the file")
    document = {"format": FORMAT, "version": 1, **extra,
                "vectors": {name: [v if math.isfinite(v) else _text(v) for v in a.tolist()]
                            for name, a in columns.items()}}
    text = json.dumps(document, allow_nan=False)
    return _write(path, directory, lambda out: out.write(text), binary=False)


def load_json(path, directory=None):
    """The Vectors of a file written by save_json."""
    with open(resolve(path, directory), encoding="utf-8") as handle:
        document = json.load(handle)
    if not isinstance(document, dict) or not isinstance(document.get("vectors"), dict):
        raise ValueError("%s has no \"vectors\" object (not written by save_json)" % path)
    columns = {}
    for name, values in document["vectors"].items():
        if not isinstance(values, list):
            raise ValueError("%s: %r is not a list of numbers" % (path, name))
        columns[name] = [_number(v, "%s: %r" % (path, name)) if isinstance(v, str) else
                         _json_number(v, path, name) for v in values]
    return _vectors(columns)


def _json_number(value, path, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("%s: %r holds %r, not a number" % (path, name, value))
    return float(value)


# ------------------------------------------------------------------------ pickle

class _VectorUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in PICKLE_GLOBALS:
            raise UnsafePickleError(
                "refused to load: the pickle asks to call %s.%s; a Vector pickle only names "
                "the Vector constructor (neuron._pkl)" % (module, name))
        if module == "_codecs":
            return _latin1_encode
        from .model.vector import _pkl
        return _pkl


def _latin1_encode(text, encoding="latin1"):
    """_codecs.encode as protocol-2 pickles use it for bytes, and nothing more."""
    if encoding not in ("latin1", "latin-1") or not isinstance(text, str):
        raise UnsafePickleError("refused to load: _codecs.encode(%r) is not a bytes literal"
                                % (encoding,))
    return text.encode("latin-1")


def load_pickle(path, directory=None):
    """Unpickle a Vector (or a list/dict/tuple of them) without running foreign code."""
    with open(resolve(path, directory), "rb") as handle:
        return _VectorUnpickler(handle).load()


def loads_pickle(data):
    """load_pickle for bytes already in memory."""
    return _VectorUnpickler(_io.BytesIO(data)).load()
