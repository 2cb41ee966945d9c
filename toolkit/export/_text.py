"""Make user text safe for documents: control characters, emoji and file names.

Word (XML), Excel (XML) and the PDF font refuse or cannot draw some characters a
participant may paste: control characters, lone surrogates and, in the PDF's DejaVu
font, emoji. :func:`clean_text` removes or replaces them; :func:`safe_filename`
turns a group's display name into a file name every operating system accepts.
"""

from __future__ import annotations

import re
import unicodedata

from ..i18n import N_, get_language, translate

__all__ = ["EMOJI_NOTE", "clean_text", "safe_filename"]

#: Message id of the note that stands for an emoji the document cannot show.
EMOJI_NOTE = N_("[emoji]")

_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 control characters except tab and newline, DEL, lone surrogates and
# the XML non-characters U+FFFE and U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A run of emoji: a non-BMP character or a BMP pictograph, with the joiners,
# variation selectors, skin tones and keycap marks that glue emoji sequences.
_EMOJI_CORE = "[\U00010000-\U0010ffff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
_EMOJI_GLUE = "[\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]"
_EMOJI_RUN = re.compile(f"(?:{_EMOJI_CORE}{_EMOJI_GLUE}*)+(?:{_EMOJI_GLUE})*")
_STRAY_GLUE = re.compile("[\u200d\ufe0e\ufe0f]")


def clean_text(text: object, *, keep_emoji: bool = True, lang: str | None = None) -> str:
    r"""Return `text` without characters that documents cannot hold.

    Parameters
    ----------
    text : str or None
        User text; None gives ``""`` and other objects are turned into ``str``.
    keep_emoji : bool, default True
        When False, each run of emoji (and any character outside the Basic
        Multilingual Plane) is replaced by the translated note :data:`EMOJI_NOTE`.
    lang : {"id", "en"}, optional
        Language of the note; the current language when omitted.

    Returns
    -------
    str
        NFC-normalised text with Windows and old Mac line ends, vertical tab, form
        feed and Unicode line separators turned into ``"\n"``; other C0/C1 control
        characters (tab and newline are kept), lone surrogates and U+FFFE/U+FFFF
        removed.

    Examples
    --------
    >>> clean_text("baris1\x0bbaris2\x07")
    'baris1\nbaris2'
    >>> clean_text("Bagus 👍🏽!", keep_emoji=False, lang="id")
    'Bagus [emoji]!'
    """
    if text is None:
        return ""
    text = _NEWLINES.sub("\n", str(text))
    text = _UNSAFE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    if not keep_emoji:
        note = translate(EMOJI_NOTE, lang or get_language())
        text = _STRAY_GLUE.sub("", _EMOJI_RUN.sub(note, text))
    return text


_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)]
)


def safe_filename(name: object, *, max_length: int = 60, default: str = "kelompok") -> str:
    r"""Turn a display name into a file name that every operating system accepts.

    Parameters
    ----------
    name : str
        Any text, e.g. a group's display name ``"Kelompok 1: Tata Rias/Kecantikan"``.
    max_length : int, default 60
        Longest name returned (at least 1).
    default : str, default "kelompok"
        Returned when nothing usable is left.

    Returns
    -------
    str
        ASCII letters, digits, ``-`` and ``_`` only (accents dropped, every other run
        of characters, including ``/``, ``\\``, ``:`` and spaces, becomes one ``-``),
        no leading or trailing ``-``, never a reserved Windows name.

    Examples
    --------
    >>> safe_filename("Kelompok 1: Tata Rias/Kecantikan")
    'Kelompok-1-Tata-Rias-Kecantikan'
    """
    text = unicodedata.normalize("NFKD", clean_text(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-_")
    text = text[: max(1, max_length)].rstrip("-_")
    if not text:
        return default
    if text.lower() in _RESERVED:
        text += "-1"
    return text
