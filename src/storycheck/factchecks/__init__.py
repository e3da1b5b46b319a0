"""The fact-check memory: claims already checked, their verdicts, and search over them."""
