"""Adapters that run the one pipeline inside existing engines (Dask, Ray Data), never a cluster of
our own: each is a thin call of `cleaner.rows` functions, installed as an extra."""
