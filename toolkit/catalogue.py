"""The module's lists as validated data: benefits, principles, stages, aspects and more.

Every list of the 2018 Banjarbaru teaching module (*bahan ajar* "Membangun Kemitraan")
is kept as one JSON file in ``toolkit/data/catalogue/<kind>.json``. This module reads
those files into frozen pydantic models, checks them once, and offers look-ups by id.
Worksheets, analysis and widgets refer to catalogue entries only through their stable
ids (for example ``"principles:kebersamaan"``), never through their labels.

The text of every entry is bilingual (:class:`Text`): Indonesian first, English second.

References
----------
Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018): Bab I (pengertian, manfaat, syarat,
prinsip, etika, strategi dan pola kemitraan) and Bab II (tahapan, aspek yang dimitrakan,
pihak yang terlibat, teknik melestarikan kemitraan).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .errors import CatalogueError
from .i18n import LANGUAGES, N_, get_language

__all__ = [
    "CATALOGUE_DIR",
    "KINDS",
    "RHYTHMS",
    "PARTNER_GROUPS",
    "Text",
    "Entry",
    "PrincipleEntry",
    "PatternEntry",
    "StageEntry",
    "AspectEntry",
    "PartnerCategoryEntry",
    "SustainingEntry",
    "ExerciseEntry",
    "RegionEntry",
    "ChapterEntry",
    "ENTRY_MODELS",
    "Catalogue",
    "load_catalogue",
    "get_catalogue",
]

#: Folder of the packaged catalogue files.
CATALOGUE_DIR = Path(__file__).parent / "data" / "catalogue"

#: Every kind of list, in the order the files are read; one ``<kind>.json`` each.
KINDS: tuple[str, ...] = (
    "chapters",
    "benefits",
    "prerequisites",
    "principles",
    "ethics",
    "strategies",
    "patterns",
    "flows",
    "stages",
    "clauses",
    "aspects",
    "criteria",
    "partner_categories",
    "sustaining",
    "regions",
    "exercises",
)

Rhythm = Literal["weekly", "monthly", "quarterly", "semester", "yearly", "as_needed"]
PartnerGroup = Literal["pemerintah", "masyarakat", "dudi", "lainnya"]

#: Allowed ``default_rhythm`` values of the sustaining techniques, most frequent first.
RHYTHMS: tuple[str, ...] = get_args(Rhythm)
#: Allowed ``group`` values of the partner categories.
PARTNER_GROUPS: tuple[str, ...] = get_args(PartnerGroup)

_ID_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
_ALIAS_SEPARATORS = re.compile(r"[\s_\-]+")

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=_ID_PATTERN)]
Alias = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=1)]

# Message ids (English; translated through the gettext catalogs).
MSG_MISSING_FILE = N_("Catalogue file {file} is missing: every kind needs its own file ({kind}).")
MSG_NOT_UTF8 = N_("Catalogue file {file} is not UTF-8 text.")
MSG_BAD_JSON = N_("Catalogue file {file} is not valid JSON (line {line}, column {column}).")
MSG_BAD_SHAPE = N_(
    "Catalogue file {file} must hold one JSON object with exactly the fields "
    "'kind' and 'entries' (a list)."
)
MSG_WRONG_KIND = N_("Catalogue file {file} says its kind is {found!r}, but its name says {kind!r}.")
MSG_NO_ENTRIES = N_("Catalogue file {file} has no entries.")
MSG_NOT_OBJECT = N_("Catalogue file {file}: entry {entry} is not a JSON object.")
MSG_MISSING_FIELD = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) lacks the required field {field!r}."
)
MSG_EXTRA_FIELD = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has an unknown field {field!r}; "
    "check its spelling."
)
MSG_EMPTY_TEXT = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has an empty text in {field!r}."
)
MSG_BAD_ID = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has an invalid id {value!r} in {field!r}; "
    "use lowercase ASCII letters, digits and underscores."
)
MSG_BAD_CHOICE = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has the value {value!r} in {field!r}; "
    "allowed values are {allowed}."
)
MSG_TOO_FEW = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has too few items in {field!r} "
    "(at least {limit})."
)
MSG_TOO_MANY = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has too many items in {field!r} "
    "(at most {limit})."
)
MSG_INVALID = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has an invalid value in {field!r}: {detail}"
)
MSG_DUPLICATE_ID = N_(
    "Catalogue file {file}: entry {entry} has the id {id!r}, which entry {first} already uses."
)
MSG_BAD_ORDER = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) has order {order}, "
    "but it is stage {expected} in the file."
)
MSG_UNKNOWN_REF = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) refers to {ref!r}, "
    "which is not in the catalogue."
)
MSG_DUPLICATE_EXERCISE = N_(
    "Catalogue file {file}: entry {entry} (id {id!r}) repeats exercise {number} "
    "of chapter {chapter}."
)
MSG_UNKNOWN_KIND = N_("Unknown catalogue kind {kind!r}; the kinds are: {kinds}.")
MSG_UNKNOWN_ID = N_("The catalogue has no {kind} entry with id {id!r}.")
MSG_UNKNOWN_COMPONENT = N_("The catalogue has no aspect component with id {id!r}.")
MSG_BAD_REF = N_("The catalogue reference {ref!r} is not of the form 'kind:id'.")


class Text(BaseModel):
    """A short text in both languages of the toolkit.

    Attributes
    ----------
    id : str
        Indonesian text (shown by default); never empty.
    en : str
        English text; never empty.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: NonEmpty
    en: NonEmpty

    def get(self, lang: str | None = None) -> str:
        """Return the text in one language.

        Parameters
        ----------
        lang : {"id", "en"}, optional
            Language code; the current language (:func:`toolkit.i18n.get_language`)
            when omitted.

        Returns
        -------
        str
            The Indonesian or the English text.

        Raises
        ------
        ValueError
            If `lang` is not one of ``"id"`` and ``"en"``.

        Examples
        --------
        >>> Text(id="Dana", en="Funding").get("en")
        'Funding'
        """
        lang = lang or get_language()
        if lang not in LANGUAGES:
            raise ValueError(
                f"Bahasa tidak dikenal: {lang!r}; pilih salah satu dari {', '.join(LANGUAGES)}. "
                f"(Unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}.)"
            )
        return self.id if lang == "id" else self.en


class Entry(BaseModel):
    """One item of a catalogue list, or a sub-item (point, step, component) of one.

    Attributes
    ----------
    id : str
        Stable snake_case ASCII id, unique within its list.
    label : Text
        Short name, Indonesian and English.
    description : Text
        One or two sentences explaining the item, Indonesian and English.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Names of the fields that hold sub-entries (checked for duplicate ids).
    SUB_ENTRY_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: Slug
    label: Text
    description: Text


class PrincipleEntry(Entry):
    """A principle of partnership (*prinsip kemitraan*) with its points.

    Attributes
    ----------
    points : tuple of Entry
        What the principle asks of the partners, at least one.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I C, "Prinsip-prinsip kemitraan".
    """

    SUB_ENTRY_FIELDS: ClassVar[tuple[str, ...]] = ("points",)

    points: tuple[Entry, ...] = Field(min_length=1)


class PatternEntry(Entry):
    """A partnership pattern (*pola kemitraan*), with optional points.

    Attributes
    ----------
    points : tuple of Entry
        Forms of support within the pattern (the core-plasma pattern has five); may be empty.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I E, "Pola melakukan kemitraan".
    """

    SUB_ENTRY_FIELDS: ClassVar[tuple[str, ...]] = ("points",)

    points: tuple[Entry, ...] = ()


class StageEntry(Entry):
    """A stage of building a partnership (*tahapan kemitraan*) with its steps.

    Attributes
    ----------
    order : int
        Position of the stage, 1 for the first; equals the position in the file.
    steps : tuple of Entry
        What a group does in this stage, in order; at least one.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II A, "Tahapan melakukan kemitraan".
    """

    SUB_ENTRY_FIELDS: ClassVar[tuple[str, ...]] = ("steps",)

    order: int = Field(ge=1)
    steps: tuple[Entry, ...] = Field(min_length=1)


class AspectEntry(Entry):
    """An aspect to partner on (*aspek yang dimitrakan*) with its typical components.

    Attributes
    ----------
    components : tuple of Entry
        Five to eight components an LKP programme typically needs in this aspect; their
        ids are unique across all aspects and start with a prefix naming the aspect.
    points : tuple of Entry
        Forms of cooperation within the aspect (three for *program kegiatan*); may be empty.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II B, "Aspek yang dimitrakan".
    """

    SUB_ENTRY_FIELDS: ClassVar[tuple[str, ...]] = ("points", "components")

    components: tuple[Entry, ...] = Field(min_length=5, max_length=8)
    points: tuple[Entry, ...] = ()


class PartnerCategoryEntry(Entry):
    """A category of possible partners (*pihak yang terlibat dalam kemitraan*).

    Attributes
    ----------
    group : {"pemerintah", "masyarakat", "dudi", "lainnya"}
        Government, community, business and industry, or other.
    typical_partners : tuple of Entry
        Kinds of institutions in this category around Banjarbaru and South Kalimantan.
    aliases : tuple of str
        Lowercase names a user might type for the category (used to map imported names).

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II C, "Yang terlibat dalam kemitraan".
    """

    SUB_ENTRY_FIELDS: ClassVar[tuple[str, ...]] = ("typical_partners",)

    group: PartnerGroup
    typical_partners: tuple[Entry, ...] = Field(min_length=1)
    aliases: tuple[Alias, ...] = ()


class SustainingEntry(Entry):
    """A technique to sustain a partnership (*teknik melestarikan kemitraan*).

    Attributes
    ----------
    default_rhythm : {"weekly", "monthly", "quarterly", "semester", "yearly", "as_needed"}
        How often the technique is suggested by default in a follow-up plan.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab II D, "Teknik melestarikan kemitraan".
    """

    default_rhythm: Rhythm


class ExerciseEntry(Entry):
    """An exercise (*latihan soal*) of one chapter, with the points a good answer covers.

    Attributes
    ----------
    chapter : {1, 2}
        Chapter of the module.
    number : int
        Number of the exercise within its chapter, 1 to 5.
    question : Text
        The question, in our own words.
    key_points : tuple of Text
        Two to five points a good answer covers, for the self-check.
    refs : tuple of str
        ``"kind:id"`` references to the catalogue entries the answer draws on.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), Bab I 3.3 and Bab II 3.3, "Latihan soal".
    """

    chapter: Literal[1, 2]
    number: int = Field(ge=1, le=5)
    question: Text
    key_points: tuple[Text, ...] = Field(min_length=2, max_length=5)
    refs: tuple[NonEmpty, ...] = Field(min_length=1)


class RegionEntry(Entry):
    """A regency (*kabupaten*) or city (*kota*) of South Kalimantan.

    Attributes
    ----------
    type : {"kota", "kabupaten"}
        City or regency.
    """

    type: Literal["kota", "kabupaten"]


class ChapterEntry(Entry):
    """A chapter (*bab*) of the module, with its competence, indicator and summary.

    Attributes
    ----------
    number : int
        Chapter number (1 for Bab I).
    competence : Text
        Basic competence (*kompetensi dasar*).
    indicator : Text
        Competence indicator (*indikator*).
    summary : tuple of Text
        Summary (*rangkuman*), one point per item, in our own words.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (2018), structure of Bab I and Bab II.
    """

    number: int = Field(ge=1)
    competence: Text
    indicator: Text
    summary: tuple[Text, ...] = Field(min_length=1)


#: Pydantic model of the entries of each kind.
ENTRY_MODELS: dict[str, type[Entry]] = {
    "chapters": ChapterEntry,
    "benefits": Entry,
    "prerequisites": Entry,
    "principles": PrincipleEntry,
    "ethics": Entry,
    "strategies": Entry,
    "patterns": PatternEntry,
    "flows": Entry,
    "stages": StageEntry,
    "clauses": Entry,
    "aspects": AspectEntry,
    "criteria": Entry,
    "partner_categories": PartnerCategoryEntry,
    "sustaining": SustainingEntry,
    "regions": RegionEntry,
    "exercises": ExerciseEntry,
}


def _normalise_alias(text: str) -> str:
    return _ALIAS_SEPARATORS.sub(" ", text.casefold()).strip()


@dataclass(frozen=True, eq=False, repr=False)
class Catalogue:
    """All lists of the module, one attribute per kind, entries in file order.

    Build one with :func:`load_catalogue` (which validates the files) or take the
    packaged one from :func:`get_catalogue`.

    Attributes
    ----------
    chapters : tuple of ChapterEntry
        The two chapters of the module.
    benefits, prerequisites, ethics, strategies, flows, clauses, criteria : tuple of Entry
        Plain lists: label and description only.
    principles : tuple of PrincipleEntry
        The six principles with their points.
    patterns : tuple of PatternEntry
        The four partnership patterns.
    stages : tuple of StageEntry
        The six stages, in order, with their steps.
    aspects : tuple of AspectEntry
        The five aspects to partner on, with their components.
    partner_categories : tuple of PartnerCategoryEntry
        Categories of possible partners, with typical partners and aliases.
    sustaining : tuple of SustainingEntry
        Techniques to sustain a partnership.
    regions : tuple of RegionEntry
        The 13 regencies and cities of South Kalimantan.
    exercises : tuple of ExerciseEntry
        The exercises, five per chapter.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I and Bab II.
    """

    chapters: tuple[ChapterEntry, ...]
    benefits: tuple[Entry, ...]
    prerequisites: tuple[Entry, ...]
    principles: tuple[PrincipleEntry, ...]
    ethics: tuple[Entry, ...]
    strategies: tuple[Entry, ...]
    patterns: tuple[PatternEntry, ...]
    flows: tuple[Entry, ...]
    stages: tuple[StageEntry, ...]
    clauses: tuple[Entry, ...]
    aspects: tuple[AspectEntry, ...]
    criteria: tuple[Entry, ...]
    partner_categories: tuple[PartnerCategoryEntry, ...]
    sustaining: tuple[SustainingEntry, ...]
    regions: tuple[RegionEntry, ...]
    exercises: tuple[ExerciseEntry, ...]
    _index: dict[str, dict[str, Entry]] = field(init=False, repr=False)
    _components: dict[str, tuple[str, Entry]] = field(init=False, repr=False)
    _aliases: dict[str, frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index = {kind: {e.id: e for e in getattr(self, kind)} for kind in KINDS}
        components = {c.id: (a.id, c) for a in self.aspects for c in a.components}
        aliases: dict[str, set[str]] = {}
        for category in self.partner_categories:
            names = (category.id, category.label.id, category.label.en, *category.aliases)
            for name in names:
                aliases.setdefault(_normalise_alias(name), set()).add(category.id)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_components", components)
        object.__setattr__(self, "_aliases", {k: frozenset(v) for k, v in aliases.items()})

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind}={len(getattr(self, kind))}" for kind in KINDS)
        return f"Catalogue({counts})"

    def entries(self, kind: str) -> tuple[Entry, ...]:
        """Return the entries of one kind, in file order.

        Parameters
        ----------
        kind : str
            One of :data:`KINDS`, e.g. ``"principles"``.

        Returns
        -------
        tuple of Entry
            The entries, as the model of :data:`ENTRY_MODELS` for `kind`.

        Raises
        ------
        CatalogueError
            If `kind` is not one of :data:`KINDS`.
        """
        if kind not in KINDS:
            raise CatalogueError(MSG_UNKNOWN_KIND, kind=kind, kinds=", ".join(KINDS))
        return getattr(self, kind)

    def ids(self, kind: str) -> frozenset[str]:
        """Return the ids of one kind.

        Parameters
        ----------
        kind : str
            One of :data:`KINDS`.

        Returns
        -------
        frozenset of str
            The top-level ids of that kind (sub-entry ids are not included).

        Raises
        ------
        CatalogueError
            If `kind` is not one of :data:`KINDS`.

        Examples
        --------
        >>> sorted(get_catalogue().ids("strategies"))
        ['implementasi_misi', 'komitmen_visi']
        """
        self.entries(kind)
        return frozenset(self._index[kind])

    def get(self, kind: str, id: str) -> Entry:
        """Return one entry by kind and id.

        Parameters
        ----------
        kind : str
            One of :data:`KINDS`.
        id : str
            The entry's id, e.g. ``"kebersamaan"``.

        Returns
        -------
        Entry
            The entry, as the model of :data:`ENTRY_MODELS` for `kind`.

        Raises
        ------
        CatalogueError
            If `kind` is unknown, or the kind has no entry with this id (the message
            names both).
        """
        self.entries(kind)
        try:
            return self._index[kind][id]
        except (KeyError, TypeError):
            raise CatalogueError(MSG_UNKNOWN_ID, kind=kind, id=id) from None

    def label(self, kind: str, id: str, lang: str | None = None) -> str:
        """Return the label of one entry in one language.

        Parameters
        ----------
        kind : str
            One of :data:`KINDS`.
        id : str
            The entry's id.
        lang : {"id", "en"}, optional
            Language; the current language (:func:`toolkit.i18n.get_language`) when omitted.

        Returns
        -------
        str
            The label text.

        Raises
        ------
        CatalogueError
            If the kind or the id is unknown.
        ValueError
            If `lang` is unknown.

        Examples
        --------
        >>> get_catalogue().label("aspects", "dana", "en")
        'Funding'
        """
        return self.get(kind, id).label.get(lang)

    def resolve(self, ref: str) -> Entry:
        """Return the entry named by a ``"kind:id"`` reference (as in exercise ``refs``).

        Parameters
        ----------
        ref : str
            A reference such as ``"principles:kebersamaan"``.

        Returns
        -------
        Entry
            The entry it names.

        Raises
        ------
        CatalogueError
            If `ref` is not of the form ``"kind:id"``, or names an unknown kind or id.
        """
        kind, sep, ident = ref.partition(":") if isinstance(ref, str) else ("", "", "")
        if not sep or not kind or not ident:
            raise CatalogueError(MSG_BAD_REF, ref=ref)
        return self.get(kind, ident)

    def component(self, id: str) -> Entry:
        """Return an aspect component by its (globally unique) id.

        Parameters
        ----------
        id : str
            A component id, e.g. ``"sarpras_ruang_praktik"``.

        Returns
        -------
        Entry
            The component.

        Raises
        ------
        CatalogueError
            If no aspect has a component with this id.

        References
        ----------
        Bahan ajar *Membangun Kemitraan* (2018), Bab II A.1 (identifikasi komponen) and B.
        """
        return self._component(id)[1]

    def component_aspect(self, id: str) -> str:
        """Return the id of the aspect a component belongs to.

        Parameters
        ----------
        id : str
            A component id, e.g. ``"dana_honor_instruktur"``.

        Returns
        -------
        str
            The aspect id, e.g. ``"dana"``.

        Raises
        ------
        CatalogueError
            If no aspect has a component with this id.
        """
        return self._component(id)[0]

    def _component(self, id: str) -> tuple[str, Entry]:
        try:
            return self._components[id]
        except (KeyError, TypeError):
            raise CatalogueError(MSG_UNKNOWN_COMPONENT, id=id) from None

    def category_for_alias(self, text: object) -> str | None:
        """Map a name someone typed or imported to a partner category id.

        The match ignores case, surrounding blanks, and treats runs of blanks, ``_``
        and ``-`` as one space; it is tried against each category's id, both labels
        and its aliases.

        Parameters
        ----------
        text : str
            A category name, e.g. ``"Disnaker"``, ``" dunia  usaha "`` or ``"BLK"``.
            Anything that is not a string (e.g. a missing cell read as ``NaN``) gives None.

        Returns
        -------
        str or None
            The category id, or None when nothing matches or the name fits more than
            one category.

        Examples
        --------
        >>> get_catalogue().category_for_alias("  BLK ")
        'disnakertrans'
        >>> get_catalogue().category_for_alias("unknown body") is None
        True

        References
        ----------
        Bahan ajar *Membangun Kemitraan* (2018), Bab II C, "Yang terlibat dalam kemitraan".
        """
        if not isinstance(text, str):
            return None
        matches = self._aliases.get(_normalise_alias(text), frozenset())
        return next(iter(matches)) if len(matches) == 1 else None


# --- loading -----------------------------------------------------------------------------


def _format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _raw_id(raw: Any) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return ident if isinstance(ident, str) else "?"


def _entry_error(path: Path, entry: str, raw: Any, error: ValidationError) -> CatalogueError:
    first = error.errors()[0]
    kind, loc, ctx = first["type"], first["loc"], first.get("ctx") or {}
    where = {"file": path, "entry": entry, "id": _raw_id(raw), "field": _format_loc(loc)}
    if kind == "missing":
        return CatalogueError(MSG_MISSING_FIELD, **where)
    if kind == "extra_forbidden":
        return CatalogueError(MSG_EXTRA_FIELD, **where)
    if kind == "string_too_short":
        return CatalogueError(MSG_EMPTY_TEXT, **where)
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "id":
        return CatalogueError(MSG_BAD_ID, value=first["input"], **where)
    if kind == "literal_error":
        return CatalogueError(
            MSG_BAD_CHOICE, value=first["input"], allowed=ctx["expected"], **where
        )
    if kind == "too_short":
        return CatalogueError(MSG_TOO_FEW, limit=ctx["min_length"], **where)
    if kind == "too_long":
        return CatalogueError(MSG_TOO_MANY, limit=ctx["max_length"], **where)
    return CatalogueError(MSG_INVALID, detail=first["msg"], **where)


def _read_file(path: Path, kind: str) -> list[Any]:
    """Read one ``<kind>.json`` file and return its raw ``entries`` list."""
    if not path.is_file():
        raise CatalogueError(MSG_MISSING_FILE, file=path, kind=kind)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CatalogueError(MSG_NOT_UTF8, file=path) from None
    except json.JSONDecodeError as exc:
        raise CatalogueError(MSG_BAD_JSON, file=path, line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict) or set(data) != {"kind", "entries"}:
        raise CatalogueError(MSG_BAD_SHAPE, file=path)
    if data["kind"] != kind:
        raise CatalogueError(MSG_WRONG_KIND, file=path, found=data["kind"], kind=kind)
    if not isinstance(data["entries"], list):
        raise CatalogueError(MSG_BAD_SHAPE, file=path)
    if not data["entries"]:
        raise CatalogueError(MSG_NO_ENTRIES, file=path)
    return data["entries"]


def _validate_entries(path: Path, kind: str, raws: list[Any]) -> tuple[Entry, ...]:
    """Validate every raw entry with the kind's model; fail on the first bad one."""
    model = ENTRY_MODELS[kind]
    entries = []
    for index, raw in enumerate(raws):
        where = f"entries[{index}]"
        if not isinstance(raw, dict):
            raise CatalogueError(MSG_NOT_OBJECT, file=path, entry=where)
        try:
            entries.append(model.model_validate(raw))
        except ValidationError as exc:
            raise _entry_error(path, where, raw, exc) from None
    return tuple(entries)


def _check_unique(path: Path, items: list[tuple[str, Entry]]) -> None:
    """Fail when two ``(where, entry)`` items share an id; name both places."""
    seen: dict[str, str] = {}
    for where, entry in items:
        if entry.id in seen:
            raise CatalogueError(
                MSG_DUPLICATE_ID, file=path, entry=where, id=entry.id, first=seen[entry.id]
            )
        seen[entry.id] = where


def _check_ids(path: Path, entries: tuple[Entry, ...]) -> None:
    """Check ids within a kind and within each entry's sub-entry lists."""
    _check_unique(path, [(f"entries[{i}]", e) for i, e in enumerate(entries)])
    for i, entry in enumerate(entries):
        for name in entry.SUB_ENTRY_FIELDS:
            subs = getattr(entry, name)
            _check_unique(path, [(f"entries[{i}].{name}[{j}]", s) for j, s in enumerate(subs)])


def _check_kind(path: Path, kind: str, entries: tuple[Entry, ...]) -> None:
    """Run the checks specific to one kind (beyond its pydantic model)."""
    if kind == "aspects":
        _check_unique(
            path,
            [
                (f"entries[{i}].components[{j}]", c)
                for i, aspect in enumerate(entries)
                for j, c in enumerate(aspect.components)
            ],
        )
    elif kind == "stages":
        for i, stage in enumerate(entries):
            if stage.order != i + 1:
                raise CatalogueError(
                    MSG_BAD_ORDER,
                    file=path,
                    entry=f"entries[{i}]",
                    id=stage.id,
                    order=stage.order,
                    expected=i + 1,
                )
    elif kind == "exercises":
        seen: set[tuple[int, int]] = set()
        for i, ex in enumerate(entries):
            if (ex.chapter, ex.number) in seen:
                raise CatalogueError(
                    MSG_DUPLICATE_EXERCISE,
                    file=path,
                    entry=f"entries[{i}]",
                    id=ex.id,
                    number=ex.number,
                    chapter=ex.chapter,
                )
            seen.add((ex.chapter, ex.number))


def _check_refs(path: Path, catalogue: Catalogue) -> None:
    """Check that every exercise ``refs`` item names an existing entry."""
    for i, ex in enumerate(catalogue.exercises):
        for ref in ex.refs:
            kind, _, ident = ref.partition(":")
            if kind not in KINDS or ident not in catalogue.ids(kind):
                raise CatalogueError(
                    MSG_UNKNOWN_REF, file=path, entry=f"entries[{i}]", id=ex.id, ref=ref
                )


def load_catalogue(directory: Path | str | None = None) -> Catalogue:
    """Read and validate every catalogue file of a folder.

    Parameters
    ----------
    directory : path-like, optional
        Folder holding one ``<kind>.json`` per kind of :data:`KINDS`; the packaged
        :data:`CATALOGUE_DIR` when omitted.

    Returns
    -------
    Catalogue
        The validated catalogue.

    Raises
    ------
    CatalogueError
        On the first problem found, naming the file and, where there is one, the entry
        (its place such as ``entries[2].points[0]`` and its id): a missing kind file,
        text that is not UTF-8 or not valid JSON, a file whose ``kind`` does not match
        its name, no entries, a missing or misspelt (unknown) field, an empty label or
        description, an id that is not snake_case ASCII, a value outside the allowed
        choices, a duplicate id (within a kind, within an entry's points or steps, and
        for aspect components across all aspects), stages out of order, a repeated
        exercise number, or an exercise ``refs`` item naming no catalogue entry.

    Notes
    -----
    Files are read in the order of :data:`KINDS`; extra files in the folder are ignored.

    References
    ----------
    Bahan ajar *Membangun Kemitraan* (Banjarbaru, 2018), Bab I and Bab II.
    """
    folder = Path(directory) if directory is not None else CATALOGUE_DIR
    loaded: dict[str, tuple[Entry, ...]] = {}
    for kind in KINDS:
        path = folder / f"{kind}.json"
        entries = _validate_entries(path, kind, _read_file(path, kind))
        _check_ids(path, entries)
        _check_kind(path, kind, entries)
        loaded[kind] = entries
    catalogue = Catalogue(**loaded)
    _check_refs(folder / "exercises.json", catalogue)
    return catalogue


@lru_cache(maxsize=1)
def get_catalogue() -> Catalogue:
    """Return the packaged catalogue, loaded and validated on the first call only.

    Returns
    -------
    Catalogue
        The catalogue of :data:`CATALOGUE_DIR`; the same object on every call.

    Raises
    ------
    CatalogueError
        If a packaged file is broken (see :func:`load_catalogue`).

    Examples
    --------
    >>> [s.id for s in get_catalogue().stages][:2]
    ['identifikasi', 'sosialisasi']
    """
    return load_catalogue()
