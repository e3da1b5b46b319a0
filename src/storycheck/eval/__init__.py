"""Benchmark loaders and their official metrics, one module per benchmark."""
