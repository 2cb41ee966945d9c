"""Widgets for the step notebooks (ipywidgets 8): thin views over the group's files.

Every widget reads from the model and writes each change at once through
:class:`toolkit.session.GroupSession`; it can be rebuilt from disk at any time.
"""

from .frame import Builder, Frame
from .memory import GroupMemory

__all__ = ["Builder", "Frame", "GroupMemory"]
