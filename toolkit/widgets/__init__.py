"""Widgets for the step notebooks (ipywidgets 8): thin views over the group's files.

Every widget reads from the model and writes each change at once through
:class:`toolkit.session.GroupSession`; it can be rebuilt from disk at any time.
"""

from .concepts import build_concepts, concepts_app
from .frame import Builder, Frame
from .memory import GroupMemory
from .monev import build_monev, monev_app
from .needs import build_needs, needs_app
from .partners import build_partners, partners_app
from .plan import build_plan, plan_app

__all__ = [
    "Builder",
    "Frame",
    "GroupMemory",
    "build_concepts",
    "build_monev",
    "build_needs",
    "build_partners",
    "build_plan",
    "concepts_app",
    "monev_app",
    "needs_app",
    "partners_app",
    "plan_app",
]
