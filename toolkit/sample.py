"""The embedded Banjarbaru sample workshop: three fictional LKP groups at different steps.

:func:`create_sample` builds, through the public storage API, a training session as it
could look on its first day in Banjarbaru (South Kalimantan): one tailoring course that
has finished every workshop step, one beauty course halfway through, and one computer
course that has only just started. Facilitators use it to try the notebooks, the status
table and the exports before their own session; tests use it as a canonical input.

Every institution in the sample is fictional or described by its kind only (e.g. "Program
CSR bank daerah"); no real person is named. The content is fixed: building the sample
twice gives the same group files except for the save timestamps.

References
----------
Bahan ajar *Membangun Kemitraan*, Banjarbaru 2018: Chapter I (latihan soal) and
Chapter II (identifikasi intern lembaga, pihak yang terlibat, tahapan, teknik melestarikan).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .catalogue import get_catalogue
from .model import (
    LKP_NODE,
    Activity,
    Actor,
    ExerciseAnswer,
    Group,
    HealthCheck,
    HealthRating,
    InstitutionProfile,
    Link,
    MonitoringEntry,
    Need,
    Partnership,
    StagePlan,
    StepState,
    SustainingPlan,
    slugify,
)
from .storage import Workshop

__all__ = ["SAMPLE_TITLE", "SAMPLE_GROUPS", "create_sample"]

#: Title of the sample training session.
SAMPLE_TITLE = "Pelatihan Kemitraan LKP Kota Banjarbaru"

#: Display names of the sample's groups: complete, partway, just started.
SAMPLE_GROUPS: tuple[str, str, str] = (
    "LKP Jahit Cempaka Mandiri",
    "LKP Tata Rias Intan",
    "LKP Komputer Borneo Cerdas",
)

_DATE = dt.date(2026, 12, 7)
_VENUE = "Aula UPTD Balai Latihan Kerja, Banjarbaru"
_FACILITATOR = "Tim Fasilitator"
#: Fixed time stamps (UTC) for answers and step marks, so the content never depends on now().
_MORNING = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)
_AFTERNOON = dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)
_DAY_TWO = dt.datetime(2026, 12, 8, 6, 0, tzinfo=dt.UTC)


# ------------------------------------------------------------------ exercises
#: Short answers to the module's exercises, in a participant's words.
_ANSWERS: dict[str, str] = {
    "b1_1": (
        "Kemitraan adalah kerja sama dua pihak atau lebih yang diikat kesepakatan dan saling "
        "membutuhkan, supaya kemampuan lembaga naik dan hasil program lebih baik."
    ),
    "b1_2": (
        "Tujuannya hasil yang lebih baik dengan saling menguntungkan: kekurangan lembaga kami "
        "ditutup oleh mitra, dan kelebihan kami berguna bagi mitra."
    ),
    "b1_3": (
        "Semua pihak mendapat keuntungan, mutu program terjaga dari masukan sampai lulusan, "
        "ada manfaat sosial, program berlanjut, dan lembaga para mitra ikut berkembang."
    ),
    "b1_4": (
        "Gotong royong berarti mau bekerja bersama, tidak saling menjatuhkan atau menyalahkan, "
        "dan hasilnya dinikmati bersama."
    ),
    "b1_5": (
        "Pola sesuai kebutuhan ditentukan oleh kebutuhan lembaga mitra; kelompok mitra bisa "
        "berganti bila disepakati bersama."
    ),
    "b2_1": (
        "Supaya kami tahu komponen apa yang belum kami punya. Kekurangan itulah yang dicarikan "
        "mitra, jadi kami datang ke calon mitra dengan permintaan yang jelas."
    ),
    "b2_2": (
        "Menetapkan tujuan, memperkirakan sumber daya dan hambatan di lingkungan, memilih "
        "pendekatan, lalu bersama mitra mengumpulkan dan mengolah data."
    ),
    "b2_3": (
        "Bagi kami pendayagunaan hasil, karena peserta kursus ingin langsung bekerja atau "
        "membuka usaha jahit setelah lulus."
    ),
    "b2_4": (
        "Organisasi sosial dekat dengan warga: mereka membantu mencari peserta, menyebarkan "
        "informasi dan ikut memantau lulusan di lingkungannya."
    ),
    "b2_5": (
        "Rutin berbagi informasi terkini, mengirim laporan kemajuan, rapat berkala, saling "
        "berkunjung bergiliran, dan menjaga hubungan baik secara pribadi tanpa pamrih."
    ),
}


def _answers(ids: tuple[str, ...], when: dt.datetime) -> dict[str, ExerciseAnswer]:
    return {i: ExerciseAnswer(text=_ANSWERS[i], updated=when) for i in ids}


_ALL_EXERCISES = tuple(_ANSWERS)

# ----------------------------------------------------- group 1: needs inventory
# fmt: off
#: (key, aspect, label, availability, importance, urgency, programme stage, note, criteria).
#: The key is a catalogue component id, or starts with ``own_`` for the group's own component.
_JAHIT_NEEDS: tuple[tuple, ...] = (
    ("program_kurikulum", "program_kegiatan", "Kurikulum menjahit busana wanita dan anak",
     "ada", 4, 2, "persiapan", "Sudah ada, ditinjau ulang tiap tahun.", ()),
    ("program_rekrutmen_peserta", "program_kegiatan",
     "Rekrutmen peserta dari keluarga kurang mampu",
     "sebagian", 4, 4, "persiapan", "Peserta kebanyakan dari sekitar lembaga saja.",
     ("lokasi", "jejaring")),
    ("program_jadwal", "program_kegiatan", "Jadwal kelas pagi dan sore",
     "ada", 3, 2, "pembelajaran", "", ()),
    ("program_magang", "program_kegiatan", "Magang di usaha konveksi atau garmen",
     "belum_ada", 5, 5, "pembelajaran", "Belum ada tempat magang tetap.",
     ("lokasi", "kapasitas", "komitmen")),
    ("program_uji_kompetensi", "program_kegiatan", "Uji kompetensi menjahit bagi lulusan",
     "sebagian", 5, 4, "uji_kompetensi", "Baru sebagian lulusan yang ikut uji kompetensi.",
     ("legalitas", "keahlian")),
    ("program_kewirausahaan", "program_kegiatan", "Pembekalan usaha jahit rumahan",
     "belum_ada", 4, 3, "tindak_lanjut", "", ()),
    ("program_evaluasi", "program_kegiatan", "Evaluasi program tiap angkatan",
     "ada", 3, 2, "tindak_lanjut", "", ()),
    ("sarpras_ruang_belajar", "sarana_prasarana", "Ruang kelas teori",
     "ada", 3, 1, "pembelajaran", "Satu ruang, muat 20 orang.", ()),
    ("sarpras_ruang_praktik", "sarana_prasarana", "Ruang praktik menjahit",
     "sebagian", 4, 3, "pembelajaran", "Sempit bila peserta lebih dari 12 orang.", ()),
    ("sarpras_peralatan_praktik", "sarana_prasarana", "Mesin jahit high speed dan mesin obras",
     "sebagian", 5, 5, "pembelajaran", "Baru ada 8 mesin jahit biasa, belum ada mesin industri.",
     ("fasilitas", "biaya")),
    ("sarpras_bahan_praktik", "sarana_prasarana", "Kain, benang dan aksesori untuk praktik",
     "sebagian", 4, 4, "pembelajaran", "Sering kurang di akhir bulan.", ("lokasi", "biaya")),
    ("sarpras_bahan_ajar", "sarana_prasarana", "Modul menjahit dan buku pola",
     "ada", 3, 2, "pembelajaran", "", ()),
    ("sarpras_alat_peraga", "sarana_prasarana", "Manekin dan contoh pola",
     "sebagian", 3, 2, "pembelajaran", "", ()),
    ("sarpras_komputer_internet", "sarana_prasarana", "Komputer untuk membuat pola digital",
     "belum_ada", 2, 2, "pembelajaran", "", ()),
    ("own_mesin_bordir", "sarana_prasarana", "Mesin bordir untuk motif sasirangan",
     "belum_ada", 3, 2, "pembelajaran", "Peminat busana bermotif sasirangan terus bertambah.", ()),
    ("dana_operasional", "dana", "Biaya listrik, sewa dan administrasi",
     "ada", 4, 3, "persiapan", "Dari iuran peserta.", ()),
    ("dana_honor_instruktur", "dana", "Honor instruktur",
     "sebagian", 4, 4, "pembelajaran", "Honor masih di bawah harapan instruktur.",
     ("komitmen", "biaya")),
    ("dana_bahan_praktik", "dana", "Biaya bahan praktik",
     "sebagian", 4, 4, "pembelajaran", "", ("biaya",)),
    ("dana_beasiswa_peserta", "dana", "Beasiswa bagi peserta kurang mampu",
     "belum_ada", 4, 3, "persiapan", "", ()),
    ("dana_uji_kompetensi", "dana", "Biaya uji kompetensi lulusan",
     "belum_ada", 5, 4, "uji_kompetensi", "Banyak lulusan tidak sanggup membayar sendiri.",
     ("legalitas", "komitmen")),
    ("dana_investasi_alat", "dana", "Dana pembelian mesin jahit industri",
     "belum_ada", 5, 4, "persiapan", "", ("legalitas", "rekam_jejak", "biaya")),
    ("dana_modal_usaha", "dana", "Modal awal usaha jahit lulusan",
     "belum_ada", 3, 2, "tindak_lanjut", "", ()),
    ("tenaga_instruktur", "tenaga", "Instruktur menjahit bersertifikat kompetensi",
     "sebagian", 5, 4, "pembelajaran", "Dua dari tiga instruktur belum bersertifikat.",
     ("keahlian", "legalitas")),
    ("tenaga_narasumber", "tenaga", "Praktisi atau perancang busana sebagai narasumber",
     "belum_ada", 3, 3, "pembelajaran", "", ()),
    ("tenaga_asesor", "tenaga", "Asesor kompetensi bidang menjahit",
     "belum_ada", 4, 3, "uji_kompetensi", "", ()),
    ("tenaga_pembimbing_magang", "tenaga", "Pembimbing magang di tempat kerja",
     "belum_ada", 4, 4, "pembelajaran", "", ("keahlian", "komitmen")),
    ("tenaga_administrasi", "tenaga", "Tenaga administrasi",
     "ada", 3, 2, "persiapan", "", ()),
    ("tenaga_teknisi", "tenaga", "Teknisi servis mesin jahit",
     "sebagian", 3, 3, "pembelajaran", "Dipanggil bila ada mesin rusak.", ()),
    ("hasil_penempatan_kerja", "pendayagunaan_hasil", "Penempatan kerja lulusan di konveksi",
     "belum_ada", 5, 5, "tindak_lanjut", "Lulusan mencari kerja sendiri-sendiri.",
     ("lokasi", "kapasitas", "komitmen")),
    ("hasil_pemasaran_produk", "pendayagunaan_hasil", "Pemasaran hasil jahitan peserta",
     "sebagian", 4, 3, "tindak_lanjut", "", ()),
    ("hasil_pesanan_jasa", "pendayagunaan_hasil", "Pesanan jahit seragam sekolah dan kantor",
     "sebagian", 4, 4, "tindak_lanjut", "", ("rekam_jejak", "jejaring")),
    ("hasil_pendampingan_usaha", "pendayagunaan_hasil", "Pendampingan lulusan yang membuka usaha",
     "belum_ada", 4, 3, "tindak_lanjut", "", ()),
    ("hasil_penelusuran_alumni", "pendayagunaan_hasil", "Data alumni yang sudah bekerja",
     "sebagian", 3, 2, "tindak_lanjut", "", ()),
    ("hasil_bursa_kerja", "pendayagunaan_hasil", "Informasi lowongan kerja menjahit",
     "belum_ada", 3, 3, "tindak_lanjut", "", ()),
    ("own_promosi_daring", "pendayagunaan_hasil", "Promosi hasil jahitan lewat media sosial",
     "sebagian", 3, 3, "tindak_lanjut", "Baru lewat status WhatsApp pengelola.", ()),
)
# fmt: on


def _needs(rows: tuple[tuple, ...]) -> tuple[list[Need], dict[str, str]]:
    """Build needs ``need-1``, ``need-2``... from `rows`; return them and key -> need id."""
    needs, ids = [], {}
    for n, row in enumerate(rows, start=1):
        key, aspect, label, availability, importance, urgency, stage, note, criteria = row
        ids[key] = f"need-{n}"
        needs.append(
            Need(
                id=ids[key],
                aspect=aspect,
                component=None if key.startswith("own_") else key,
                label=label,
                availability=availability,
                importance=importance,
                urgency=urgency,
                programme_stage=stage,
                note=note,
                criteria=list(criteria),
            )
        )
    return needs, ids


# ---------------------------------------------------------- group 1: partner map
# fmt: off
#: (name, category, influence, interest, need keys, flows, relationship, contact role, note);
#: the actors get ids ``actor-1``, ``actor-2``... in this order.
_JAHIT_ACTORS: tuple[tuple, ...] = (
    ("Dinas Tenaga Kerja Kota Banjarbaru", "disnakertrans", 5, 3,
     ("program_magang", "hasil_penempatan_kerja", "hasil_bursa_kerja"),
     ("informasi", "pemasaran_lulusan"), "kenal", "Kepala Bidang Pelatihan dan Penempatan", ""),
    ("UPTD Balai Latihan Kerja (BLK) Banjarbaru", "disnakertrans", 4, 4,
     ("tenaga_instruktur", "sarpras_peralatan_praktik", "program_uji_kompetensi", "tenaga_asesor"),
     ("teknologi", "pengetahuan_keterampilan", "sdm", "sarana"), "pernah_kerja_sama",
     "Kepala Seksi Pelatihan", "Instruktur kami pernah ikut pelatihan menjahit di BLK."),
    ("Dinas Sosial Kota Banjarbaru", "dinsos", 4, 3,
     ("program_rekrutmen_peserta", "dana_beasiswa_peserta"), ("modal", "informasi"),
     "kenal", "Kepala Bidang Pemberdayaan Sosial", ""),
    ("Dinas Perindustrian dan Perdagangan Kota Banjarbaru", "disperindag", 4, 3,
     ("program_kewirausahaan", "hasil_pendampingan_usaha", "hasil_pemasaran_produk"),
     ("pengetahuan_keterampilan", "pemasaran_lulusan", "informasi"), "kenal",
     "Kepala Bidang Industri Kecil dan Menengah", "Membina kelompok usaha dan perajin."),
    ("Dinas Pendidikan Kota Banjarbaru (pembina LKP)", "disdik", 5, 4,
     ("program_uji_kompetensi", "dana_uji_kompetensi"), ("informasi", "modal"),
     "mitra_aktif", "Penilik pendidikan nonformal", "Membina dan mendata LKP."),
    ("LKP tata busana lain di Kecamatan Landasan Ulin", "lkp", 2, 4,
     ("tenaga_narasumber", "sarpras_alat_peraga"), ("pengetahuan_keterampilan", "cara_belajar"),
     "pernah_kerja_sama", "Pimpinan LKP", "Pernah meminjamkan manekin untuk ujian."),
    ("Usaha konveksi seragam sekolah dan kantor", "dudi", 3, 4,
     ("program_magang", "tenaga_pembimbing_magang", "hasil_penempatan_kerja", "hasil_pesanan_jasa"),
     ("pemasaran_lulusan", "teknologi", "sdm"), "kenal", "Pemilik usaha / kepala produksi",
     "Sering kekurangan penjahit menjelang tahun ajaran baru."),
    ("Butik busana muslim lokal", "dudi", 2, 3,
     ("hasil_pemasaran_produk", "hasil_pesanan_jasa", "tenaga_narasumber"),
     ("pemasaran_lulusan", "pengetahuan_keterampilan"), "belum_kenal", "Pemilik butik", ""),
    ("Sentra kerajinan kain sasirangan", "pusat_karya", 3, 4,
     ("program_magang", "own_mesin_bordir", "hasil_pemasaran_produk"),
     ("pengetahuan_keterampilan", "pemasaran_lulusan", "teknologi"), "belum_kenal",
     "Ketua kelompok perajin", "Membutuhkan penjahit untuk produk jadi bermotif sasirangan."),
    ("Tim Penggerak PKK Kelurahan", "ormas", 3, 4,
     ("program_rekrutmen_peserta", "hasil_penelusuran_alumni"), ("informasi", "sdm"),
     "kenal", "Ketua TP PKK Kelurahan", ""),
    ("Karang Taruna Kelurahan", "ormas", 2, 3,
     ("program_rekrutmen_peserta", "own_promosi_daring"), ("informasi", "pemasaran_lulusan"),
     "kenal", "Ketua Karang Taruna", ""),
    ("Majelis taklim dan kelompok yasinan ibu-ibu", "ormas", 2, 4,
     ("program_rekrutmen_peserta", "hasil_penelusuran_alumni"), ("informasi",),
     "kenal", "Pengurus majelis taklim", ""),
    ("Ketua RT / tokoh masyarakat Kelurahan Cempaka", "tokoh_masyarakat", 3, 4,
     ("program_rekrutmen_peserta",), ("informasi",), "pernah_kerja_sama", "Ketua RT setempat",
     "Jembatan sosialisasi ke warga."),
    ("Program studi tata busana di perguruan tinggi setempat", "perguruan_tinggi", 3, 3,
     ("tenaga_narasumber", "tenaga_asesor"), ("pengetahuan_keterampilan", "sdm", "cara_belajar"),
     "belum_kenal", "Ketua program studi", ""),
    ("Program CSR bank daerah", "lembaga_keuangan", 4, 3,
     ("dana_investasi_alat", "dana_beasiswa_peserta", "dana_modal_usaha"), ("modal",),
     "belum_kenal", "Bagian CSR kantor cabang", "Dikenal lewat Disperindag."),
    ("Toko kain dan perlengkapan jahit di pasar kota", "dudi", 2, 3,
     ("sarpras_bahan_praktik", "dana_bahan_praktik"), ("sarana",), "pernah_kerja_sama",
     "Pemilik toko", "Memberi potongan harga untuk pembelian bahan praktik."),
    ("Bengkel servis mesin jahit", "dudi", 1, 3, ("tenaga_teknisi",), ("teknologi",),
     "kenal", "Pemilik bengkel", ""),
    ("Radio komunitas lokal", "lainnya", 2, 2, ("own_promosi_daring",), ("informasi",),
     "belum_kenal", "Pengelola siaran", "Belum ada hubungan sama sekali."),
)
# fmt: on

# fmt: off
#: (source, target, flow, direction, strength, status, note); numbers are actor numbers,
#: 0 is the LKP itself. Actor 15 (bank CSR) is reached only through actor 4 (Disperindag);
#: actor 18 (radio) has no link at all.
_JAHIT_LINKS: tuple[tuple, ...] = (
    (0, 5, "informasi", "both", 3, "existing", "Pembinaan dan pendataan LKP."),
    (2, 0, "pengetahuan_keterampilan", "forward", 2, "existing", "Pelatihan instruktur di BLK."),
    (1, 0, "informasi", "forward", 1, "existing", "Undangan sosialisasi program pelatihan."),
    (3, 0, "modal", "forward", 1, "potential", ""),
    (4, 0, "pengetahuan_keterampilan", "forward", 1, "potential", ""),
    (0, 6, "cara_belajar", "both", 2, "existing", "Saling berbagi cara mengajar."),
    (0, 7, "pemasaran_lulusan", "forward", 2, "potential", "Lulusan magang dan bekerja."),
    (0, 10, "informasi", "both", 2, "existing", ""),
    (0, 11, "informasi", "both", 1, "existing", ""),
    (0, 12, "informasi", "both", 2, "existing", ""),
    (0, 13, "informasi", "both", 3, "existing", "Membantu mencari peserta."),
    (16, 0, "sarana", "forward", 2, "existing", "Langganan bahan praktik."),
    (17, 0, "teknologi", "forward", 1, "existing", "Servis mesin bila rusak."),
    (14, 0, "pengetahuan_keterampilan", "forward", 1, "potential", ""),
    (1, 2, "sdm", "both", 3, "existing", "BLK adalah unit pelaksana teknis dinas."),
    (1, 7, "pemasaran_lulusan", "both", 2, "existing", "Laporan lowongan kerja."),
    (15, 4, "modal", "forward", 3, "existing", "Pembiayaan usaha kecil binaan dinas."),
    (4, 9, "pengetahuan_keterampilan", "forward", 3, "existing", "Pembinaan perajin."),
    (9, 8, "sarana", "forward", 2, "existing", "Kain sasirangan untuk butik."),
    (8, 7, "pemasaran_lulusan", "forward", 2, "existing", "Butik memesan jahitan."),
    (14, 2, "sdm", "both", 2, "existing", "Dosen menjadi narasumber pelatihan."),
    (5, 6, "informasi", "forward", 2, "existing", ""),
    (10, 12, "informasi", "both", 2, "existing", ""),
    (13, 11, "informasi", "both", 2, "existing", ""),
    (13, 10, "informasi", "both", 2, "existing", ""),
    (3, 10, "informasi", "both", 2, "existing", "PKK membantu mendata keluarga."),
    (2, 7, "sdm", "forward", 2, "existing", "Peserta BLK magang di konveksi."),
    (16, 6, "sarana", "forward", 1, "existing", ""),
)
# fmt: on


def _node(number: int) -> str:
    return LKP_NODE if number == 0 else f"actor-{number}"


def _actors(rows: tuple[tuple, ...], need_ids: dict[str, str]) -> list[Actor]:
    """Build actors ``actor-1``... from `rows`, mapping need keys to need ids."""
    actors = []
    for n, row in enumerate(rows, start=1):
        name, category, influence, interest, needs, flows, relation, contact, note = row
        actors.append(
            Actor(
                id=f"actor-{n}",
                name=name,
                category=category,
                influence=influence,
                interest=interest,
                offers_needs=[need_ids[k] for k in needs],
                offers_flows=list(flows),
                relationship=relation,
                contact_role=contact,
                note=note,
            )
        )
    return actors


def _links(rows: tuple[tuple, ...]) -> list[Link]:
    """Build links ``link-1``... from `rows` (actor numbers, 0 for the LKP)."""
    return [
        Link(
            id=f"link-{n}",
            source=_node(source),
            target=_node(target),
            flow=flow,
            direction=direction,
            strength=strength,
            status=status,
            note=note,
        )
        for n, (source, target, flow, direction, strength, status, note) in enumerate(rows, start=1)
    ]


# --------------------------------------------------------------- group 1: plan
_D = dt.date.fromisoformat

# fmt: off
#: One partnership per entry; activities are (stage, name, start, end, responsible, status).
_JAHIT_PARTNERSHIPS: tuple[dict, ...] = (
    {
        "id": "partnership-1",
        "actor_id": "actor-2",
        "aspects": ["tenaga", "sarana_prasarana", "program_kegiatan"],
        "pattern": "inti_plasma",
        "goal": (
            "Instruktur kami bersertifikat kompetensi dan peserta berlatih dengan mesin jahit "
            "industri, sehingga paling sedikit 80% lulusan angkatan 2027 lulus uji kompetensi."
        ),
        "lkp_gives": (
            "Peserta dan instruktur yang siap belajar, data lulusan, serta ruang praktik kami "
            "untuk pelatihan keliling BLK di wilayah Cempaka."
        ),
        "lkp_gets": (
            "Pelatihan instruktur, pemakaian bengkel dan mesin industri BLK, bimbingan menjelang "
            "uji kompetensi."
        ),
        "partner_gives": "Instruktur senior, bengkel praktik dan mesin industri, jadwal bersama.",
        "partner_gets": (
            "Jangkauan pelatihan yang lebih luas ke warga, data alumni yang bekerja, dan "
            "tambahan capaian kinerja pelatihan berbasis kompetensi."
        ),
        "activities": (
            ("identifikasi", "Mencocokkan kebutuhan instruktur dan mesin dengan program BLK",
             "2027-01-11", "2027-01-22", "Pimpinan LKP", "selesai"),
            ("sosialisasi", "Audiensi ke Kepala UPTD BLK membawa profil lembaga",
             "2027-01-25", "2027-01-25", "Pimpinan LKP", "selesai"),
            ("sosialisasi", "Kunjungan staf BLK ke ruang praktik LKP",
             "2027-02-03", "2027-02-03", "Bagian administrasi LKP", "selesai"),
            ("perencanaan", "Menyusun jadwal pelatihan instruktur dan praktik peserta",
             "2027-02-08", "2027-02-19", "Instruktur kepala LKP dan Kepala Seksi Pelatihan BLK",
             "selesai"),
            ("kesepakatan", "Penandatanganan naskah kerja sama",
             "2027-02-26", "2027-02-26", "Pimpinan LKP dan Kepala UPTD BLK", "selesai"),
            ("pelaksanaan", "Pelatihan instruktur menjahit di BLK",
             "2027-03-08", "2027-03-26", "Instruktur kepala LKP", "berjalan"),
            ("pelaksanaan", "Praktik peserta dengan mesin industri di bengkel BLK",
             "2027-04-05", "2027-06-25", "Instruktur LKP", "belum"),
            ("monev", "Rapat evaluasi bersama setiap tiga bulan",
             "2027-05-31", "2027-12-31", "Pimpinan LKP", "belum"),
        ),
        "clauses": {
            "dana": (
                "Biaya pelatihan instruktur ditanggung anggaran BLK; transport dan bahan praktik "
                "peserta ditanggung LKP."
            ),
            "penyelenggara": "UPTD BLK menyelenggarakan pelatihan instruktur dan praktik peserta.",
            "pengelola": (
                "Kegiatan dikelola tim bersama: satu koordinator dari LKP dan satu dari BLK."
            ),
            "waktu_pelaksanaan": (
                "Februari 2027 sampai Januari 2028; praktik peserta Senin dan Rabu siang."
            ),
            "peran_tanggung_jawab": (
                "BLK menyediakan instruktur, bengkel dan mesin; LKP mengirim peserta tepat waktu, "
                "menjaga alat dan melaporkan kehadiran."
            ),
            "pemanfaatan_hasil": (
                "Sertifikat pelatihan untuk instruktur LKP; data lulusan dipakai bersama untuk "
                "laporan dan penempatan kerja."
            ),
        },
        "start_date": "2027-03-01",
        "duration_months": 12,
        "review_date": "2027-08-31",
        "sustaining": (
            ("laporan_kemajuan", "monthly", "Rekap kehadiran dan nilai praktik peserta."),
            ("kunjungan_berkala", "quarterly", "Bergantian di BLK dan di LKP."),
            ("diskusi_pertemuan", "quarterly", ""),
        ),
    },
    {
        "id": "partnership-2",
        "actor_id": "actor-7",
        "aspects": ["pendayagunaan_hasil", "program_kegiatan", "tenaga"],
        "pattern": "sesuai_kebutuhan",
        "goal": (
            "Setiap peserta magang satu bulan di konveksi, dan paling sedikit 10 lulusan per "
            "tahun bekerja di sana atau menerima pesanan borongan."
        ),
        "lkp_gives": "Calon penjahit terlatih, jadwal magang yang mengikuti musim pesanan.",
        "lkp_gets": "Tempat dan pembimbing magang, lowongan kerja dan pesanan bagi lulusan.",
        "partner_gives": "Tempat magang, pembimbing dari kepala produksi, pesanan borongan.",
        "partner_gets": "Tenaga jahit yang siap kerja saat pesanan seragam memuncak.",
        "activities": (
            ("identifikasi", "Mendata kebutuhan tenaga jahit konveksi per bulan",
             "2027-01-18", "2027-01-29", "Bagian administrasi LKP", "selesai"),
            ("sosialisasi", "Mengundang pemilik konveksi ke pameran hasil praktik peserta",
             "2027-02-12", "2027-02-12", "Pimpinan LKP", "selesai"),
            ("perencanaan", "Menyusun standar kerja dan lembar penilaian magang",
             "2027-02-15", "2027-03-05", "Instruktur kepala LKP dan kepala produksi", "berjalan"),
            ("kesepakatan", "Menandatangani perjanjian magang dan penempatan",
             "2027-03-12", "2027-03-12", "Pimpinan LKP dan pemilik konveksi", "tertunda"),
            ("pelaksanaan", "Magang angkatan pertama (6 peserta)",
             "2027-05-03", "2027-05-31", "Pembimbing magang konveksi", "belum"),
            ("pelaksanaan", "Rekrutmen lulusan menjelang tahun ajaran baru",
             "2027-06-01", "2027-07-15", "Pemilik konveksi", "belum"),
            ("monev", "Menilai hasil magang dan mencatat lulusan yang bekerja",
             "2027-08-02", "2027-08-13", "Instruktur kepala LKP", "belum"),
        ),
        "clauses": {
            "dana": "Masing-masing pihak menanggung biayanya sendiri; konveksi memberi uang makan "
            "peserta magang.",
            "penyelenggara": "Konveksi menyelenggarakan magang; LKP menyiapkan peserta.",
            "pengelola": "Kepala produksi konveksi dan instruktur kepala LKP.",
            "waktu_pelaksanaan": "Magang dua kali setahun, Mei dan November, masing-masing "
            "satu bulan.",
            "peran_tanggung_jawab": "Konveksi membimbing dan menilai peserta; LKP memastikan "
            "disiplin dan keselamatan kerja peserta.",
            "pemanfaatan_hasil": "Produk hasil magang menjadi milik konveksi; konveksi "
            "mendahulukan lulusan LKP saat menerima pekerja.",
        },
        "start_date": "2027-04-01",
        "duration_months": 24,
        "review_date": "2027-10-01",
        "sustaining": (
            ("informasi_terkini", "monthly", "Kabar pesanan dan kebutuhan penjahit."),
            ("pendekatan_informal", "as_needed", "Silaturahmi, tanpa kepentingan pribadi."),
        ),
    },
    {
        "id": "partnership-3",
        "actor_id": "actor-15",
        "aspects": ["dana", "sarana_prasarana"],
        "pattern": "pola_asuh",
        "goal": (
            "Mendapat bantuan 6 mesin jahit high speed dan 2 mesin obras, serta beasiswa bagi "
            "10 peserta dari keluarga kurang mampu."
        ),
        "lkp_gives": "Proposal, laporan penggunaan dana, dokumentasi dan data penerima beasiswa.",
        "lkp_gets": "Mesin jahit industri dan beasiswa peserta.",
        "partner_gives": "Dana CSR untuk mesin dan beasiswa.",
        "partner_gets": "Program CSR yang tepat sasaran, laporan dampak dan nama baik di "
        "masyarakat.",
        "activities": (
            ("identifikasi", "Meminta Disperindag memperkenalkan LKP kepada bagian CSR",
             "2027-02-01", "2027-02-15", "Pimpinan LKP", "selesai"),
            ("sosialisasi", "Presentasi program LKP di kantor cabang bank",
             "2027-03-10", "2027-03-10", "Pimpinan LKP", "berjalan"),
            ("perencanaan", "Menyusun proposal dan rincian anggaran mesin",
             "2027-03-15", "2027-04-15", "Bendahara LKP", "belum"),
            ("kesepakatan", "Naskah hibah CSR ditandatangani", "2027-05-03", "2027-05-03",
             "Pimpinan LKP", "belum"),
            ("pelaksanaan", "Pengadaan mesin dan seleksi penerima beasiswa",
             "2027-05-10", "2027-07-30", "Bendahara dan instruktur kepala LKP", "belum"),
            ("monev", "Laporan penggunaan dana dan kunjungan pihak bank",
             "2027-10-01", "2027-11-30", "Pimpinan LKP", "belum"),
        ),
        "clauses": {
            "dana": "Dana CSR dipakai hanya untuk mesin dan beasiswa sesuai rincian anggaran.",
            "penyelenggara": "LKP menyelenggarakan pelatihan bagi penerima beasiswa.",
            "pengelola": "Bendahara LKP mengelola dana dengan rekening terpisah.",
            "waktu_pelaksanaan": "Mei 2027 sampai April 2028.",
            "peran_tanggung_jawab": "Bank menyalurkan dana dan memantau; LKP membeli mesin, "
            "memilih peserta secara terbuka dan melapor.",
            "pemanfaatan_hasil": "Mesin menjadi aset LKP untuk pelatihan; lulusan penerima "
            "beasiswa didata bersama sebagai hasil program.",
        },
        "start_date": "2027-05-01",
        "duration_months": 12,
        "review_date": "2027-11-01",
        "sustaining": (
            ("laporan_kemajuan", "quarterly", ""),
            ("kunjungan_berkala", "semester", "Pihak bank diundang ke wisuda peserta."),
        ),
    },
)
# fmt: on


def _stages(partnership_id: str, rows: tuple[tuple, ...]) -> list[StagePlan]:
    """Group activity rows by stage; activities get ids ``<partnership>-a<n>``."""
    activities: dict[str, list[Activity]] = {s.id: [] for s in get_catalogue().stages}
    for n, (stage, name, start, end, responsible, status) in enumerate(rows, start=1):
        activities[stage].append(
            Activity(
                id=f"{partnership_id}-a{n}",
                name=name,
                start=_D(start),
                end=_D(end),
                responsible=responsible,
                status=status,
            )
        )
    return [StagePlan(stage=stage, activities=acts) for stage, acts in activities.items()]


def _partnership(spec: dict) -> Partnership:
    """Build one partnership from an entry of :data:`_JAHIT_PARTNERSHIPS`."""
    plain = {
        k: v
        for k, v in spec.items()
        if k not in ("activities", "sustaining", "start_date", "review_date")
    }
    return Partnership(
        **plain,
        stages=_stages(spec["id"], spec["activities"]),
        start_date=_D(spec["start_date"]),
        review_date=_D(spec["review_date"]),
        sustaining=[
            SustainingPlan(technique=t, rhythm=r, note=note) for t, r, note in spec["sustaining"]
        ],
    )


# ------------------------------------------------------- group 1: follow-up
# fmt: off
#: (date, partnership, stage, activity, status, evidence, note).
_JAHIT_MONITORING: tuple[tuple, ...] = (
    ("2027-01-29", "partnership-1", "identifikasi", "partnership-1-a1", "selesai",
     "Daftar kebutuhan instruktur dan mesin.", "Cocok dengan program pelatihan BLK tahun ini."),
    ("2027-02-26", "partnership-1", "kesepakatan", "partnership-1-a5", "selesai",
     "Naskah kerja sama bertanda tangan.", ""),
    ("2027-03-12", "partnership-2", "kesepakatan", "partnership-2-a4", "tertunda",
     "", "Pemilik konveksi sedang di luar kota; penandatanganan diundur ke April."),
    ("2027-03-19", "partnership-1", "pelaksanaan", "partnership-1-a6", "berjalan",
     "Daftar hadir minggu kedua pelatihan instruktur.", "Dua instruktur hadir penuh."),
    ("2027-03-22", "partnership-3", "sosialisasi", "partnership-3-a2", "berjalan",
     "Foto presentasi di kantor cabang.", "Bank meminta proposal paling lambat April."),
)
# fmt: on

#: Health check of partnership 1 per principle: (principle, level, note).
_JAHIT_HEALTH: tuple[tuple[str, str, str], ...] = (
    ("kesamaan", "hijau", "Tujuan sertifikasi instruktur disepakati kedua pihak."),
    ("kebersamaan", "hijau", "Staf BLK ikut membantu menyiapkan jadwal."),
    ("keseimbangan", "kuning", "Beban administrasi lebih banyak di pihak LKP."),
    ("keadilan_keterbukaan", "hijau", "Jadwal dan biaya dibahas terbuka."),
    ("manfaat", "kuning", "Manfaat bagi peserta baru terasa setelah praktik dimulai."),
    ("keberlanjutan", "kuning", "Belum ada rencana setelah Januari 2028."),
)


def _monitoring() -> list[MonitoringEntry]:
    return [
        MonitoringEntry(
            id=f"monev-{n}",
            date=_D(date),
            partnership_id=partnership,
            stage=stage,
            activity_id=activity,
            status=status,
            evidence=evidence,
            note=note,
        )
        for n, (date, partnership, stage, activity, status, evidence, note) in enumerate(
            _JAHIT_MONITORING, start=1
        )
    ]


def _health_check() -> HealthCheck:
    return HealthCheck(
        id="health-1",
        date=_D("2027-03-31"),
        partnership_id="partnership-1",
        ratings={p: HealthRating(level=level, note=note) for p, level, note in _JAHIT_HEALTH},
        changes="Pemeriksaan pertama sejak kerja sama ditandatangani.",
    )


# ------------------------------------------------------------- the groups
def _fill_complete(group: Group) -> None:
    """Group 1 (tailoring): every step up to the plan done, with follow-up notes."""
    group.profile = InstitutionProfile(
        name=SAMPLE_GROUPS[0],
        district="Kota Banjarbaru",
        programmes=["Menjahit busana wanita", "Menjahit busana anak", "Menjahit pakaian pria"],
        learners_per_year=60,
        instructors=3,
        staff=2,
        facilities=(
            "Satu ruang teori (20 kursi), satu ruang praktik dengan 8 mesin jahit biasa, "
            "2 meja potong, 4 manekin dan lemari bahan."
        ),
    )
    group.exercises = _answers(_ALL_EXERCISES, _MORNING)
    group.needs, need_ids = _needs(_JAHIT_NEEDS)
    group.actors = _actors(_JAHIT_ACTORS, need_ids)
    group.links = _links(_JAHIT_LINKS)
    group.plan.partnerships = [_partnership(spec) for spec in _JAHIT_PARTNERSHIPS]
    group.monitoring = _monitoring()
    group.health_checks = [_health_check()]
    marks = {
        "konsep": _MORNING,
        "kebutuhan": _AFTERNOON,
        "peta_mitra": _DAY_TWO,
        "rencana": _DAY_TWO,
    }
    group.steps = {step: StepState(done=True, updated=when) for step, when in marks.items()}


# fmt: off
#: Group 2 (beauty course): half of the listed components assessed so far.
_RIAS_NEEDS: tuple[tuple, ...] = (
    ("program_kurikulum", "program_kegiatan", "Kurikulum tata rias pengantin Banjar",
     "ada", 4, 2, "persiapan", "", ()),
    ("program_magang", "program_kegiatan", "Magang di salon atau perias pengantin",
     "belum_ada", 5, 4, "pembelajaran", "", ()),
    ("program_uji_kompetensi", "program_kegiatan", "Uji kompetensi tata rias",
     "sebagian", 4, 3, "uji_kompetensi", "", ()),
    ("program_kewirausahaan", "program_kegiatan", "Pembekalan usaha rias",
     "belum_ada", 3, 3, "tindak_lanjut", "", ()),
    ("sarpras_ruang_praktik", "sarana_prasarana", "Ruang praktik rias dengan cermin dan lampu",
     "ada", 3, 2, "pembelajaran", "", ()),
    ("sarpras_peralatan_praktik", "sarana_prasarana", "Kursi rias dan alat penata rambut",
     "sebagian", 4, 4, "pembelajaran", "Hanya 3 kursi rias.", ()),
    ("sarpras_bahan_praktik", "sarana_prasarana", "Kosmetik untuk praktik",
     "sebagian", 4, 4, "pembelajaran", "", ()),
    ("dana_bahan_praktik", "dana", "Biaya kosmetik praktik", None, None, None, None, "", ()),
    ("dana_uji_kompetensi", "dana", "Biaya uji kompetensi", None, None, None, None, "", ()),
    ("dana_investasi_alat", "dana", "Dana pembelian kursi rias", None, None, None, None, "", ()),
    ("tenaga_instruktur", "tenaga", "Instruktur tata rias bersertifikat",
     None, None, None, None, "", ()),
    ("tenaga_asesor", "tenaga", "Asesor tata rias", None, None, None, None, "", ()),
    ("hasil_penempatan_kerja", "pendayagunaan_hasil", "Kerja di salon bagi lulusan",
     None, None, None, None, "", ()),
    ("hasil_pesanan_jasa", "pendayagunaan_hasil", "Pesanan rias pengantin",
     None, None, None, None, "", ()),
)
# fmt: on

# fmt: off
#: Group 2's first actors (same layout as :data:`_JAHIT_ACTORS`).
_RIAS_ACTORS: tuple[tuple, ...] = (
    ("Dinas Pendidikan Kota Banjarbaru (pembina LKP)", "disdik", 5, 3,
     ("program_uji_kompetensi",), ("informasi",), "kenal", "Penilik pendidikan nonformal", ""),
    ("Salon dan perias pengantin di Banjarbaru", "dudi", 3, 4,
     ("program_magang",), ("pemasaran_lulusan", "pengetahuan_keterampilan"), "kenal",
     "Pemilik salon", ""),
    ("LKP tata kecantikan lain di Kota Banjarbaru", "lkp", 2, 3,
     ("sarpras_peralatan_praktik",), ("sarana", "cara_belajar"), "belum_kenal", "Pimpinan LKP", ""),
    ("Distributor produk kosmetik", "dudi", 3, 3, ("sarpras_bahan_praktik",), ("sarana",),
     "belum_kenal", "Bagian pemasaran", ""),
)
# fmt: on

# fmt: off
_RIAS_LINKS: tuple[tuple, ...] = (
    (0, 1, "informasi", "both", 3, "existing", ""),
    (0, 2, "pemasaran_lulusan", "forward", 1, "potential", ""),
    (4, 2, "sarana", "forward", 2, "existing", "Salon berlangganan kosmetik."),
)
# fmt: on

#: Group 2's own answers to the Chapter I exercises.
_RIAS_ANSWERS: dict[str, str] = {
    "b1_1": "Kerja sama lembaga kami dengan pihak lain yang saling membutuhkan dan sepakat.",
    "b1_2": "Supaya kekurangan lembaga tertutupi dan kedua pihak sama-sama untung.",
    "b1_3": "Mutu pelatihan naik, lulusan lebih mudah bekerja, dan lembaga makin dikenal.",
    "b1_4": "Bekerja bersama-sama dan tidak saling menyalahkan bila ada masalah.",
    "b1_5": "Bentuk kerja samanya mengikuti apa yang dibutuhkan lembaga mitra.",
}

#: Group 3's two first answers.
_KOMPUTER_ANSWERS: dict[str, str] = {
    "b1_1": "Kerja sama antara dua lembaga atau lebih yang saling membutuhkan.",
    "b1_2": "Agar program kursus komputer berjalan lebih baik dengan bantuan mitra.",
}


def _fill_partial(group: Group) -> None:
    """Group 2 (beauty): profile, half of the needs, 5 exercises, 4 actors, no plan."""
    group.profile = InstitutionProfile(
        name=SAMPLE_GROUPS[1],
        district="Kota Banjarbaru",
        programmes=["Tata rias wajah", "Tata rias pengantin Banjar", "Penataan rambut"],
        learners_per_year=40,
        instructors=2,
        staff=1,
        facilities="Satu ruang praktik dengan 3 kursi rias, cermin besar dan wastafel.",
    )
    group.exercises = {
        i: ExerciseAnswer(text=text, updated=_MORNING) for i, text in _RIAS_ANSWERS.items()
    }
    group.needs, need_ids = _needs(_RIAS_NEEDS)
    group.actors = _actors(_RIAS_ACTORS, need_ids)
    group.links = _links(_RIAS_LINKS)


def _fill_new(group: Group) -> None:
    """Group 3 (computer): only the profile's name and district and two answers."""
    group.profile = InstitutionProfile(name=SAMPLE_GROUPS[2], district="Kabupaten Banjar")
    group.exercises = {
        i: ExerciseAnswer(text=text, updated=_AFTERNOON) for i, text in _KOMPUTER_ANSWERS.items()
    }


_FILLERS = (_fill_complete, _fill_partial, _fill_new)


def create_sample(path: Path | str, *, language: str = "id") -> Workshop:
    """Create the Banjarbaru sample workshop with three fictional LKP groups.

    Parameters
    ----------
    path : path-like
        Folder for the new workshop (may exist if it holds no workshop yet).
    language : {"id", "en"}, default "id"
        Default UI language of the workshop. The groups' own content stays
        Indonesian: it is what participants would type.

    Returns
    -------
    Workshop
        The opened workshop, titled :data:`SAMPLE_TITLE`, dated 7 December 2026, with
        the groups of :data:`SAMPLE_GROUPS` (ids ``lkp-jahit-cempaka-mandiri``,
        ``lkp-tata-rias-intan``, ``lkp-komputer-borneo-cerdas``).

    Raises
    ------
    WorkshopExistsError
        If `path` already holds a workshop (nothing is changed).
    pydantic.ValidationError
        If `language` is not ``"id"`` or ``"en"``.

    Notes
    -----
    The content is fixed (no randomness, no current time): two samples differ only in
    the ``created`` and ``updated`` time stamps written by :mod:`toolkit.storage`.

    - *LKP Jahit Cempaka Mandiri* (tailoring) has finished the steps konsep, kebutuhan,
      peta_mitra and rencana: every aspect assessed, 18 actors of every partner
      category (one reachable only through another, one with no link), three
      partnerships with all stages and clauses, monitoring notes and a health check.
    - *LKP Tata Rias Intan* (beauty) is partway: half of its needs assessed, five
      answers, four actors, no plan.
    - *LKP Komputer Borneo Cerdas* (computer) has just started: name, district and
      two answers.

    All institutions are fictional or described by kind; no real person is named.

    Examples
    --------
    >>> import tempfile
    >>> ws = create_sample(tempfile.mkdtemp() + "/contoh")
    >>> ws.group_ids[0]
    'lkp-jahit-cempaka-mandiri'
    """
    ws = Workshop.create(
        path,
        title=SAMPLE_TITLE,
        groups=SAMPLE_GROUPS,
        language=language,
        date=_DATE,
        venue=_VENUE,
        facilitator=_FACILITATOR,
    )
    for name, fill in zip(SAMPLE_GROUPS, _FILLERS, strict=True):
        with ws.edit(slugify(name)) as group:
            fill(group)
    return ws
