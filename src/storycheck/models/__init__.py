"""Trained artefacts, one folder per task, written by ``storycheck train`` (no pickle)."""
