"""One message catalogue, English and Indonesian, for every user-facing string.

Criteria labels are not here: they come, translated, from the criteria file itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from smartcity_assess.errors import UsageError

Lang = Literal["en", "id"]
LANGS: tuple[Lang, ...] = ("en", "id")

# key: (English, Indonesian). Placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- reading files -------------------------------------------------------------
    "file-missing": ("no such file or directory", "berkas atau folder tidak ditemukan"),
    "file-is-dir": ("is a directory, expected a file", "ini folder, bukan berkas"),
    "file-unreadable": ("cannot be read: {reason}", "tidak dapat dibaca: {reason}"),
    "file-loop": ("symbolic link loop", "tautan simbolik berputar (loop)"),
    "too-large": (
        "file is {size} bytes, over the limit of {limit} bytes (see --max-file-size)",
        "ukuran berkas {size} bita, melebihi batas {limit} bita (lihat --max-file-size)",
    ),
    "encoding": (
        "not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
        "bukan UTF-8 yang sah (bita 0x{byte:02x}); simpan berkas sebagai UTF-8",
    ),
    "yaml-syntax": ("YAML syntax error: {detail}", "kesalahan sintaks YAML: {detail}"),
    "duplicate-key": (
        "duplicate key '{key}' (first defined at line {first_line})",
        "kunci '{key}' muncul dua kali (pertama di baris {first_line})",
    ),
    "forbidden-tag": (
        "the YAML tag '{tag}' is not allowed; use plain values",
        "tag YAML '{tag}' tidak diizinkan; gunakan nilai biasa",
    ),
    "merge-key": (
        "YAML merge keys (<<) are not supported; write the keys out",
        "kunci gabungan YAML (<<) tidak didukung; tuliskan kuncinya satu per satu",
    ),
    "bad-key": (
        "mapping keys must be plain text, not {kind}",
        "kunci pemetaan harus berupa teks biasa, bukan {kind}",
    ),
    "too-deep": (
        "nesting deeper than {limit} levels",
        "bersarang lebih dalam dari {limit} tingkat",
    ),
    "too-many-nodes": (
        "document expands to more than {limit} values (alias bomb?)",
        "dokumen mengembang menjadi lebih dari {limit} nilai (bom alias?)",
    ),
    "empty": ("the file is empty", "berkas kosong"),
    "csv-syntax": ("CSV syntax error: {detail}", "kesalahan sintaks CSV: {detail}"),
    "csv-row-width": (
        "this row has {cells} cell(s), but the header has {columns} column(s)",
        "baris ini berisi {cells} sel, padahal header berisi {columns} kolom",
    ),
    "csv-empty-column": (
        "a column without a name in the header",
        "ada kolom tanpa nama di header",
    ),
    "duplicate-column": (
        "column '{key}' appears twice (first as column {other})",
        "kolom '{key}' muncul dua kali (pertama sebagai kolom ke-{other})",
    ),
    "unknown-column": ("unknown column '{name}'{hint}", "kolom '{name}' tidak dikenal{hint}"),
    "missing-column": ("missing required column '{name}'", "kolom wajib '{name}' tidak ada"),
    "in-column": ("column '{name}': {detail}", "kolom '{name}': {detail}"),
    "empty-document": ("document {index} is empty", "dokumen ke-{index} kosong"),
    "not-mapping": (
        "expected a mapping of keys to values, got {got}",
        "diharapkan pemetaan kunci ke nilai, didapat {got}",
    ),
    # --- validation ----------------------------------------------------------------
    "unknown-key": ("unknown key '{key}'{hint}", "kunci '{key}' tidak dikenal{hint}"),
    "did-you-mean": ("; did you mean '{suggestion}'?", "; maksud Anda '{suggestion}'?"),
    "missing-value": ("missing required value '{key}'", "nilai wajib '{key}' tidak ada"),
    "wrong-type": ("expected {expected}, got {got}", "diharapkan {expected}, didapat {got}"),
    "yaml11-bool": (
        "expected {expected}, got {got}: YAML reads unquoted yes/no/on/off "
        "as booleans, so quote it: '{raw}'",
        "diharapkan {expected}, didapat {got}: YAML membaca yes/no/on/off tanpa "
        "tanda kutip sebagai boolean, jadi beri tanda kutip: '{raw}'",
    ),
    "not-finite": (
        "expected a finite number, got {got}",
        "diharapkan bilangan berhingga, didapat {got}",
    ),
    "out-of-range": (
        "{value} is outside the valid range {low}..{high}",
        "{value} di luar rentang sah {low}..{high}",
    ),
    "unknown-level": (
        "unknown level '{value}'; allowed: {allowed}",
        "tingkat '{value}' tidak dikenal; yang diizinkan: {allowed}",
    ),
    "invalid": ("{detail}", "{detail}"),
    "region-code": (
        "region code must be a string 'PP.RR' (two digits, dot, two digits), got {got}",
        "kode wilayah harus berupa teks 'PP.RR' (dua digit, titik, dua digit), didapat {got}",
    ),
    "region-code-unquoted": (
        'region code was read as the number {got}; quote it: code: "{raw}"',
        'kode wilayah terbaca sebagai angka {got}; beri tanda kutip: code: "{raw}"',
    ),
    "region-kind": (
        "kind '{kind}' does not agree with code {code}: {expected} ({rule})",
        "jenis '{kind}' tidak sesuai dengan kode {code}: seharusnya {expected} ({rule})",
    ),
    "region-kind-rule": (
        "kabupaten use 01-69, kota use 71-99",
        "kabupaten memakai 01-69, kota memakai 71-99",
    ),
    "province-required": (
        "province is required: code {code} is not in the region registry",
        "provinsi wajib diisi: kode {code} tidak ada di daftar wilayah",
    ),
    "criteria-mismatch": (
        "submission is for criteria '{given}', but the criteria in use are '{expected}'",
        "pengajuan ditujukan untuk kriteria '{given}', sedangkan kriteria yang dipakai "
        "'{expected}'",
    ),
    "unknown-address": (
        "evidence for unknown indicator '{address}'{hint}",
        "bukti untuk indikator tak dikenal '{address}'{hint}",
    ),
    "duplicate-region": (
        "region {code} is also submitted at {other}",
        "wilayah {code} juga diajukan di {other}",
    ),
    "registry-unknown": (
        "region code {code} is not in the registry of 514 kabupaten/kota",
        "kode wilayah {code} tidak ada di daftar 514 kabupaten/kota",
    ),
    "registry-name": (
        "name '{given}' does not match code {code}: expected '{expected}'",
        "nama '{given}' tidak sesuai dengan kode {code}: seharusnya '{expected}'",
    ),
    "registry-province": (
        "province '{given}' does not match code {code}: expected '{expected}'",
        "provinsi '{given}' tidak sesuai dengan kode {code}: seharusnya '{expected}'",
    ),
    # --- type names used in messages ---------------------------------------------------
    "type-text": ("text", "teks"),
    "type-number": ("a number", "angka"),
    "type-integer": ("a whole number", "bilangan bulat"),
    "type-boolean": ("true or false", "true atau false"),
    "type-level": ("one of the level ids", "salah satu id tingkat"),
    "type-mapping": ("a mapping", "pemetaan"),
    "type-list": ("a list", "daftar"),
    "type-null": ("nothing (null)", "kosong (null)"),
    "one-of": ("one of {allowed}", "salah satu dari {allowed}"),
    "got-null": ("nothing (null)", "kosong (null)"),
    "got-bool": ("the boolean {value}", "boolean {value}"),
    "got-number": ("the number {value}", "angka {value}"),
    "got-text": ("the text '{value}'", "teks '{value}'"),
    "got-list": ("a list", "daftar"),
    "got-mapping": ("a mapping", "pemetaan"),
    "invalid-choice": (
        "'{value}' is not allowed; choose from {allowed}",
        "'{value}' tidak diizinkan; pilih dari {allowed}",
    ),
    "bound": ("{value} must be {op} {limit}", "{value} harus {op} {limit}"),
    "too-short": (
        "needs at least {minimum} item(s)",
        "membutuhkan sedikitnya {minimum} butir",
    ),
    "invalid-id": (
        "'{value}' is not a valid id: use lower snake_case (a-z, 0-9, _)",
        "'{value}' bukan id yang sah: gunakan huruf kecil snake_case (a-z, 0-9, _)",
    ),
    "invalid-slug": (
        "'{value}' is not a valid criteria id: use lower-case words joined by '-'",
        "'{value}' bukan id kriteria yang sah: gunakan kata huruf kecil yang digabung '-'",
    ),
    "quote-version": (
        'expected text, got the number {value}; quote it: "{raw}"',
        'diharapkan teks, didapat angka {value}; beri tanda kutip: "{raw}"',
    ),
    "duplicate-id": (
        "duplicate id '{id}' (also at {other})",
        "id '{id}' ganda (juga di {other})",
    ),
    "weight-positive": (
        "weight must be above 0, got {value}",
        "bobot harus di atas 0, didapat {value}",
    ),
    "levels-too-few": (
        "a level indicator needs at least two levels",
        "indikator bertingkat membutuhkan sedikitnya dua tingkat",
    ),
    "levels-order": (
        "level scores must not decrease from worst to best ('{level}')",
        "skor tingkat tidak boleh menurun dari terburuk ke terbaik ('{level}')",
    ),
    "goalposts-equal": (
        "goalposts worst and best must differ (both {value})",
        "batas worst dan best harus berbeda (keduanya {value})",
    ),
    "goalposts-log": (
        "transform: log needs goalposts above 0",
        "transform: log membutuhkan batas di atas 0",
    ),
    "valid-order": ("valid.min is above valid.max", "valid.min lebih besar dari valid.max"),
    "bands-order": (
        "bands must be listed from the highest min to the lowest, strictly descending "
        "({value} after {previous})",
        "kategori harus diurutkan dari min tertinggi ke terendah, menurun tegas "
        "({value} setelah {previous})",
    ),
    "cohort-size": (
        "cohort size must be at least 1, got {value}",
        "ukuran angkatan minimal 1, didapat {value}",
    ),
    "cohort-year": ("cohort year {year} appears twice", "tahun angkatan {year} muncul dua kali"),
    "gate-level": (
        "gate '{gate}' is not one of the levels: {allowed}",
        "syarat minimum '{gate}' bukan salah satu tingkat: {allowed}",
    ),
    "gate-boolean": ("a boolean gate can only be true", "syarat minimum boolean hanya bisa true"),
    "gate-number": ("a number gate must be a number", "syarat minimum angka harus berupa angka"),
    "field-for-type": (
        "'{field}' does not apply to a {type} indicator",
        "'{field}' tidak berlaku untuk indikator {type}",
    ),
    "field-required-for-type": (
        "a {type} indicator needs '{field}'",
        "indikator {type} membutuhkan '{field}'",
    ),
    "above-scale": (
        "{value} is above the scale of {scale}",
        "{value} melebihi skala {scale}",
    ),
    "criteria-one-document": (
        "criteria file {path} must hold exactly one YAML document, found {count}",
        "berkas kriteria {path} harus berisi tepat satu dokumen YAML, ditemukan {count}",
    ),
    "invalid-criteria": ("{detail}", "{detail}"),
    # --- usage ---------------------------------------------------------------------
    "usage-path": ("{path}: {reason}", "{path}: {reason}"),
    "usage-no-inputs": (
        "no submission files found in {paths}",
        "tidak ada berkas pengajuan di {paths}",
    ),
    "usage-criteria-missing": (
        "criteria file {path}: {reason}",
        "berkas kriteria {path}: {reason}",
    ),
    "usage-output": ("cannot write {path}: {reason}", "tidak dapat menulis {path}: {reason}"),
    "usage-bad-format": (
        "format '{format}' is not available for this command; choose from {choices}",
        "format '{format}' tidak tersedia untuk perintah ini; pilih dari {choices}",
    ),
    "usage-bad-lang": (
        "unknown language '{lang}'; choose en or id",
        "bahasa '{lang}' tidak dikenal; pilih en atau id",
    ),
    "usage-cohorts": (
        "invalid --cohorts item '{value}': {reason}",
        "butir --cohorts '{value}' tidak sah: {reason}",
    ),
    "cohorts-form": (
        "write YEAR:SIZE items separated by commas, e.g. 2018:50,2019:25",
        "tulis butir TAHUN:UKURAN dipisah koma, misalnya 2018:50,2019:25",
    ),
    "cohorts-size": ("the size must be at least 1", "ukuran minimal 1"),
    "cohorts-repeat": ("year {year} is given twice", "tahun {year} disebut dua kali"),
    "usage-exclude": ("--exclude {path}: {reason}", "--exclude {path}: {reason}"),
    "exclude-line": ("line {line}: ", "baris {line}: "),
    "exclude-bad-code": (
        "{where}'{value}' is not a region code PP.RR",
        "{where}'{value}' bukan kode wilayah PP.RR",
    ),
    "exclude-no-code-column": (
        "a CSV exclusion file needs a 'code' column",
        "berkas pengecualian CSV membutuhkan kolom 'code'",
    ),
    "exclude-json-syntax": ("not valid JSON: {detail}", "bukan JSON yang sah: {detail}"),
    "exclude-not-rank-json": (
        'not a JSON output of \'assess rank\' (expected "command": "rank" and its cohorts)',
        'bukan keluaran JSON dari \'assess rank\' (diharapkan "command": "rank" dan angkatannya)',
    ),
    "internal-error": (
        "internal error: {detail} (this is a bug; rerun with --debug for the traceback)",
        "kesalahan internal: {detail} (ini bug; jalankan ulang dengan --debug untuk jejaknya)",
    ),
    "criteria-invalid": (
        "the criteria file {path} is invalid ({count} problem(s))",
        "berkas kriteria {path} tidak sah ({count} masalah)",
    ),
    # --- reports -----------------------------------------------------------------------
    "fail-under": (
        "{name} ({code}) scores {score}, below --fail-under {threshold}",
        "{name} ({code}) bernilai {score}, di bawah --fail-under {threshold}",
    ),
    "summary-valid": (
        "{files} file(s), {regions} region(s): no problems",
        "{files} berkas, {regions} wilayah: tidak ada masalah",
    ),
    "summary-problems": (
        "{files} file(s): {errors} error(s), {warnings} warning(s)",
        "{files} berkas: {errors} kesalahan, {warnings} peringatan",
    ),
    "score": ("Score", "Skor"),
    "total": ("Total", "Total"),
    "band": ("Band", "Kategori"),
    "eligible": ("Eligible", "Memenuhi syarat"),
    "not-eligible": ("Not eligible", "Tidak memenuhi syarat"),
    "yes": ("yes", "ya"),
    "no": ("no", "tidak"),
    "factor": ("Factor", "Faktor"),
    "weight": ("Weight", "Bobot"),
    "contribution": ("Contribution", "Kontribusi"),
    "coverage": ("Coverage", "Cakupan"),
    "indicator": ("Indicator", "Indikator"),
    "indicators": ("indicators", "indikator"),
    "value": ("Value", "Nilai"),
    "points-lost": ("Points lost", "Poin hilang"),
    "reasons": ("Reasons", "Alasan"),
    "weakest": ("Weakest indicators", "Indikator terlemah"),
    "absent": ("(absent)", "(tidak diisi)"),
    "region": ("Region", "Wilayah"),
    "province": ("Province", "Provinsi"),
    "code": ("Code", "Kode"),
    "criteria": ("Criteria", "Kriteria"),
    "type": ("Type", "Jenis"),
    "gate": ("Gate", "Syarat minimum"),
    "required": ("required", "wajib"),
    "effective-weight": ("Effective weight", "Bobot efektif"),
    "min-score": ("Min. score", "Skor min."),
    "bands": ("Bands", "Kategori"),
    "cohorts": ("Cohorts", "Angkatan"),
    "scorecard-title": (
        "Smart-city readiness: {name} ({code})",
        "Kesiapan smart city: {name} ({code})",
    ),
    "reconstruction-note": (
        "Criteria '{id}' {version}: {source}",
        "Kriteria '{id}' {version}: {source}",
    ),
    "geometric-note": (
        "Aggregation is geometric: contributions are W/sum(W) x score and do not add up to "
        "the total.",
        "Agregasi geometrik: kontribusi = W/jumlah(W) x skor dan tidak berjumlah sama dengan "
        "total.",
    ),
    "reweight-note": (
        "Factors without any value are left out and their weight shared (missing: reweight).",
        "Faktor tanpa nilai sama sekali tidak dihitung dan bobotnya dibagi (missing: reweight).",
    ),
    # --- rank --------------------------------------------------------------------------------
    "reading-inputs": ("Reading submissions", "Membaca pengajuan"),
    "rank-title": ("Ranking: {title}", "Peringkat: {title}"),
    "rank": ("Rank", "Peringkat"),
    "cohort": ("Cohort", "Angkatan"),
    "gap": ("Gap", "Selisih"),
    "note": ("Note", "Catatan"),
    "summary": ("Summary", "Ringkasan"),
    "warning": ("Warning", "Peringatan"),
    "factors": ("Factors", "Faktor"),
    "regions": ("Regions", "Wilayah"),
    "ranks": ("Ranks", "Peringkat"),
    "cohort-heading": (
        "Cohort {year}: {count} of {size} selected, cut-off score {cutoff}",
        "Angkatan {year}: {count} dari {size} terpilih, skor batas {cutoff}",
    ),
    "cohort-heading-empty": (
        "Cohort {year}: none of {size} selected",
        "Angkatan {year}: tidak ada dari {size} yang terpilih",
    ),
    "not-selected-heading": (
        "Eligible but not selected: {count}",
        "Memenuhi syarat tetapi tidak terpilih: {count}",
    ),
    "ineligible-heading": ("Not eligible: {count}", "Tidak memenuhi syarat: {count}"),
    "excluded-heading": (
        "Excluded (selected in earlier rounds): {count}",
        "Dikecualikan (terpilih di putaran sebelumnya): {count}",
    ),
    "ties-heading": ("Ties broken: {count}", "Nilai sama yang diputus: {count}"),
    "tie-line": (
        "ranks {ranks} all score {score}: {regions}; decided by {decided}",
        "peringkat {ranks} sama-sama bernilai {score}: {regions}; diputus oleh {decided}",
    ),
    "decided-by": ("Decided by", "Diputus oleh"),
    "decided-by-code": ("region code", "kode wilayah"),
    "at-cutoff": ("At a cut-off", "Di batas angkatan"),
    "cutoff-tie-warning": (
        "TIE BROKEN AT A COHORT CUT-OFF: {regions} all score {score} (ranks {ranks}). "
        "The tie-break ({decided}) decides where the cut-off falls.",
        "NILAI SAMA DIPUTUS DI BATAS ANGKATAN: {regions} sama-sama bernilai {score} "
        "(peringkat {ranks}). Pemutusnya ({decided}) menentukan letak batas angkatan.",
    ),
    "skipped-warning": (
        "SKIPPED {count} invalid file(s) (--skip-invalid); their regions are not ranked:",
        "{count} berkas tidak sah DILEWATI (--skip-invalid); wilayahnya tidak diperingkat:",
    ),
    "skipped-file": ("{path} ({count} error(s))", "{path} ({count} kesalahan)"),
    "rank-summary": (
        "{pool} region(s) ranked: {selected} selected into {cohorts} cohort(s), "
        "{not_selected} eligible but not selected, {ineligible} not eligible; "
        "{excluded} excluded.",
        "{pool} wilayah diperingkat: {selected} terpilih ke dalam {cohorts} angkatan, "
        "{not_selected} memenuhi syarat tetapi tidak terpilih, {ineligible} tidak memenuhi "
        "syarat; {excluded} dikecualikan.",
    ),
    "cohort-short": (
        "cohort {year} has {count} of {size}: not enough eligible regions",
        "angkatan {year} hanya berisi {count} dari {size}: wilayah yang memenuhi syarat "
        "tidak cukup",
    ),
    "cohort-short-cap": (
        "cohort {year} has {count} of {size}: the eligible regions left are all in "
        "provinces at the cap of {cap}",
        "angkatan {year} hanya berisi {count} dari {size}: wilayah memenuhi syarat yang "
        "tersisa semuanya dari provinsi yang sudah mencapai batas {cap}",
    ),
    "province-cap": (
        "At most {cap} region(s) per province in a cohort; a region passed over moves on "
        "to the next cohort.",
        "Paling banyak {cap} wilayah per provinsi dalam satu angkatan; wilayah yang "
        "terlewati pindah ke angkatan berikutnya.",
    ),
    "deferred-from": ("deferred from {year}", "ditunda dari {year}"),
    "tie-mark": ("tie", "nilai sama"),
    "cutoff-tie-mark": ("TIE AT CUT-OFF", "NILAI SAMA DI BATAS"),
    "factor-bars": (
        "Factor bars (0 to {scale}), in this order: {factors}",
        "Batang faktor (0 sampai {scale}), urutannya: {factors}",
    ),
    # --- eligibility reasons --------------------------------------------------------------
    "reason-factor-min": (
        "{factor} scores {score}, below its minimum of {minimum}",
        "{factor} bernilai {score}, di bawah minimum {minimum}",
    ),
    "reason-gate": (
        "{indicator} is {value}, but the gate requires at least {gate}",
        "{indicator} bernilai {value}, padahal syarat minimumnya {gate}",
    ),
    "reason-gate-absent": (
        "{indicator} is absent, but the gate requires at least {gate}",
        "{indicator} tidak diisi, padahal syarat minimumnya {gate}",
    ),
    "reason-coverage": (
        "coverage {coverage} is below the minimum of {minimum}",
        "cakupan {coverage} di bawah minimum {minimum}",
    ),
    # --- issue 4: schema and template (add entries below this line) ---
    # --- issue 4: hostile input and warnings (add entries below this line) ---
    # --- issue 5: sensitivity and explain (add entries below this line) ---
}


@dataclass(frozen=True)
class Msg:
    """A message to render later, in whatever language the report is in."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Msg:
        return cls(key, tuple(sorted(params.items())))


def resolve_lang(value: str | None) -> Lang:
    """The language from an option value or ``ASSESS_LANG``; English by default."""
    raw = (value or os.environ.get("ASSESS_LANG") or "en").strip().lower()
    if raw in LANGS:
        return "id" if raw == "id" else "en"
    raise UsageError("usage-bad-lang", lang=raw)


def t(lang: Lang, key: str, /, **params: Any) -> str:
    """Render ``key`` in ``lang``; unknown keys render as the key itself (never raise)."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key if not params else f"{key}: {params}"
    template = entry[1] if lang == "id" else entry[0]
    rendered = {
        name: t(lang, value.key, **dict(value.params)) if isinstance(value, Msg) else value
        for name, value in params.items()
    }
    try:
        return template.format(**rendered)
    except (KeyError, IndexError, ValueError):
        return template
