"""Translations of every user-facing string (gettext catalogs, Indonesian first).

Message ids in the code are English; the ``id`` catalog holds the Indonesian text
and the ``en`` catalog the English text. Indonesian is the default language.
The catalogs live in ``toolkit/locale/<lang>/LC_MESSAGES/kemitraan.po`` and are
compiled to ``.mo`` files with ``python -m toolkit.i18n compile`` (Babel).

References
----------
GNU gettext manual, "The Format of PO Files";
Babel documentation, ``babel.messages``.
"""

from __future__ import annotations

import gettext as _gettext
import sys
from functools import cache
from pathlib import Path

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "LOCALE_DIR",
    "set_language",
    "get_language",
    "gettext",
    "ngettext",
    "translate",
    "translation",
    "N_",
    "_",
]

DOMAIN = "kemitraan"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALE_DIR = Path(__file__).parent / "locale"

_state = {"lang": DEFAULT_LANGUAGE}


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(
            f"Bahasa tidak dikenal: {lang!r}; pilih salah satu dari {', '.join(LANGUAGES)}. "
            f"(Unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}.)"
        )
    return lang


def set_language(lang: str) -> None:
    """Set the language of every message produced after this call.

    Parameters
    ----------
    lang : {"id", "en"}
        ``"id"`` for Indonesian (default), ``"en"`` for English.

    Raises
    ------
    ValueError
        If `lang` is not one of :data:`LANGUAGES`.
    """
    _state["lang"] = _check_language(lang)


def get_language() -> str:
    """Return the current UI language code (``"id"`` or ``"en"``)."""
    return _state["lang"]


@cache
def translation(lang: str) -> _gettext.NullTranslations:
    """Return the compiled gettext catalog for one language.

    Parameters
    ----------
    lang : {"id", "en"}
        Language code.

    Returns
    -------
    gettext.GNUTranslations
        The catalog loaded from ``toolkit/locale/<lang>/LC_MESSAGES/kemitraan.mo``.

    Raises
    ------
    ValueError
        If `lang` is unknown.
    FileNotFoundError
        If the compiled catalog is missing (run ``python -m toolkit.i18n compile``).
    """
    _check_language(lang)
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang])


def translate(message: str, lang: str | None = None) -> str:
    """Translate one message id into `lang` (default: the current language).

    Parameters
    ----------
    message : str
        The English message id as written in the code.
    lang : {"id", "en"}, optional
        Target language; the current language when omitted.

    Returns
    -------
    str
        The translated text, or `message` itself when the catalog lacks it
        (the test suite makes sure no catalog lacks any).
    """
    return translation(lang or _state["lang"]).gettext(message)


def gettext(message: str) -> str:
    """Translate `message` into the current language (see :func:`translate`)."""
    return translate(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count into the current language.

    Parameters
    ----------
    singular, plural : str
        English message ids.
    n : int
        The count that chooses the form.

    Returns
    -------
    str
        The translated form for `n`.
    """
    return translation(_state["lang"]).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    """Mark `message` for extraction without translating it now; returns it unchanged."""
    return message


_ = gettext


KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "translate": (1,)}


def extract_messages() -> dict[str, tuple[str, ...]]:
    """Collect every translatable message id written in the package's code.

    Returns
    -------
    dict of str to tuple of str
        Message id (for plurals, the singular) -> all its forms, in file order.
        Strings passed to ``_``, ``gettext``, ``N_``, ``ngettext`` and ``translate``
        as literals are collected: by Babel's Python extractor, and by a walk of
        each module's syntax tree, which also finds calls inside f-strings (Babel
        on Python 3.11 sees an f-string as one token and misses them).
    """
    import ast

    from babel.messages.extract import extract_from_dir

    found: dict[str, tuple[str, ...]] = {}
    package = Path(__file__).parent
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(package), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        forms = message if isinstance(message, tuple) else (message,)
        if forms and forms[0]:
            found.setdefault(forms[0], forms)
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in KEYWORDS or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
                if node.func.id == "ngettext" and len(node.args) > 1:
                    second = node.args[1]
                    if isinstance(second, ast.Constant) and isinstance(second.value, str):
                        found.setdefault(first.value, (first.value, second.value))
                        continue
                found.setdefault(first.value, (first.value,))
    return found


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def _update() -> None:
    """Add new message ids to the .po files and drop the ones no longer used."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    messages = extract_messages()
    for lang in LANGUAGES:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as fh:
            old = read_po(fh, locale=lang)
        new = Catalog(locale=lang, project="kemitraan-toolkit", version="0.1.0")
        for msgid, forms in sorted(messages.items()):
            key = forms if len(forms) > 1 else msgid
            prev = old.get(msgid)
            if prev is not None and _translated(prev.string):
                string = prev.string
            elif lang == "en":
                string = forms if len(forms) > 1 else msgid
            else:
                string = ("", "") if len(forms) > 1 else ""
            new.add(key, string)
        with po.open("wb") as fh:
            write_po(fh, new, width=0, omit_header=False, sort_output=True)
        missing = [m.id for m in new if m.id and not _translated(m.string)]
        print(f"{po}: {len(messages)} messages, {len(missing)} untranslated")


def _compile() -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for lang in LANGUAGES:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        with po.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        print(f"compiled {po.with_suffix('.mo')}")


if __name__ == "__main__":  # pragma: no cover - developer tool
    if sys.argv[1:] == ["compile"]:
        _compile()
    elif sys.argv[1:] == ["update"]:
        _update()
    else:
        print("usage: python -m toolkit.i18n update|compile")
        sys.exit(2)
