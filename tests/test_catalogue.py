"""Tests of toolkit.catalogue: the packaged lists, look-ups and loud failures on broken files.

The counts below were checked by hand against the 2018 Banjarbaru module (Bab I and II).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

import toolkit.catalogue as catalogue_module
from toolkit.catalogue import (
    CATALOGUE_DIR,
    KINDS,
    PARTNER_GROUPS,
    RHYTHMS,
    Catalogue,
    Entry,
    Text,
    get_catalogue,
    load_catalogue,
)
from toolkit.errors import CatalogueError
from toolkit.i18n import set_language

FILES = Path(__file__).parent / "files"
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return get_catalogue()


# --- the packaged lists: hand-checked counts and the ids other modules code against ---

EXPECTED_IDS = {
    "benefits": [
        "keuntungan_bersama",
        "mutu_keberlanjutan",
        "manfaat_sosial",
        "keberlangsungan_program",
        "pengembangan_kelembagaan",
    ],
    "prerequisites": ["dua_pihak", "kesamaan_visi", "kesepakatan", "saling_membutuhkan"],
    "principles": [
        "kesamaan",
        "kebersamaan",
        "keseimbangan",
        "keadilan_keterbukaan",
        "manfaat",
        "keberlanjutan",
    ],
    "ethics": [
        "karakter_integritas",
        "kepercayaan",
        "komunikasi_terbuka",
        "keadilan",
        "komitmen_pribadi",
        "insentif_risiko",
    ],
    "strategies": ["komitmen_visi", "implementasi_misi"],
    "patterns": ["pola_asuh", "inti_plasma", "futuristik", "sesuai_kebutuhan"],
    "flows": [
        "teknologi",
        "pengetahuan_keterampilan",
        "sdm",
        "modal",
        "cara_belajar",
        "sarana",
        "pemasaran_lulusan",
        "informasi",
    ],
    "stages": [
        "identifikasi",
        "sosialisasi",
        "perencanaan",
        "kesepakatan",
        "pelaksanaan",
        "monev",
    ],
    "clauses": [
        "dana",
        "penyelenggara",
        "pengelola",
        "waktu_pelaksanaan",
        "peran_tanggung_jawab",
        "pemanfaatan_hasil",
    ],
    "aspects": ["program_kegiatan", "sarana_prasarana", "dana", "tenaga", "pendayagunaan_hasil"],
    "partner_categories": [
        "disnakertrans",
        "dinsos",
        "disperindag",
        "disdik",
        "lkp",
        "tokoh_masyarakat",
        "pusat_karya",
        "ormas",
        "dudi",
        "perguruan_tinggi",
        "lembaga_keuangan",
        "lainnya",
    ],
    "sustaining": [
        "informasi_terkini",
        "laporan_kemajuan",
        "diskusi_pertemuan",
        "kunjungan_berkala",
        "pendekatan_informal",
    ],
    "exercises": [f"b{c}_{n}" for c in (1, 2) for n in range(1, 6)],
    "regions": [
        "kota_banjarbaru",
        "kota_banjarmasin",
        "banjar",
        "barito_kuala",
        "tapin",
        "hulu_sungai_selatan",
        "hulu_sungai_tengah",
        "hulu_sungai_utara",
        "balangan",
        "tabalong",
        "tanah_laut",
        "tanah_bumbu",
        "kotabaru",
    ],
    "chapters": ["bab1", "bab2"],
}


def test_expected_ids_cover_every_kind():
    assert set(EXPECTED_IDS) | {"criteria"} == set(KINDS)


@pytest.mark.parametrize("kind", sorted(EXPECTED_IDS))
def test_ids_in_file_order(cat, kind):
    assert [e.id for e in cat.entries(kind)] == EXPECTED_IDS[kind]
    assert cat.ids(kind) == frozenset(EXPECTED_IDS[kind])


@pytest.mark.parametrize(
    ("kind", "count"),
    [
        ("benefits", 5),
        ("prerequisites", 4),
        ("principles", 6),
        ("ethics", 6),
        ("strategies", 2),
        ("patterns", 4),
        ("flows", 8),
        ("stages", 6),
        ("clauses", 6),
        ("aspects", 5),
        ("partner_categories", 12),
        ("sustaining", 5),
        ("exercises", 10),
        ("regions", 13),
        ("chapters", 2),
    ],
)
def test_counts(cat, kind, count):
    assert len(getattr(cat, kind)) == count
    assert len(cat.entries(kind)) == count


def test_criteria_include_the_required_ones(cat):
    required = {
        "lokasi",
        "kapasitas",
        "legalitas",
        "rekam_jejak",
        "kesamaan_visi",
        "komitmen",
        "biaya",
        "keahlian",
    }
    assert required <= cat.ids("criteria")


def test_principle_points(cat):
    points = {p.id: [x.id for x in p.points] for p in cat.principles}
    assert points == {
        "kesamaan": ["visi", "misi", "tujuan"],
        "kebersamaan": [
            "niat_kerja_sama",
            "tidak_menjatuhkan",
            "tidak_menyalahkan",
            "saling_menguntungkan",
        ],
        "keseimbangan": ["beban_tugas", "tugas_seimbang"],
        "keadilan_keterbukaan": ["adil_keuntungan", "kepentingan_bersama", "saling_membantu"],
        "manfaat": ["merasakan_manfaat", "peningkatan_kapasitas"],
        "keberlanjutan": ["program_berlanjut"],
    }
    assert [len(cat.get("principles", p).points) for p in EXPECTED_IDS["principles"]] == [
        3,
        4,
        2,
        3,
        2,
        1,
    ]


def test_core_plasma_has_five_kinds_of_support(cat):
    points = [p.id for p in cat.get("patterns", "inti_plasma").points]
    assert points == ["sumber_daya", "bahan", "bimbingan_teknis", "teknologi", "bantuan_lain"]
    others = [p for p in cat.patterns if p.id != "inti_plasma"]
    assert all(p.points == () for p in others)


def test_stages_in_module_order_with_steps(cat):
    assert [s.order for s in cat.stages] == [1, 2, 3, 4, 5, 6]
    steps = {s.id: [x.id for x in s.steps] for s in cat.stages}
    assert steps == {
        "identifikasi": [
            "daftar_komponen",
            "tandai_kekurangan",
            "urutkan_prioritas",
            "tetapkan_kriteria",
            "cari_calon_mitra",
        ],
        "sosialisasi": ["kenalkan_program"],
        "perencanaan": [
            "tetapkan_tujuan",
            "perkiraan_lingkungan",
            "tentukan_pendekatan",
            "kumpulkan_data",
            "olah_data",
            "analisis_data",
        ],
        "kesepakatan": ["susun_akad", "tanda_tangan"],
        "pelaksanaan": ["jalankan_program", "jaga_kepedulian"],
        "monev": ["pantau", "nilai_manfaat"],
    }


ASPECT_PREFIX = {
    "program_kegiatan": "program_",
    "sarana_prasarana": "sarpras_",
    "dana": "dana_",
    "tenaga": "tenaga_",
    "pendayagunaan_hasil": "hasil_",
}


def test_aspect_components(cat):
    all_ids = []
    for aspect in cat.aspects:
        assert 5 <= len(aspect.components) <= 8, aspect.id
        for comp in aspect.components:
            assert comp.id.startswith(ASPECT_PREFIX[aspect.id]), comp.id
            assert cat.component(comp.id) is comp
            assert cat.component_aspect(comp.id) == aspect.id
            all_ids.append(comp.id)
    assert len(all_ids) == len(set(all_ids))
    assert cat.component("sarpras_ruang_praktik").label.id


def test_joint_programme_forms(cat):
    aspect = cat.get("aspects", "program_kegiatan")
    assert [p.id for p in aspect.points] == [
        "bersama_semua_tahap",
        "sebagian_tahap",
        "awal_lanjutan",
    ]
    assert all(a.points == () for a in cat.aspects if a.id != "program_kegiatan")


def test_partner_categories(cat):
    groups = {c.id: c.group for c in cat.partner_categories}
    assert groups["disnakertrans"] == groups["dinsos"] == "pemerintah"
    assert groups["disperindag"] == groups["disdik"] == "pemerintah"
    for cid in ("lkp", "tokoh_masyarakat", "pusat_karya", "ormas"):
        assert groups[cid] == "masyarakat"
    assert groups["dudi"] == "dudi"
    assert set(groups.values()) <= set(PARTNER_GROUPS)
    for category in cat.partner_categories:
        assert category.typical_partners, category.id
        assert category.aliases, category.id
        assert all(a == a.strip().lower() and a for a in category.aliases), category.id
        ids = [p.id for p in category.typical_partners]
        assert len(ids) == len(set(ids))


def test_every_name_of_a_category_maps_back_to_it(cat):
    """No alias, label or id of the packaged data is ambiguous."""
    for category in cat.partner_categories:
        names = (category.id, category.label.id, category.label.en, *category.aliases)
        for name in names:
            assert cat.category_for_alias(name) == category.id, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Disnaker", "disnakertrans"),
        ("  BLK ", "disnakertrans"),
        ("Dinas Tenaga Kerja dan Transmigrasi", "disnakertrans"),
        ("dinas_sosial", "dinsos"),
        ("Disperindag", "disperindag"),
        ("Dinas Pendidikan", "disdik"),
        ("LKP lain", "lkp"),
        ("Other LKP", "lkp"),
        ("tokoh-masyarakat", "tokoh_masyarakat"),
        ("Karang Taruna", "ormas"),
        ("PKK", "ormas"),
        ("  dunia   usaha ", "dudi"),
        ("Business", "dudi"),
        ("INDUSTRI", "dudi"),
        ("Universitas", "perguruan_tinggi"),
        ("CSR", "lembaga_keuangan"),
        ("lain-lain", "lainnya"),
        ("Business and industry (DUDI)", "dudi"),
        ("nonsense body", None),
        ("", None),
        ("   ", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_category_for_alias(cat, text, expected):
    assert cat.category_for_alias(text) == expected


def test_sustaining_rhythms(cat):
    rhythms = {s.id: s.default_rhythm for s in cat.sustaining}
    assert set(rhythms.values()) <= set(RHYTHMS)
    assert rhythms["pendekatan_informal"] == "as_needed"


def test_exercises(cat):
    by_chapter = {1: [], 2: []}
    for ex in cat.exercises:
        by_chapter[ex.chapter].append(ex.number)
        assert ex.id == f"b{ex.chapter}_{ex.number}"
        assert 2 <= len(ex.key_points) <= 5
        assert ex.question.id.endswith("?") or ex.question.id.endswith(".")
        for ref in ex.refs:
            assert isinstance(cat.resolve(ref), Entry)
    assert by_chapter == {1: [1, 2, 3, 4, 5], 2: [1, 2, 3, 4, 5]}
    assert "principles:kebersamaan" in cat.get("exercises", "b1_4").refs


def test_regions(cat):
    for region in cat.regions:
        prefix = "Kota " if region.type == "kota" else "Kabupaten "
        assert region.label.id.startswith(prefix), region.id
    assert cat.label("regions", "kota_banjarbaru", "id") == "Kota Banjarbaru"
    assert cat.label("regions", "banjar", "id") == "Kabupaten Banjar"
    assert sum(r.type == "kota" for r in cat.regions) == 2


def test_chapters(cat):
    assert [c.number for c in cat.chapters] == [1, 2]
    for chapter in cat.chapters:
        assert chapter.competence.id and chapter.indicator.en
        assert len(chapter.summary) >= 4


def _walk(model: BaseModel, where: str):
    """Yield (where, model) for every nested pydantic model."""
    yield where, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                yield from _walk(item, f"{where}.{name}[{i}]")


def test_every_entry_has_ids_labels_and_descriptions(cat):
    seen_texts = 0
    for kind in KINDS:
        for entry in cat.entries(kind):
            for where, model in _walk(entry, f"{kind}:{entry.id}"):
                if isinstance(model, Entry):
                    assert SNAKE.match(model.id) and model.id.isascii(), where
                    assert model.label.id.strip() and model.label.en.strip(), where
                    assert model.description.id.strip() and model.description.en.strip(), where
                    assert model.label.id != model.description.id, where
                if isinstance(model, Text):
                    assert model.id.strip() and model.en.strip(), where
                    seen_texts += 1
    assert seen_texts > 500


def test_descriptions_are_short(cat):
    """One or two sentences: no description runs to three."""
    for kind in KINDS:
        for entry in cat.entries(kind):
            for where, model in _walk(entry, kind):
                if isinstance(model, Entry):
                    for text in (model.description.id, model.description.en):
                        assert len(re.findall(r"[.!?](?:\s|$)", text)) <= 2, where


def test_package_folder_holds_exactly_one_utf8_file_per_kind():
    files = sorted(p.name for p in CATALOGUE_DIR.iterdir())
    assert files == sorted(f"{k}.json" for k in KINDS)
    for kind in KINDS:
        data = json.loads((CATALOGUE_DIR / f"{kind}.json").read_text(encoding="utf-8"))
        assert data["kind"] == kind
        assert set(data) == {"kind", "entries"}


# --- look-ups -------------------------------------------------------------------------


def test_label_follows_the_current_language(cat):
    assert cat.label("aspects", "dana") == "Dana"
    set_language("en")
    assert cat.label("aspects", "dana") == "Funding"
    assert cat.get("principles", "kebersamaan").label.get() == cat.label(
        "principles", "kebersamaan", "en"
    )
    assert cat.label("aspects", "dana", "id") == "Dana"


def test_text_get_rejects_unknown_language():
    with pytest.raises(ValueError, match="fr"):
        Text(id="Dana", en="Funding").get("fr")


def test_get_unknown_id_names_kind_and_id(cat):
    with pytest.raises(CatalogueError) as info:
        cat.get("principles", "gotong_royong")
    err = info.value
    assert err.msgid == catalogue_module.MSG_UNKNOWN_ID
    assert err.params == {"kind": "principles", "id": "gotong_royong"}
    assert "principles" in str(err) and "gotong_royong" in str(err)
    assert "principles" in err.text("en")


def test_unknown_kind_and_component(cat):
    with pytest.raises(CatalogueError) as info:
        cat.ids("principle")
    assert info.value.msgid == catalogue_module.MSG_UNKNOWN_KIND
    assert "principle" in str(info.value)
    with pytest.raises(CatalogueError) as info:
        cat.component("ruang_praktik")
    assert info.value.params == {"id": "ruang_praktik"}
    with pytest.raises(CatalogueError):
        cat.component_aspect("ruang_praktik")
    with pytest.raises(CatalogueError) as info:
        cat.resolve("kebersamaan")
    assert info.value.msgid == catalogue_module.MSG_BAD_REF


def test_get_catalogue_is_cached_and_equals_a_fresh_load():
    first = get_catalogue()
    assert get_catalogue() is first
    fresh = load_catalogue()
    for kind in KINDS:
        assert fresh.entries(kind) == first.entries(kind)
    assert "principles=6" in repr(first)


def test_entries_are_frozen(cat):
    with pytest.raises(ValidationError):
        cat.benefits[0].id = "changed"
    assert isinstance(cat.benefits, tuple)


def test_public_names():
    for name in catalogue_module.__all__:
        assert hasattr(catalogue_module, name), name
    assert "load_catalogue" in catalogue_module.__all__


def test_import_leaves_ipywidgets_out():
    code = (
        "import sys, toolkit.catalogue; "
        "assert 'ipywidgets' not in sys.modules, 'ipywidgets was imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(__file__).parent
    )
    assert done.returncode == 0, done.stderr


# --- broken copies of the catalogue -----------------------------------------------------


@pytest.fixture
def copy(tmp_path) -> Path:
    """A writable copy of the packaged catalogue folder."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    return target


def _edit(folder: Path, kind: str, change) -> None:
    path = folder / f"{kind}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _load_error(folder: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    return info.value


def _assert_names(err: CatalogueError, file: str, entry: str | None = None, id: str | None = None):
    """The message, in both languages, names the file, the entry and its id."""
    assert Path(err.params["file"]).name == file
    for text in (str(err), err.text("en"), err.text("id")):
        assert file in text
        if entry is not None:
            assert entry in text
        if id is not None:
            assert id in text
    if entry is not None:
        assert err.params["entry"] == entry
    if id is not None:
        assert err.params["id"] == id


def test_the_copy_loads(copy):
    assert load_catalogue(copy).ids("strategies") == frozenset(EXPECTED_IDS["strategies"])
    assert load_catalogue(str(copy)).ids("chapters") == {"bab1", "bab2"}


@pytest.mark.parametrize(
    ("case", "file", "msgid", "entry", "id", "extra"),
    [
        (
            "catalogue-duplicate-id",
            "benefits.json",
            catalogue_module.MSG_DUPLICATE_ID,
            "entries[2]",
            "keuntungan_bersama",
            {"first": "entries[0]"},
        ),
        (
            "catalogue-unknown-ref",
            "exercises.json",
            catalogue_module.MSG_UNKNOWN_REF,
            "entries[1]",
            "b1_2",
            {"ref": "principles:gotong_royong"},
        ),
        (
            "catalogue-extra-field",
            "ethics.json",
            catalogue_module.MSG_EXTRA_FIELD,
            "entries[1]",
            "kepercayaan",
            {"field": "lable"},
        ),
        ("catalogue-bad-json", "strategies.json", catalogue_module.MSG_BAD_JSON, None, None, {}),
        (
            "catalogue-wrong-kind",
            "flows.json",
            catalogue_module.MSG_WRONG_KIND,
            None,
            None,
            {"found": "flow", "kind": "flows"},
        ),
    ],
)
def test_broken_fixture_files(copy, case, file, msgid, entry, id, extra):
    """Each tests/files/catalogue-<case>/ folder holds one broken file laid over a good copy."""
    for path in (FILES / case).iterdir():
        shutil.copy(path, copy / path.name)
    err = _load_error(copy)
    assert err.msgid == msgid
    _assert_names(err, file, entry, id)
    for key, value in extra.items():
        assert err.params[key] == value


def test_bad_json_names_line_and_column(copy):
    shutil.copy(FILES / "catalogue-bad-json" / "strategies.json", copy / "strategies.json")
    err = _load_error(copy)
    assert (err.params["line"], err.params["column"]) == (8, 5)
    assert "8" in str(err)


def test_missing_kind_file(copy):
    (copy / "regions.json").unlink()
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_MISSING_FILE
    assert err.params["kind"] == "regions"
    _assert_names(err, "regions.json")


def test_missing_folder(tmp_path):
    err = _load_error(tmp_path / "nowhere")
    assert err.msgid == catalogue_module.MSG_MISSING_FILE


def test_not_utf8(copy):
    (copy / "clauses.json").write_bytes('{"kind": "clauses", "entries": ["é"]}'.encode("latin-1"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_NOT_UTF8
    _assert_names(err, "clauses.json")


@pytest.mark.parametrize(
    "content",
    [
        [],
        {"kind": "criteria"},
        {"kind": "criteria", "entries": {}},
        {"kind": "criteria", "entries": [], "x": 1},
    ],
)
def test_bad_shape(copy, content):
    (copy / "criteria.json").write_text(json.dumps(content), encoding="utf-8")
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_BAD_SHAPE
    _assert_names(err, "criteria.json")


def test_no_entries(copy):
    _edit(copy, "criteria", lambda d: d.update(entries=[]))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_NO_ENTRIES


def test_missing_field(copy):
    _edit(copy, "ethics", lambda d: d["entries"][3].pop("description"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_MISSING_FIELD
    assert err.params["field"] == "description"
    _assert_names(err, "ethics.json", "entries[3]", "keadilan")


def test_missing_field_of_a_sub_entry(copy):
    _edit(copy, "stages", lambda d: d["entries"][2]["steps"][1]["label"].pop("en"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_MISSING_FIELD
    assert err.params["field"] == "steps[1].label.en"
    _assert_names(err, "stages.json", "entries[2]", "perencanaan")


def test_empty_label(copy):
    def blank(data):
        data["entries"][1]["label"]["en"] = "   "

    _edit(copy, "prerequisites", blank)
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_EMPTY_TEXT
    assert err.params["field"] == "label.en"
    _assert_names(err, "prerequisites.json", "entries[1]", "kesamaan_visi")


def test_misspelt_field_of_an_extended_entry(copy):
    def misspell(data):
        data["entries"][0]["default_rythm"] = data["entries"][0].pop("default_rhythm")

    _edit(copy, "sustaining", misspell)
    err = _load_error(copy)
    assert err.msgid in (catalogue_module.MSG_MISSING_FIELD, catalogue_module.MSG_EXTRA_FIELD)
    _assert_names(err, "sustaining.json", "entries[0]", "informasi_terkini")


def test_bad_choice(copy):
    _edit(copy, "sustaining", lambda d: d["entries"][2].update(default_rhythm="daily"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_BAD_CHOICE
    assert err.params["value"] == "daily"
    assert "monthly" in err.params["allowed"]
    _assert_names(err, "sustaining.json", "entries[2]", "diskusi_pertemuan")


def test_invalid_id(copy):
    _edit(copy, "flows", lambda d: d["entries"][4].update(id="Cara Belajar"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_BAD_ID
    assert err.params["value"] == "Cara Belajar"
    _assert_names(err, "flows.json", "entries[4]")


def test_entry_not_an_object(copy):
    _edit(copy, "clauses", lambda d: d["entries"].append("dana"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_NOT_OBJECT
    _assert_names(err, "clauses.json", "entries[6]")


def test_too_few_components(copy):
    _edit(
        copy,
        "aspects",
        lambda d: d["entries"][3].update(components=d["entries"][3]["components"][:2]),
    )
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_TOO_FEW
    assert err.params["limit"] == 5
    _assert_names(err, "aspects.json", "entries[3]", "tenaga")


def test_other_invalid_value(copy):
    _edit(copy, "stages", lambda d: d["entries"][0].update(order="first"))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_INVALID
    assert err.params["field"] == "order"
    _assert_names(err, "stages.json", "entries[0]", "identifikasi")


def test_duplicate_sub_entry_id(copy):
    def repeat(data):
        data["entries"][1]["points"][3]["id"] = "tidak_menjatuhkan"

    _edit(copy, "principles", repeat)
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_DUPLICATE_ID
    assert err.params["first"] == "entries[1].points[1]"
    _assert_names(err, "principles.json", "entries[1].points[3]", "tidak_menjatuhkan")


def test_duplicate_component_across_aspects(copy):
    def repeat(data):
        data["entries"][2]["components"][0]["id"] = "sarpras_ruang_praktik"

    _edit(copy, "aspects", repeat)
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_DUPLICATE_ID
    assert err.params["first"].startswith("entries[1].components[")
    _assert_names(err, "aspects.json", "entries[2].components[0]", "sarpras_ruang_praktik")


def test_stages_out_of_order(copy):
    def swap(data):
        entries = data["entries"]
        entries[1], entries[2] = entries[2], entries[1]

    _edit(copy, "stages", swap)
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_BAD_ORDER
    assert (err.params["order"], err.params["expected"]) == (3, 2)
    _assert_names(err, "stages.json", "entries[1]", "perencanaan")


def test_repeated_exercise_number(copy):
    _edit(copy, "exercises", lambda d: d["entries"][1].update(number=1))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_DUPLICATE_EXERCISE
    _assert_names(err, "exercises.json", "entries[1]", "b1_2")


@pytest.mark.parametrize("ref", ["principle:kebersamaan", "kebersamaan", "regions:"])
def test_malformed_or_unknown_ref_kind(copy, ref):
    _edit(copy, "exercises", lambda d: d["entries"][9]["refs"].append(ref))
    err = _load_error(copy)
    assert err.msgid == catalogue_module.MSG_UNKNOWN_REF
    assert err.params["ref"] == ref
    _assert_names(err, "exercises.json", "entries[9]", "b2_5")


def test_ambiguous_alias_gives_none(copy):
    _edit(copy, "partner_categories", lambda d: d["entries"][1]["aliases"].append("BLK"))
    broken = load_catalogue(copy)
    assert broken.category_for_alias("blk") is None
    assert broken.category_for_alias("disnaker") == "disnakertrans"
