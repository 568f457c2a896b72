"""The base of every record in a knowledge-base file: unknown keys are errors."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
