"""Benchmarks and synthetic data: figures for the server and the browser."""
