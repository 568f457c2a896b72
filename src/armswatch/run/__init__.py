"""Engines that read, analyse and store a corpus: ``local`` (one machine, N processes)."""
