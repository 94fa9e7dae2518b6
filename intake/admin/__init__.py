"""The intake admin: the coordinators' queue (`queue.py`) and erasing a person (`erasure_views.py`, one view per
step, each handed what it works on)."""

from .queue import IntakeRequestAdmin

__all__ = ["IntakeRequestAdmin"]
