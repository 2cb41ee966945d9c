"""kemitraan-toolkit: guided partnership-building workshops for LKP managers.

The public API is re-exported here; see the submodules for details:
:mod:`toolkit.catalogue` (the module's lists as data), :mod:`toolkit.model`
(the pydantic data model), :mod:`toolkit.storage` (crash-safe files),
:mod:`toolkit.progress` (completion per step), :mod:`toolkit.sample` (the embedded
Banjarbaru sample) and :mod:`toolkit.i18n` (Indonesian / English).
"""

from .catalogue import Catalogue, get_catalogue, load_catalogue
from .errors import (
    CatalogueError,
    CorruptFileError,
    DuplicateGroupError,
    GroupNotFoundError,
    InvalidGroupIdError,
    KemitraanError,
    LockTimeoutError,
    StaleRevisionError,
    UnknownSchemaVersionError,
    WorkshopExistsError,
    WorkshopNotFoundError,
)
from .i18n import get_language, set_language
from .model import SCHEMA_VERSION, STEPS, Group, WorkshopInfo
from .paths import default_workshop_path
from .progress import status_table, step_completion, workshop_status, workshop_summary
from .sample import create_sample
from .storage import Problem, Workshop

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CorruptFileError",
    "DuplicateGroupError",
    "Group",
    "GroupNotFoundError",
    "InvalidGroupIdError",
    "KemitraanError",
    "LockTimeoutError",
    "Problem",
    "SCHEMA_VERSION",
    "STEPS",
    "StaleRevisionError",
    "UnknownSchemaVersionError",
    "Workshop",
    "WorkshopExistsError",
    "WorkshopInfo",
    "WorkshopNotFoundError",
    "__version__",
    "create_sample",
    "default_workshop_path",
    "get_catalogue",
    "get_language",
    "load_catalogue",
    "set_language",
    "status_table",
    "step_completion",
    "workshop_status",
    "workshop_summary",
]
