"""NEURON's hoc-flavoured surface: the ``h``/``n`` objects, stdrun, printed forms."""
