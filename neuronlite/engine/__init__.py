"""Compilation of the model into flat arrays, the stepping kernel and run control."""
