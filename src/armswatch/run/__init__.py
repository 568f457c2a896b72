"""Engines that read, analyse and store a corpus: ``local`` (one machine, N processes) and
``dask`` (partitions on a ``dask.distributed`` cluster → Parquet → the store; ``load``)."""
