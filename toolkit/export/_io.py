"""Write finished bytes to a path (atomically) or to an open binary file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from .._atomic import atomic_write_bytes

Target = str | os.PathLike | BinaryIO


def write_target(target: Target, data: bytes) -> None:
    """Write `data` to a path with :func:`atomic_write_bytes`, or to a binary file object.

    Raises
    ------
    TypeError
        If `target` is neither a path nor an object with a ``write`` method.
    OSError
        If the disk refuses the write; a path is then left as it was.
    """
    if isinstance(target, str | os.PathLike):
        atomic_write_bytes(Path(target), data)
    elif hasattr(target, "write"):
        target.write(data)
    else:
        raise TypeError(f"cannot write to {type(target).__name__}; give a path or a binary file")
