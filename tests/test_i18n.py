from __future__ import annotations

import re
import string

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from toolkit import i18n
from toolkit.cli import ARGPARSE_MESSAGES

MESSAGES = i18n.extract_messages()


def _po(lang):
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def _fields(text: str) -> set[str]:
    names = {f[1] for f in string.Formatter().parse(text) if f[1] is not None}
    return names | set(re.findall(r"%\((\w+)\)[sdr]|%[sd]", text))


def test_extraction_finds_the_code_strings():
    assert "A group id may not be empty." in MESSAGES
    assert "show this help message and exit" in MESSAGES
    assert set(ARGPARSE_MESSAGES) <= set(MESSAGES)
    assert len(MESSAGES) > 60


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_message_is_translated(lang):
    catalog = _po(lang)
    missing = []
    for msgid in MESSAGES:
        msg = catalog.get(msgid)
        strings = (msg.string if isinstance(msg.string, tuple) else (msg.string,)) if msg else ()
        if not msg or not all(strings) or msg.fuzzy:
            missing.append(msgid)
    assert not missing, f"untranslated in {lang} (run 'make i18n' and translate): {missing}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_placeholders_match(lang):
    catalog = _po(lang)
    for msg in catalog:
        if not msg.id or not msg.string:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        for text in strings:
            assert _fields(text) == _fields(ids[0]), (lang, msg.id, text)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_compiled_catalog_is_current(lang):
    po = _po(lang)
    with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").open("rb") as fh:
        mo = read_mo(fh)
    want = {m.id: m.string for m in po if m.id}
    have = {m.id: m.string for m in mo if m.id}
    assert have == want, "run 'make i18n' to compile the catalogs"


def test_switching_language():
    assert i18n.translate("A group id may not be empty.", "en") == "A group id may not be empty."
    assert i18n.translate("A group id may not be empty.", "id") != "A group id may not be empty."
    i18n.set_language("en")
    assert i18n.gettext("options") == "options"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_messages_inside_f_strings_are_extracted():
    from toolkit.i18n import extract_messages

    # toolkit/widgets/facilitator.py: f"<h4>{html.escape(_('Progress per step'))}</h4>"
    messages = extract_messages()
    assert messages["Progress per step"] == ("Progress per step",)
    assert i18n.translate("Progress per step", "id") == "Kemajuan per langkah"
