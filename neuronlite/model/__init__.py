"""User-facing model objects: mutable, NEURON-shaped, never seen by the kernel."""
