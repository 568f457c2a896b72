"""``python -m armswatch.cli``: the ``armswatch`` command."""

from armswatch.cli import app

app()
