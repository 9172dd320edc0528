"""One message catalogue, English and Indonesian, for every user-facing string.

Criteria labels are not here: they come, translated, from the criteria file itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

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
    "flow-comma": (
        '; inside {{ }} a comma separates values: quote a decimal comma ("78,5") or write '
        "a point (78.5)",
        "; di dalam {{ }} koma memisahkan nilai: beri tanda kutip pada koma desimal "
        '("78,5") atau tulis titik (78.5)',
    ),
    "missing-value": ("missing required value '{key}'", "nilai wajib '{key}' tidak ada"),
    "wrong-type": ("expected {expected}, got {got}", "diharapkan {expected}, didapat {got}"),
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
        "region code must be a string 'PP.RR' (two digits, dot, two digits; a sub-unit "
        "adds .SS or .SS.DDDD), got {got}",
        "kode wilayah harus berupa teks 'PP.RR' (dua digit, titik, dua digit; sub-unit "
        "menambahkan .SS atau .SS.DDDD), didapat {got}",
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
        "region {code} is also submitted at {other}; to replace an earlier submission "
        "with a revised one, give each a different 'submitted' date (YYYY-MM-DD): the latest "
        "is used",
        "wilayah {code} juga diajukan di {other}; agar pengajuan revisi menggantikan yang "
        "lebih dulu, beri masing-masing tanggal 'submitted' (YYYY-MM-DD) yang berbeda: yang "
        "terbaru dipakai",
    ),
    "revised-submission": (
        "region {code} submitted {submitted} is replaced by the revision submitted {newer} "
        "at {other}",
        "pengajuan wilayah {code} tanggal {submitted} digantikan oleh revisi tanggal {newer} "
        "di {other}",
    ),
    "invalid-date": (
        "'submitted' must be a date written YYYY-MM-DD (such as 2025-03-31), got {got}",
        "'submitted' harus tanggal bertulis YYYY-MM-DD (misalnya 2025-03-31), didapat {got}",
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
    # --- issue 16: regions of the round's year (registry by year; add entries below) ---
    "registry-year-before": (
        "region code {code} was not yet in use in {year}: {name} was {old_code} ({old_province})"
        " until {effective}, when {basis} made it {new_code} ({new_province})",
        "kode wilayah {code} belum dipakai pada {year}: {name} masih {old_code} ({old_province})"
        " sampai {effective}, ketika {basis} menjadikannya {new_code} ({new_province})",
    ),
    "registry-year-after": (
        "region code {code} is no longer in use in {year}: {name} has been {new_code}"
        " ({new_province}) since {effective} ({basis}); {old_code} ({old_province}) is its code"
        " before then",
        "kode wilayah {code} tidak dipakai lagi pada {year}: {name} menjadi {new_code}"
        " ({new_province}) sejak {effective} ({basis}); {old_code} ({old_province}) adalah"
        " kodenya sebelum itu",
    ),
    "registry-year-today": ("today's registry", "daftar wilayah saat ini"),
    # --- type names used in messages ---------------------------------------------------
    "indicator-type-level": ("level", "tingkat"),
    "indicator-type-boolean": ("boolean", "ya/tidak"),
    "indicator-type-number": ("number", "angka"),
    "factor-minimum": ("min {score}", "minimal {score}"),
    "type-text": ("text", "teks"),
    "type-number": ("a number", "angka"),
    "type-integer": ("a whole number", "bilangan bulat"),
    "type-boolean": ("true or false", "true atau false"),
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
    "uncertainty-positive": (
        "uncertainty must be above 0, got {value}",
        "ketidakpastian harus di atas 0, didapat {value}",
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
    "places-sum": (
        "places for kota and kabupaten add up to {total}, but the cohort's size is {size}; "
        "they must add up to the size",
        "kuota kota dan kabupaten berjumlah {total}, padahal ukuran angkatan {size}; "
        "jumlahnya harus sama dengan ukuran",
    ),
    "reserved-too-many": (
        "{places} reserved places cannot fit: daerah tertinggal are kabupaten, and the "
        "cohort has {room} place(s) for kabupaten",
        "{places} kuota khusus tidak muat: daerah tertinggal adalah kabupaten, dan angkatan "
        "hanya punya {room} tempat untuk kabupaten",
    ),
    "wilayah-too-many": (
        "the minimums per wilayah add up to {total}, above the cohort's size of {size}",
        "jumlah minimum per wilayah {total}, melebihi ukuran angkatan {size}",
    ),
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
    "usage-criteria-unknown": (
        "criteria {path}: no such file, nor bundled criteria of that id (bundled: {ids})",
        "kriteria {path}: berkas tidak ditemukan, dan bukan id kriteria bawaan (bawaan: {ids})",
    ),
    "usage-criteria-list": (
        "criteria --list takes no FILE, and its --format is table or json",
        "criteria --list tidak menerima FILE, dan --format-nya table atau json",
    ),
    "list-id": ("id", "id"),
    "list-version": ("version", "versi"),
    "list-title": ("title", "judul"),
    "list-file": ("file", "berkas"),
    "file-skipped": (
        "{path}: skipped: not a YAML, CSV or .xlsx submission ({suffix})",
        "{path}: dilewati: bukan pengajuan YAML, CSV atau .xlsx ({suffix})",
    ),
    "file-skipped-sheet": (
        "{path}: skipped: not a YAML, CSV or .xlsx submission ({suffix}); save it as .xlsx "
        "or export the sheet as CSV",
        "{path}: dilewati: bukan pengajuan YAML, CSV atau .xlsx ({suffix}); simpan sebagai "
        ".xlsx atau ekspor lembar kerjanya sebagai CSV",
    ),
    "no-suffix": ("no suffix", "tanpa akhiran"),
    "completion-malformed": (
        "malformed shell-completion request: COMP_WORDS and COMP_CWORD (a number) must be "
        "set, as the completion script does; install it with: assess --install-completion",
        "permintaan pelengkapan shell tidak sah: COMP_WORDS dan COMP_CWORD (angka) harus "
        "diisi, seperti oleh skrip pelengkapan; pasang dengan: assess --install-completion",
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
    "internal-error": (
        "internal error: {detail} (this is a bug; rerun with --debug for the traceback)",
        "kesalahan internal: {detail} (ini bug; jalankan ulang dengan --debug untuk jejaknya)",
    ),
    "criteria-invalid": (
        "the criteria file {path} is invalid ({count} problem(s))",
        "berkas kriteria {path} tidak sah ({count} masalah)",
    ),
    # --- reports -----------------------------------------------------------------------
    "usage-fail-under": (
        "--fail-under must be a finite number, got {value}",
        "--fail-under harus berupa bilangan berhingga, didapat {value}",
    ),
    "fail-under": (
        "{name} ({code}) scores {score}, below --fail-under {threshold}",
        "{name} ({code}) bernilai {score}, di bawah --fail-under {threshold}",
    ),
    "summary-valid": (
        "{files} file(s), {regions} region(s): no problems",
        "{files} berkas, {regions} wilayah: tidak ada masalah",
    ),
    "summary-skipped": (
        "{count} other file(s) skipped, not checked (not YAML, CSV or .xlsx)",
        "{count} berkas lain dilewati, tidak diperiksa (bukan YAML, CSV atau .xlsx)",
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
    # --- assess criteria: the method (issue 14) -----------------------------------
    "goalposts": ("Goalposts (worst → best)", "Batas (terburuk → terbaik)"),
    "transform": ("Transform", "Transformasi"),
    "valid-range": ("Valid range", "Rentang sah"),
    "levels": ("Levels (score)", "Tingkat (skor)"),
    "transform-linear": ("linear", "linear"),
    "transform-log": ("log", "log"),
    "method-heading": ("Method", "Metode"),
    "method-aggregation": ("Aggregation", "Agregasi"),
    "method-scale": ("Scale", "Skala"),
    "method-precision": ("Precision", "Presisi"),
    "method-missing": ("Missing values", "Nilai kosong"),
    "method-min-coverage": ("Minimum coverage", "Cakupan minimum"),
    "method-max-per-province": ("Max. per province", "Maks. per provinsi"),
    "aggregation-arithmetic": (
        "arithmetic (weighted mean of the factor scores)",
        "aritmetik (rata-rata tertimbang skor faktor)",
    ),
    "aggregation-name-arithmetic": ("arithmetic", "aritmetik"),
    "aggregation-name-geometric": ("geometric", "geometrik"),
    "aggregation-geometric": (
        "geometric (weighted geometric mean of the factor scores)",
        "geometrik (rata-rata geometrik tertimbang skor faktor)",
    ),
    "precision-places": ("{count} decimal places", "{count} angka desimal"),
    "missing-zero": ("scored 0", "diberi skor 0"),
    "missing-reweight": (
        "left out, the other weights renormalised",
        "diabaikan, bobot lainnya dinormalkan ulang",
    ),
    "no-limit": ("no limit", "tanpa batas"),
    "none": ("none", "tidak ada"),
    "scorecard-title": ("{name} ({code})", "{name} ({code})"),
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
    # --- record (the panel's signable decision record, berita acara) ---------------------------
    "record-title": ("Decision record: {title}", "Berita acara: {title}"),
    "record-criteria": ("Criteria", "Kriteria"),
    "record-criteria-line": (
        "{id}, version {version}, SHA-256 {sha256}",
        "{id}, versi {version}, SHA-256 {sha256}",
    ),
    "record-reconstruction": (
        "The bundled criteria are a documented reconstruction of the programme's published "
        "factors, not the official assessment instrument; this record shows what these criteria "
        "give.",
        "Kriteria bawaan adalah rekonstruksi terdokumentasi dari faktor-faktor program yang "
        "dipublikasikan, bukan instrumen penilaian resmi; berita acara ini menunjukkan hasil "
        "menurut kriteria tersebut.",
    ),
    "record-date": ("Date", "Tanggal"),
    "record-inputs": ("Submissions ranked", "Pengajuan yang diperingkat"),
    "record-regions": ("Regions", "Daerah"),
    "record-panel": ("Panel", "Panel penilai"),
    "record-name": ("Name", "Nama"),
    "record-role": ("Role", "Jabatan"),
    "record-cohort": (
        "Cohort {year}: {count} of {size} places, cut-off score {cutoff}",
        "Angkatan {year}: {count} dari {size} tempat, skor batas {cutoff}",
    ),
    "record-rank": ("Rank", "Peringkat"),
    "record-code": ("Code", "Kode"),
    "record-region": ("Region", "Daerah"),
    "record-province": ("Province", "Provinsi"),
    "record-score": ("Score", "Skor"),
    "record-overrides": (
        "Panel overrides (zone: {zone} points around the cut-off before the overrides, {cutoffs})",
        "Keputusan panel (zona: {zone} poin di sekitar batas sebelum keputusan panel, {cutoffs})",
    ),
    "record-overrides-none": ("Panel overrides", "Keputusan panel"),
    "record-no-overrides": ("The panel made no overrides.", "Panel tidak membuat keputusan."),
    "record-decision": ("Decision", "Keputusan"),
    "record-reason": ("Reason", "Alasan"),
    "record-assessors": ("Assessors", "Penilai"),
    "record-before-after": ("Cohort before -> after", "Angkatan sebelum -> sesudah"),
    "record-ties": ("Ties broken", "Skor sama yang diputus"),
    "record-no-ties": ("No tie was broken.", "Tidak ada skor sama yang diputus."),
    "record-near": (
        "Regions nearest the {year} cut-off ({cutoff})",
        "Daerah terdekat dengan batas angkatan {year} ({cutoff})",
    ),
    # zonecut: the record's near-cut-off list, measured from the cut-off by merit
    "record-near-before": (
        "Regions nearest the {year} cut-off before the panel's overrides ({cutoff})",
        "Daerah terdekat dengan batas angkatan {year} sebelum keputusan panel ({cutoff})",
    ),
    "record-distance": ("Score - cut-off", "Skor - batas"),
    "record-cohort-after": ("Cohort", "Angkatan"),
    "record-signatures": ("Signatures", "Tanda tangan"),
    "record-signature": ("Signature", "Tanda tangan"),
    # --- issue 15: the record of a panel round: agreement and verification (add below) ---
    "record-agreement": ("Panel agreement", "Kesepakatan panel"),
    "record-agreement-line": (
        "{assessors} assessor(s) scored {items} interview item(s) of {regions} region(s); "
        "each item's value is the {aggregate} of theirs. Krippendorff's alpha over all "
        "items: {interval} (interval), {ordinal} (ordinal).",
        "{assessors} penilai menilai {items} butir wawancara dari {regions} daerah; nilai "
        "setiap butir adalah {aggregate} nilai mereka. Alpha Krippendorff atas semua butir: "
        "{interval} (interval), {ordinal} (ordinal).",
    ),
    "record-flagged": (
        "Items on which the assessors disagree (a range above {threshold} points of the "
        "item's 0-100 score): {count}.",
        "Butir yang tidak disepakati para penilai (rentang di atas {threshold} poin skor "
        "0-100 butir): {count}.",
    ),
    "record-too-few": (
        "Items with too few assessors (no value, scored as missing): {count}.",
        "Butir dengan penilai terlalu sedikit (tanpa nilai, dinilai sebagai kosong): {count}.",
    ),
    "record-item": ("Item", "Butir"),
    "record-values": ("Assessors' values", "Nilai para penilai"),
    "record-score-range": ("Range (0-100)", "Rentang (0-100)"),
    "record-verification": ("Verification", "Verifikasi"),
    "record-verification-line": (
        "Claims were checked for {checked} region(s); the value that scores is {basis}. "
        "For {moved} of them verification changed a value that scores:",
        "Klaim diperiksa untuk {checked} daerah; nilai yang dihitung adalah {basis}. "
        "Untuk {moved} di antaranya verifikasi mengubah nilai yang dihitung:",
    ),
    "record-basis-verified-else-claimed": (
        "the verified value where there is one, else the claim",
        "nilai terverifikasi bila ada, selain itu klaim",
    ),
    "record-basis-claimed": ("the claim", "klaim"),
    "record-basis-verified-only": ("the verified value only", "hanya nilai terverifikasi"),
    "record-score-claimed": ("Score as claimed", "Skor menurut klaim"),
    "record-change": ("Change", "Perubahan"),
    "record-values-moved": ("Values changed", "Nilai berubah"),
    "usage-panel-member": (
        "--panel '{value}': give a name, then a comma and the role: --panel \"Dewi Lestari, "
        'chair"',
        "--panel '{value}': tulis nama, lalu koma dan jabatan: --panel \"Dewi Lestari, ketua\"",
    ),
    "usage-record-date": (
        "--date '{value}' is not a date; write YYYY-MM-DD, e.g. 2018-03-12",
        "--date '{value}' bukan tanggal; tulis YYYY-MM-DD, misalnya 2018-03-12",
    ),
    # --- rank --------------------------------------------------------------------------------
    "reading-inputs": ("Reading submissions", "Membaca pengajuan"),
    "simulating-runs": ("Simulating runs", "Menyimulasikan putaran"),
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
    # --- a programme across rounds (assess round, assess history) ---
    "excluded-heading-withdrawn": (
        "Excluded (selected or withdrawn in earlier rounds): {count}",
        "Dikecualikan (terpilih atau mundur di putaran sebelumnya): {count}",
    ),
    "excluded-label": ("{name} ({code}, {note})", "{name} ({code}, {note})"),
    "excluded-note-selected": ("selected in {year}", "terpilih pada {year}"),
    "excluded-note-withdrawn": (
        "withdrawn in {year}: {reason}",
        "mundur pada {year}: {reason}",
    ),
    "excluded-note-earlier": (
        "selected in an earlier round",
        "terpilih di putaran sebelumnya",
    ),
    "programme-not-mapping": (
        "a programme file is one YAML mapping with 'title' and 'rounds'",
        "berkas program adalah satu pemetaan YAML dengan 'title' dan 'rounds'",
    ),
    "programme-year-order": (
        "round {year} comes after round {previous}: list the rounds in increasing year order",
        "putaran {year} berada setelah putaran {previous}: urutkan putaran menurut tahun naik",
    ),
    "programme-cohort-year": (
        "cohort {cohort} is before its round ({year})",
        "kohort {cohort} lebih awal dari putarannya ({year})",
    ),
    "programme-criteria-unknown": (
        "criteria '{value}' is neither a bundled id ({ids}) nor a file next to the programme",
        "kriteria '{value}' bukan id bawaan ({ids}) dan bukan berkas di samping berkas program",
    ),
    "programme-sha256-mismatch": (
        "criteria {path} has sha256 {actual}, but the programme file pins {expected}",
        "kriteria {path} ber-sha256 {actual}, padahal berkas program menetapkan {expected}",
    ),
    "programme-unknown-code": (
        "{code} is not a region code in the registry of kabupaten/kota",
        "{code} bukan kode wilayah dalam daftar kabupaten/kota",
    ),
    "programme-selected-twice": (
        "{code} was already selected in round {year}; a region is selected once",
        "{code} sudah terpilih pada putaran {year}; satu wilayah terpilih sekali",
    ),
    "programme-withdrawn-unselected": (
        "{code} withdrew in round {year} but was not selected in it or an earlier round",
        "{code} mundur pada putaran {year} tetapi tidak terpilih pada putaran itu atau sebelumnya",
    ),
    "programme-code-repeated": (
        "{code} is already listed as {part} in this outcome",
        "{code} sudah tercantum sebagai {part} dalam hasil ini",
    ),
    "usage-programme-file": (
        "cannot read the programme file {path}: {reason}",
        "berkas program {path} tidak dapat dibaca: {reason}",
    ),
    "usage-programme-year": (
        "{path} has no round {year} (its rounds: {years})",
        "{path} tidak memiliki putaran {year} (putarannya: {years})",
    ),
    "usage-programme-readmit": (
        "--readmit {code}: {code} is not excluded from round {year}",
        "--readmit {code}: {code} tidak dikecualikan dari putaran {year}",
    ),
    "usage-record-year": (
        "{path} ranks cohorts {found}, not the cohorts of round {year} ({wanted})",
        "{path} memeringkat kohort {found}, bukan kohort putaran {year} ({wanted})",
    ),
    "history-title": (
        "History of {name} ({code}) in {title}",
        "Riwayat {name} ({code}) dalam {title}",
    ),
    "history-head": (
        "round|applied|score|change|rank|rank change|outcome|factor that moved most",
        "putaran|mendaftar|nilai|perubahan|peringkat|perubahan peringkat|hasil"
        "|faktor yang paling berubah",
    ),
    "history-absent": ("did not apply", "tidak mendaftar"),
    "history-excluded": ("excluded", "dikecualikan"),
    "history-rounds-heading": ("Rounds", "Putaran"),
    "history-round-source": (
        "{year}: criteria {id} {version} (sha256 {sha}…), {pool} regions ranked from "
        "{files} file(s)",
        "{year}: kriteria {id} {version} (sha256 {sha}…), {pool} wilayah diperingkat dari "
        "{files} berkas",
    ),
    "history-legend": (
        "Changes are since the last round in which the region was scored (score, factor "
        "contribution) or ranked (rank; + is places gained), each number rounded as shown "
        "first.",
        "Perubahan dihitung sejak putaran terakhir wilayah ini dinilai (nilai, kontribusi "
        "faktor) atau diperingkat (peringkat; + berarti naik), setelah tiap angka dibulatkan "
        "seperti yang ditampilkan.",
    ),
    "history-yes": ("yes", "ya"),
    "history-no": ("no", "tidak"),
    "history-ineligible": ("not eligible", "tidak memenuhi syarat"),
    "history-excluded-selected": (
        "excluded: selected in {year}",
        "dikecualikan: terpilih pada {year}",
    ),
    "history-excluded-withdrawn": (
        "excluded: withdrawn in {year}",
        "dikecualikan: mundur pada {year}",
    ),
    "history-selected": ("selected ({cohort})", "terpilih ({cohort})"),
    "history-withdrawn": ("withdrawn {date}: {reason}", "mundur {date}: {reason}"),
    "history-deferred": ("deferred", "ditunda"),
    "history-not-selected": ("not selected", "tidak terpilih"),
    "history-pending": ("no outcome recorded", "hasil belum dicatat"),
    "history-none": ("-", "-"),
    "programme-invalid": (
        "the programme file {path} is invalid ({count} problem(s))",
        "berkas program {path} tidak sah ({count} masalah)",
    ),
    "usage-history-code": (
        "'{code}' is not a region code PP.RR (such as 32.73)",
        "'{code}' bukan kode wilayah PP.RR (misalnya 32.73)",
    ),
    "usage-record-file": ("--from {path}: {reason}", "--from {path}: {reason}"),
    "usage-record-criteria": (
        "{path} was ranked with criteria sha256 {found}; round {year} uses {wanted}",
        "{path} diperingkat dengan kriteria ber-sha256 {found}; putaran {year} memakai {wanted}",
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
        "SKIPPED {count} invalid submission(s) or file(s) (--skip-invalid); they are not ranked:",
        "{count} pengajuan atau berkas tidak sah DILEWATI (--skip-invalid); tidak diperingkat:",
    ),
    "replaced-heading": (
        "Revised submissions: {count} replaced by a later 'submitted' date of the same region:",
        "Pengajuan revisi: {count} digantikan oleh tanggal 'submitted' yang lebih baru untuk "
        "wilayah yang sama:",
    ),
    "replaced-line": (
        "{code} at {where} (submitted {submitted}) replaced by {by} (submitted {by_submitted})",
        "{code} di {where} (tanggal {submitted}) digantikan oleh {by} (tanggal {by_submitted})",
    ),
    "skipped-input": (
        "{where}: {codes} ({count} error(s))",
        "{where}: {codes} ({count} kesalahan)",
    ),
    "rank-summary-skipped": (
        "{skipped} submission(s) skipped as invalid (--skip-invalid).",
        "{skipped} pengajuan dilewati karena tidak sah (--skip-invalid).",
    ),
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
    "passed-over-for-cap": (
        "passed over in {year} for the province cap",
        "terlewati pada {year} karena batas provinsi",
    ),
    "left-out-by-cap": ("province full", "provinsi penuh"),
    "left-out-by-cap-legend": (
        "province full: left out by the province cap (at most {cap} per province in a "
        "cohort), not by its score, which reaches the last cut-off; so it has no gap.",
        "provinsi penuh: tidak terpilih karena batas provinsi (paling banyak {cap} per "
        "provinsi dalam satu angkatan), bukan karena nilainya, yang mencapai batas nilai "
        "terakhir; jadi tidak ada selisih.",
    ),
    "equity-rule-places": ("places for {group}", "kuota {group}"),
    "equity-rule-reserved": (
        "reserved places for daerah tertinggal",
        "kuota khusus daerah tertinggal",
    ),
    "equity-rule-min_per_wilayah": ("minimum for wilayah {group}", "minimum wilayah {group}"),
    "equity-entered": (
        "placed by rule: {rule}, in place of {other}",
        "terpilih karena aturan: {rule}, menggantikan {other}",
    ),
    "equity-displaced": (
        "gave way in {year} to {other} ({rule})",
        "digantikan pada {year} oleh {other} ({rule})",
    ),
    # --- capnote: who the province cap let in, and in place of whom ---
    "cap-entered": (
        "in by the province cap, in place of {other}",
        "masuk karena batas provinsi, menggantikan {other}",
    ),
    "cap-rule": (
        "the province cap (at most {cap} per province)",
        "batas provinsi (paling banyak {cap} per provinsi)",
    ),
    "record-rules": ("Rules that moved places", "Aturan yang memindahkan tempat"),
    "record-no-rules": (
        "No rule of the fill moved a place: every region is where its rank put it.",
        "Tidak ada aturan pengisian yang memindahkan tempat: setiap daerah berada di "
        "tempat yang ditentukan peringkatnya.",
    ),
    "deferred-in": ("deferred in {years}", "ditunda pada {years}"),
    # --- end capnote ---
    "equity-heading": (
        "Equity rules ({count} place(s) given by a rule)",
        "Aturan pemerataan ({count} tempat diberikan karena aturan)",
    ),
    # Panel overrides (rank --overrides).
    "overrides-shape": (
        "an overrides file is one YAML list of overrides (code, decision, reason, assessors)",
        "berkas keputusan panel berisi satu daftar YAML (code, decision, reason, assessors)",
    ),
    "override-not-mapping": (
        "override {index} is not a mapping with code, decision, reason and assessors",
        "keputusan ke-{index} bukan pemetaan berisi code, decision, reason, dan assessors",
    ),
    "override-unknown-key": (
        "unknown key '{key}' (an override has code, decision, reason, assessors)",
        "kunci '{key}' tidak dikenal (keputusan berisi code, decision, reason, assessors)",
    ),
    "override-missing": (
        "this override has no '{key}'",
        "keputusan ini tidak memiliki '{key}'",
    ),
    "override-bad-code": (
        "'{value}' is not a region code PP.RR",
        "'{value}' bukan kode wilayah PP.RR",
    ),
    "override-bad-decision": (
        "decision '{value}' is not one of in, out, defer",
        "keputusan '{value}' bukan salah satu dari in, out, defer",
    ),
    "override-no-reason": (
        "reason must be non-empty text",
        "alasan (reason) harus berupa teks yang tidak kosong",
    ),
    "override-no-assessors": (
        "assessors must be a list of at least one name",
        "assessors harus berupa daftar berisi minimal satu nama",
    ),
    "override-duplicate": (
        "region {code} is overridden twice (first on line {first})",
        "wilayah {code} diputuskan dua kali (pertama di baris {first})",
    ),
    "override-unknown-region": (
        "region {code} is not in the ranked pool",
        "wilayah {code} tidak ada dalam kumpulan yang diperingkat",
    ),
    "override-ineligible": (
        "region {code} is not eligible and cannot be overridden in",
        "wilayah {code} tidak memenuhi syarat dan tidak dapat dimasukkan oleh panel",
    ),
    "override-outside-zone": (
        "region {code} scores {score}, outside the zone of {zone} point(s) around every "
        "cut-off before the overrides (nearest cut-off before the overrides {cutoff})",
        "skor wilayah {code} {score}, di luar zona {zone} poin di sekitar setiap batas "
        "sebelum keputusan panel (batas terdekat sebelum keputusan panel {cutoff})",
    ),
    "override-no-place": (
        "region {code} cannot be given a place: more regions are overridden in than the "
        "cohorts from its own on have places (for its kind, with places per kind) or its "
        "province cap allows",
        "wilayah {code} tidak mendapat tempat: lebih banyak wilayah dimasukkan panel daripada "
        "tempat di angkatan sejak angkatannya (untuk jenisnya, bila tempat dibagi per jenis) "
        "atau yang diizinkan batas per provinsinya",
    ),
    "usage-overrides-zone": (
        "--overrides needs --override-zone POINTS or the criteria's "
        "selection.override_zone.points (how near a cut-off the panel decides)",
        "--overrides memerlukan --override-zone POIN atau selection.override_zone.points "
        "pada kriteria (seberapa dekat batas panel memutuskan)",
    ),
    "usage-override-zone-negative": (
        "--override-zone must be a number of points, 0 or more (got {value})",
        "--override-zone harus berupa jumlah poin, 0 atau lebih (diberikan {value})",
    ),
    "override-decision-in": ("in", "masuk"),
    "override-decision-out": ("out", "keluar"),
    "override-decision-defer": ("deferred to the next round", "ditunda ke putaran berikutnya"),
    "override-note": (
        "panel decision: {decision} ({reason})",
        "keputusan panel: {decision} ({reason})",
    ),
    "override-moved": (
        "moved by the panel's decisions: {before} -> {after}",
        "dipindahkan oleh keputusan panel: {before} -> {after}",
    ),
    "override-none": ("not selected", "tidak terpilih"),
    "overrides-heading": (
        "Panel overrides ({count}; zone {zone} point(s) around the cut-off before the "
        "overrides, {cutoffs})",
        "Keputusan panel ({count}; zona {zone} poin di sekitar batas sebelum keputusan "
        "panel, {cutoffs})",
    ),
    "override-line": (
        '{region}: {decision}, cohort {before} -> {after}; reason: "{reason}"; '
        "assessors: {assessors}",
        '{region}: {decision}, angkatan {before} -> {after}; alasan: "{reason}"; '
        "penilai: {assessors}",
    ),
    "equity-places": (
        "places kota {kota}, kabupaten {kabupaten}, each kind ranked on its own",
        "kuota kota {kota}, kabupaten {kabupaten}, tiap jenis diperingkat sendiri",
    ),
    "equity-reserved": (
        "{places} place(s) reserved for daerah tertinggal (Perpres 63/2020)",
        "{places} tempat khusus daerah tertinggal (Perpres 63/2020)",
    ),
    "equity-wilayah": ("at least {wanted} per wilayah", "minimal {wanted} per wilayah"),
    "equity-cutoffs": ("cut-off by kind: {cutoffs}", "batas nilai per jenis: {cutoffs}"),
    "equity-move": (
        "{year}: {entrant}, rank {entrant_rank}, score {entrant_score}, got a place by "
        "{rule}; {displaced}, rank {displaced_rank}, score {displaced_score}, lost it.",
        "{year}: {entrant}, peringkat {entrant_rank}, nilai {entrant_score}, mendapat tempat "
        "karena {rule}; {displaced}, peringkat {displaced_rank}, nilai {displaced_score}, "
        "kehilangan tempat itu.",
    ),
    "equity-unmet": (
        "cohort {year}: {rule} not met, {got} of {wanted} (too few such regions eligible "
        "and waiting, or none could come in within the province cap and the panel's "
        "decisions)",
        "angkatan {year}: {rule} tidak terpenuhi, {got} dari {wanted} (terlalu sedikit "
        "wilayah seperti itu yang memenuhi syarat dan menunggu, atau tidak ada yang dapat "
        "masuk dalam batas per provinsi dan keputusan panel)",
    ),
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
    # --- issue 7: html and compare (add entries below this line) ---
    "usage-html-extra": (
        "--format html needs the optional 'report' extra (matplotlib and jinja2), which is "
        "not installed ({detail}); install it with: pip install 'smartcity-assess[report]'",
        "--format html membutuhkan tambahan opsional 'report' (matplotlib dan jinja2) yang "
        "belum terpasang ({detail}); pasang dengan: pip install 'smartcity-assess[report]'",
    ),
    "html-made-by": (
        "Made by {tool} {tool_version} with the criteria {id} {version} (sha256 {sha}).",
        "Dibuat oleh {tool} {tool_version} dengan kriteria {id} {version} (sha256 {sha}).",
    ),
    "html-made-by-tool": ("Made by {tool} {tool_version}.", "Dibuat oleh {tool} {tool_version}."),
    "html-contents": ("Contents", "Daftar isi"),
    "html-warnings": ("Warnings", "Peringatan"),
    "html-none": ("None.", "Tidak ada."),
    "html-about-criteria": ("About these criteria", "Tentang kriteria ini"),
    "html-ranking-chart": ("Ranking chart", "Grafik peringkat"),
    "html-ranking-caption": (
        "The total score of each eligible region, by rank. Colours show the cohort each "
        "region was selected into; a dashed line marks each cohort's cut-off. Regions that "
        "are not eligible have no rank and are not drawn.",
        "Skor total setiap wilayah yang memenuhi syarat, menurut peringkat. Warna "
        "menunjukkan angkatan tempat wilayah itu terpilih; garis putus-putus menandai batas "
        "setiap angkatan. Wilayah yang tidak memenuhi syarat tidak berperingkat dan tidak "
        "digambar.",
    ),
    "html-no-ties": ("No tie had to be broken.", "Tidak ada nilai sama yang perlu diputus."),
    "html-cohorts-heading": ("Cohorts", "Angkatan"),
    "chart-score-axis": ("Total score (0 to {scale})", "Skor total (0 sampai {scale})"),
    "chart-factor-axis": ("Factor score (0 to {scale})", "Skor faktor (0 sampai {scale})"),
    "chart-share-axis": ("Share of the total (%)", "Porsi dari total (%)"),
    "chart-rank-axis": ("Rank", "Peringkat"),
    "chart-cohort": ("Cohort {year}", "Angkatan {year}"),
    "chart-cutoff": ("cut-off {year}: {score}", "batas {year}: {score}"),
    "chart-not-selected": ("Not selected", "Tidak terpilih"),
    "chart-cutoff-tie": ("Tie at a cut-off", "Nilai sama di batas angkatan"),
    "chart-minimum": ("Factor minimum score", "Skor minimum faktor"),
    "html-sensitivity-heading": (
        "Sensitivity: how firm each rank is",
        "Sensitivitas: seberapa kokoh setiap peringkat",
    ),
    "html-sensitivity-caption": (
        "Over {runs} runs with the method varied (seed {seed}): each line spans a region's "
        "5th to 95th percentile rank, the dot is its median rank. Red regions are borderline: "
        "selected in some runs and not in others.",
        "Dari {runs} kali perhitungan dengan metode yang divariasikan (seed {seed}): setiap "
        "garis merentang dari peringkat persentil ke-5 sampai ke-95 suatu wilayah, titiknya "
        "peringkat median. Wilayah merah berada di perbatasan: terpilih di sebagian "
        "perhitungan dan tidak di sebagian lainnya.",
    ),
    "chart-rank-interval": (
        "Rank over the runs (5th to 95th percentile)",
        "Peringkat dalam perhitungan (persentil ke-5 sampai ke-95)",
    ),
    "chart-borderline": ("Borderline", "Di perbatasan"),
    "chart-firm": ("Firm", "Kokoh"),
    "html-borderline-heading": ("Borderline regions: {count}", "Wilayah di perbatasan: {count}"),
    "html-rank-interval": ("Rank interval", "Rentang peringkat"),
    "html-median-rank": ("Median rank", "Peringkat median"),
    "html-p-selected": ("Selected in", "Terpilih dalam"),
    "html-p-cohort": ("By cohort", "Per angkatan"),
    "html-factor-profile": ("Factor profile", "Profil faktor"),
    "html-profile-caption": (
        "Each factor's score against the band thresholds (dashed lines). A red tick marks a "
        "factor's minimum score; a red bar is below it.",
        "Skor setiap faktor terhadap ambang kategori (garis putus-putus). Tanda merah "
        "menandai skor minimum faktor; batang merah berada di bawahnya.",
    ),
    "html-gates": ("Gates and minimum scores", "Syarat minimum dan skor minimum"),
    "html-requirement": ("Requirement", "Persyaratan"),
    "html-required": ("Required", "Disyaratkan"),
    "html-actual": ("Actual", "Nyata"),
    "html-result": ("Result", "Hasil"),
    "html-pass": ("pass", "lulus"),
    "html-fail": ("FAIL", "GAGAL"),
    "html-no-gates": (
        "These criteria set no gates or minimum scores.",
        "Kriteria ini tidak menetapkan syarat minimum maupun skor minimum.",
    ),
    "html-min-score-of": ("minimum score of {factor}", "skor minimum {factor}"),
    "html-weakest-caption": (
        "Points lost: what the total would gain with the indicator alone at its best value. "
        "Raising these counts most.",
        "Poin hilang: kenaikan total bila hanya indikator ini bernilai terbaik. "
        "Menaikkan indikator inilah yang paling berpengaruh.",
    ),
    "html-cheapest-steps": ("Cheapest improvements", "Perbaikan termurah"),
    "html-criteria-shares": ("Factor shares", "Porsi faktor"),
    # compare
    "usage-compare-file": (
        "cannot compare {path}: {reason}",
        "tidak dapat membandingkan {path}: {reason}",
    ),
    "rank-json-shape": (
        "not a JSON output of 'assess rank' with schema_version 1: {where} is missing or wrong",
        "bukan keluaran JSON 'assess rank' dengan schema_version 1: {where} tidak ada atau salah",
    ),
    "json-syntax": ("not valid JSON: {detail}", "bukan JSON yang sah: {detail}"),
    "rank-json-duplicate": (
        "region {code} appears twice",
        "wilayah {code} muncul dua kali",
    ),
    "usage-compare-criteria": (
        "--{side}-criteria {path} is not the criteria {ranking} was ranked with (sha256 {got}, "
        "expected {expected})",
        "--{side}-criteria {path} bukan kriteria yang dipakai untuk memeringkat {ranking} "
        "(sha256 {got}, seharusnya {expected})",
    ),
    "compare-title": ("Comparison of two rankings", "Perbandingan dua peringkat"),
    "compare-old": ("Old", "Lama"),
    "compare-new": ("New", "Baru"),
    "compare-side": (
        "{side}: {path}, criteria {id} {version} (sha256 {sha}); cohorts {cohorts}; "
        "{regions} region(s), {selected} selected",
        "{side}: {path}, kriteria {id} {version} (sha256 {sha}); angkatan {cohorts}; "
        "{regions} wilayah, {selected} terpilih",
    ),
    "compare-cap": (" (at most {cap} per province)", " (paling banyak {cap} per provinsi)"),
    "compare-correlation-heading": ("Rank correlation", "Korelasi peringkat"),
    "compare-correlation": (
        "Over the {count} region(s) ranked in both: Spearman {spearman}, top-down {top_down}.",
        "Atas {count} wilayah yang berperingkat di keduanya: Spearman {spearman}, "
        "top-down {top_down}.",
    ),
    "compare-correlation-none": (
        "Fewer than two regions are ranked in both, so there is no rank correlation.",
        "Kurang dari dua wilayah berperingkat di keduanya, jadi tidak ada korelasi peringkat.",
    ),
    "compare-correlation-help": (
        "Spearman weighs every place alike; the top-down correlation (Iman-Conover, on "
        "Savage scores) weighs the top of the ranking most. Both are 1 when the order is "
        "unchanged and fall as regions change places.",
        "Spearman menimbang setiap posisi sama; korelasi top-down (Iman-Conover, dengan skor "
        "Savage) paling menimbang bagian atas peringkat. Keduanya 1 bila urutannya tidak "
        "berubah dan turun makin banyak wilayah yang bertukar posisi.",
    ),
    "compare-criteria-heading": ("Criteria changes", "Perubahan kriteria"),
    "compare-criteria-same": (
        "Both rankings used the same criteria.",
        "Kedua peringkat memakai kriteria yang sama.",
    ),
    "compare-criteria-cosmetic": (
        "The criteria files differ, but in nothing that decides a ranking.",
        "Berkas kriterianya berbeda, tetapi tidak dalam hal yang menentukan peringkat.",
    ),
    "compare-criteria-unknown": (
        "The criteria differ (sha256 {old} and {new}), but a ranking file carries no criteria "
        "summary; rerun 'assess rank' with this version, or pass --old-criteria and "
        "--new-criteria.",
        "Kriterianya berbeda (sha256 {old} dan {new}), tetapi sebuah berkas peringkat tidak "
        "memuat ringkasan kriteria; jalankan ulang 'assess rank' dengan versi ini, atau "
        "berikan --old-criteria dan --new-criteria.",
    ),
    "compare-subject": ("Applies to", "Berlaku untuk"),
    "compare-change": ("Change", "Perubahan"),
    "compare-whole-criteria": ("the criteria as a whole", "kriteria secara keseluruhan"),
    "compare-share": ("{value} (share {share})", "{value} (porsi {share})"),
    "cf-scale": ("scale", "skala"),
    "cf-precision": ("precision", "presisi"),
    "cf-aggregation": ("aggregation", "agregasi"),
    "cf-missing": ("missing values", "nilai kosong"),
    "cf-min_coverage": ("minimum coverage", "cakupan minimum"),
    "cf-bands": ("bands", "kategori"),
    "cf-cohorts": ("cohorts", "angkatan"),
    "cf-max_per_province": ("max. per province", "maks. per provinsi"),
    "cf-value_basis": ("value that scores (value_basis)", "nilai yang dinilai (value_basis)"),
    "cf-override_zone": ("override zone (points)", "zona keputusan panel (poin)"),
    "cf-panel": ("panel rules", "aturan panel penilai"),
    "cf-groups": ("groups of regions", "kelompok daerah"),
    "cf-source": ("source (questionnaire or interview)", "sumber (kuesioner atau wawancara)"),
    "cf-uncertainty": ("value uncertainty", "ketidakpastian nilai"),
    "cf-factor": ("factor added or removed", "faktor ditambah atau dihapus"),
    "cf-indicator": ("indicator added or removed", "indikator ditambah atau dihapus"),
    "cf-weight": ("weight", "bobot"),
    "cf-min_score": ("minimum score", "skor minimum"),
    "cf-type": ("type", "jenis"),
    "cf-required": ("required", "wajib"),
    "cf-gate": ("gate", "syarat minimum"),
    "cf-goalposts": ("goalposts", "batas nilai (goalposts)"),
    "cf-transform": ("transform", "transformasi"),
    "cf-levels": ("levels", "tingkat"),
    "compare-cohorts-heading": ("Cohorts", "Angkatan"),
    "compare-cohort-heading": (
        "Cohort {year}: {entered} entered, {left} left, {stayed} stayed",
        "Angkatan {year}: {entered} masuk, {left} keluar, {stayed} tetap",
    ),
    "compare-cohort-only-old": (
        "Cohort {year}: only in the old ranking ({count} selected)",
        "Angkatan {year}: hanya ada di peringkat lama ({count} terpilih)",
    ),
    "compare-cohort-only-new": (
        "Cohort {year}: only in the new ranking ({count} selected)",
        "Angkatan {year}: hanya ada di peringkat baru ({count} terpilih)",
    ),
    "compare-selected-heading": (
        "Selected into any cohort: {entered} entered, {left} left",
        "Terpilih ke angkatan mana pun: {entered} masuk, {left} keluar",
    ),
    "compare-entered": ("Entered", "Masuk"),
    "compare-left": ("Left", "Keluar"),
    "compare-before": ("Before", "Sebelumnya"),
    "compare-after": ("After", "Sesudahnya"),
    "compare-moves-heading": (
        "Largest rank moves (top {count})",
        "Perpindahan peringkat terbesar ({count} teratas)",
    ),
    "compare-no-moves": (
        "No region ranked in both changed its rank.",
        "Tidak ada wilayah berperingkat di keduanya yang berubah peringkatnya.",
    ),
    "compare-old-rank": ("Old rank", "Peringkat lama"),
    "compare-new-rank": ("New rank", "Peringkat baru"),
    "compare-places": ("Places", "Posisi"),
    "compare-in-cohort": ("rank {rank}, cohort {year}", "peringkat {rank}, angkatan {year}"),
    "compare-not-selected": ("rank {rank}, not selected", "peringkat {rank}, tidak terpilih"),
    "compare-ineligible": ("not eligible", "tidak memenuhi syarat"),
    "compare-excluded": ("excluded (selected earlier)", "dikecualikan (terpilih sebelumnya)"),
    "compare-absent": ("not in this ranking", "tidak ada di peringkat ini"),
    "compare-chart-heading": (
        "Old rank against new rank",
        "Peringkat lama terhadap peringkat baru",
    ),
    "compare-chart-caption": (
        "Each dot is a region ranked in both. Dots on the diagonal kept their rank; dots above "
        "it moved up. The dashed lines are the cohort cut-offs of each ranking.",
        "Setiap titik adalah wilayah yang berperingkat di keduanya. Titik di garis diagonal "
        "tetap peringkatnya; titik di atasnya naik. Garis putus-putus adalah batas angkatan "
        "setiap peringkat.",
    ),
    "chart-entered": ("Entered the selection", "Masuk ke daftar terpilih"),
    "chart-left": ("Left the selection", "Keluar dari daftar terpilih"),
    "chart-same": ("Selection unchanged", "Status terpilih tidak berubah"),
    "html-gain": ("Gain", "Tambahan"),
    # --- issue 4: schema and template (add entries below this line) ---
    "tpl-header": (
        "A blank submission for {title}; criteria {id}, version {version}.",
        "Formulir pengajuan kosong untuk {title}; kriteria {id}, versi {version}.",
    ),
    "tpl-schema-local": (
        "The first line lets editors (VS Code with Red Hat's YAML extension) check and "
        "complete this file as you type, against the JSON Schema in that file, next to this "
        "one. Make that file with:",
        "Baris pertama membuat editor (VS Code dengan ekstensi YAML dari Red Hat) memeriksa "
        "dan melengkapi berkas ini selagi Anda mengetik, berdasarkan JSON Schema dalam berkas "
        "itu, di samping berkas ini. Buat berkas itu dengan:",
    ),
    "tpl-schema-url": (
        "The first line lets editors (VS Code with Red Hat's YAML extension) check and "
        "complete this file as you type, against the JSON Schema at that address.",
        "Baris pertama membuat editor (VS Code dengan ekstensi YAML dari Red Hat) memeriksa "
        "dan melengkapi berkas ini selagi Anda mengetik, berdasarkan JSON Schema di alamat itu.",
    ),
    "tpl-how": (
        "Write each value after its colon. Leave a value empty when there is no data: empty "
        "means absent, and only required values must be filled in. Put text that looks like "
        "a number or like yes/no in quotes; a yes/no value is true or false. One region per "
        "file (editors check only a file's first document): for several regions, copy this "
        "file, or use a spreadsheet (assess template --format csv). Check the file with:",
        "Tulis setiap nilai setelah titik duanya. Biarkan kosong bila tidak ada data: kosong "
        "berarti tidak diisi, dan hanya nilai wajib yang harus diisi. Beri tanda kutip pada "
        "teks yang tampak seperti angka atau seperti yes/no; nilai ya/tidak ditulis true atau "
        "false. Satu wilayah per berkas (editor hanya memeriksa dokumen pertama sebuah "
        "berkas): untuk beberapa wilayah, salin berkas ini, atau gunakan lembar kerja "
        "(assess template --format csv). Periksa berkas dengan:",
    ),
    "tpl-region-code": (
        'Required. Kemendagri region code PP.RR, in quotes, e.g. "32.12".',
        'Wajib. Kode wilayah Kemendagri PP.RR, dengan tanda kutip, misalnya "32.12".',
    ),
    "tpl-region-name": (
        "Required. Official name, e.g. Kabupaten Indramayu or Kota Bandung.",
        "Wajib. Nama resmi, misalnya Kabupaten Indramayu atau Kota Bandung.",
    ),
    "tpl-region-province": (
        "Optional when the code is in the bundled registry of 514 kabupaten/kota, e.g. Jawa Barat.",
        "Boleh kosong bila kodenya ada di daftar 514 kabupaten/kota bawaan, misalnya Jawa Barat.",
    ),
    "tpl-region-kind": (
        "Required. kabupaten or kota; it must agree with the code (kota use 71-99).",
        "Wajib. kabupaten atau kota; harus sesuai dengan kode (kota memakai 71-99).",
    ),
    "tpl-year": (
        "Optional. The assessment round, e.g. {year}.",
        "Boleh kosong. Putaran penilaian, misalnya {year}.",
    ),
    "tpl-submitted": (
        "Optional. The date of this submission, YYYY-MM-DD. A revised submission of the same "
        "region with a later date replaces this one in a pool.",
        "Boleh kosong. Tanggal pengajuan ini, YYYY-MM-DD. Pengajuan revisi wilayah yang sama "
        "dengan tanggal lebih baru menggantikan yang ini dalam satu kumpulan.",
    ),
    "tpl-values": (
        "The values, factor by factor; each indicator is explained above its key.",
        "Nilai-nilai, per faktor; setiap indikator dijelaskan di atas kuncinya.",
    ),
    "tpl-factor": (
        "== {name}: {share} of the total ==",
        "== {name}: {share} dari total ==",
    ),
    "tpl-factor-gate": (
        "A factor score below {min} (of {scale}) makes the region not eligible.",
        "Skor faktor di bawah {min} (dari {scale}) membuat wilayah tidak memenuhi syarat.",
    ),
    "tpl-file": ("FILE", "BERKAS"),
    "tpl-required": ("Required.", "Wajib."),
    "tpl-optional-zero": (
        "Optional: leave empty if unknown (an empty value scores 0).",
        "Boleh kosong bila tidak diketahui (nilai kosong diberi skor 0).",
    ),
    "tpl-optional-reweight": (
        "Optional: leave empty if unknown (an empty value is left out of the score).",
        "Boleh kosong bila tidak diketahui (nilai kosong tidak ikut dihitung).",
    ),
    "tpl-weight": ("Weight: {share} of the total.", "Bobot: {share} dari total."),
    "tpl-type-boolean": (
        "true or false (or ya/tidak, benar/salah).",
        "true atau false (atau ya/tidak, benar/salah).",
    ),
    "tpl-type-level": (
        "One of these level ids, from worst to best:",
        "Salah satu id tingkat berikut, dari terburuk ke terbaik:",
    ),
    "tpl-type-number": ("A number{unit}.", "Angka{unit}."),
    "tpl-unit": (" in {unit}", " dalam {unit}"),
    "tpl-valid": ("Valid: {low} to {high}.", "Sah: {low} sampai {high}."),
    "tpl-valid-min": ("Valid: at least {low}.", "Sah: paling sedikit {low}."),
    "tpl-valid-max": ("Valid: at most {high}.", "Sah: paling banyak {high}."),
    "tpl-goalposts": (
        "Scored from {worst} (worst) to {best} (best); values beyond are capped.",
        "Dinilai dari {worst} (terburuk) sampai {best} (terbaik); nilai di luarnya dibatasi.",
    ),
    "tpl-goalposts-log": (
        "Scored on a log scale from {worst} (worst) to {best} (best); values beyond are capped.",
        "Dinilai pada skala log dari {worst} (terburuk) sampai {best} (terbaik); nilai di "
        "luarnya dibatasi.",
    ),
    "tpl-lower-better": ("Lower is better.", "Makin rendah makin baik."),
    "tpl-gate-true": (
        "Gate: must be true, else the region is not eligible.",
        "Syarat minimum: harus true; jika tidak, wilayah tidak memenuhi syarat.",
    ),
    "tpl-gate-level": (
        "Gate: at least '{gate}', else the region is not eligible.",
        "Syarat minimum: sekurang-kurangnya '{gate}'; jika tidak, wilayah tidak memenuhi syarat.",
    ),
    "tpl-gate-at-least": (
        "Gate: at least {gate}, else the region is not eligible.",
        "Syarat minimum: sekurang-kurangnya {gate}; jika tidak, wilayah tidak memenuhi syarat.",
    ),
    "tpl-gate-at-most": (
        "Gate: at most {gate}, else the region is not eligible.",
        "Syarat minimum: paling tinggi {gate}; jika tidak, wilayah tidak memenuhi syarat.",
    ),
    "tpl-evidence": (
        "Optional: the document behind each value, as free text per indicator address "
        "(factor.indicator). Remove the '#' to use it, e.g.:",
        "Boleh diisi: dokumen pendukung setiap nilai, sebagai teks bebas per alamat indikator "
        "(faktor.indikator). Hapus '#' untuk memakainya, misalnya:",
    ),
    "tpl-evidence-example": (
        '"Decree (SK) No. ... of ..., page ..."',
        '"SK Bupati/Wali Kota Nomor ... Tahun ..., halaman ..."',
    ),
    # --- issue 18: assess schema in both languages (add entries below this line) ---
    "sch-schema-version": (
        "Format version of this file; always 1.",
        "Versi format berkas ini; selalu 1.",
    ),
    "sch-sub-title": ("Submission for {id} {version}", "Pengajuan untuk {id} {version}"),
    "sch-sub-description": (
        "A region's submission for '{title}' (criteria {id}, version {version}). Generated by "
        "'assess schema submission'; 'assess validate' checks the rules a schema cannot express.",
        "Pengajuan sebuah wilayah untuk '{title}' (kriteria {id}, versi {version}). Dibuat oleh "
        "'assess schema submission'; 'assess validate' memeriksa aturan yang tidak dapat "
        "dinyatakan oleh skema.",
    ),
    "sch-criteria-title": ("Criteria id", "Id kriteria"),
    "sch-criteria-description": (
        "Optional; if given it must be '{id}'.",
        "Boleh kosong; bila diisi harus '{id}'.",
    ),
    "sch-year-title": ("Year", "Tahun"),
    "sch-year-description": ("Assessment round (optional).", "Putaran penilaian (boleh kosong)."),
    "sch-submitted-title": ("Submitted", "Tanggal pengajuan"),
    "sch-submitted-description": (
        "When this submission was made, YYYY-MM-DD (optional). When a pool holds a region "
        "more than once, the copy with the latest date replaces the others.",
        "Tanggal pengajuan ini dibuat, YYYY-MM-DD (boleh kosong). Bila satu wilayah diajukan "
        "lebih dari sekali, salinan dengan tanggal terbaru menggantikan yang lain.",
    ),
    "sch-values-title": ("Values", "Nilai"),
    "sch-values-description": (
        "One mapping per factor, one value per indicator.",
        "Satu pemetaan per faktor, satu nilai per indikator.",
    ),
    "sch-evidence-title": ("Evidence", "Bukti"),
    "sch-evidence-description": (
        "Optional: the document behind each value, as free text per indicator address "
        "(factor.indicator).",
        "Boleh diisi: dokumen pendukung setiap nilai, sebagai teks bebas per alamat indikator "
        "(faktor.indikator).",
    ),
    "sch-region-title": ("Region", "Wilayah"),
    "sch-region-description": (
        "The kabupaten or kota this submission is for.",
        "Kabupaten atau kota yang diajukan dalam pengajuan ini.",
    ),
    "sch-code-title": ("Region code", "Kode wilayah"),
    "sch-code-description": (
        'Kemendagri code PP.RR as a quoted string, e.g. "32.12" (kota use 71-99).',
        'Kode Kemendagri PP.RR sebagai teks bertanda kutip, misalnya "32.12" (kota memakai 71-99).',
    ),
    "sch-name-title": ("Name", "Nama"),
    "sch-name-description": (
        "Official name, e.g. Kabupaten Indramayu.",
        "Nama resmi, misalnya Kabupaten Indramayu.",
    ),
    "sch-province-title": ("Province", "Provinsi"),
    "sch-province-description": (
        "Optional when the code is in the bundled registry of kabupaten/kota.",
        "Boleh kosong bila kodenya ada di daftar kabupaten/kota bawaan.",
    ),
    "sch-kind-title": ("Kind", "Jenis"),
    "sch-kind-description": (
        "kabupaten or kota; must agree with the code (kota = 71-99).",
        "kabupaten atau kota; harus sesuai dengan kode (kota = 71-99).",
    ),
    "sch-factor-share": ("{share} of the total.", "{share} dari total."),
    "sch-factor-gate": (
        "A factor score below {min} (of {scale}) makes the region ineligible.",
        "Skor faktor di bawah {min} (dari {scale}) membuat wilayah tidak memenuhi syarat.",
    ),
    "sch-optional": (
        "Optional (empty or absent = no value).",
        "Boleh kosong (kosong atau tidak ada = tanpa nilai).",
    ),
    "sch-levels": (
        "One of, worst to best: {levels}.",
        "Salah satu, terburuk ke terbaik: {levels}.",
    ),
    "sch-scored": (
        "Scored from {worst} (worst) to {best} (best).",
        "Dinilai dari {worst} (terburuk) sampai {best} (terbaik).",
    ),
    "sch-scored-log": (
        "Scored on a log scale from {worst} (worst) to {best} (best).",
        "Dinilai pada skala log dari {worst} (terburuk) sampai {best} (terbaik).",
    ),
    "sch-gate": (
        "Gate: {gate}, else the region is ineligible.",
        "Syarat minimum: {gate}; jika tidak, wilayah tidak memenuhi syarat.",
    ),
    "sch-gate-true": ("must be true", "harus true"),
    "sch-gate-level": ("at least '{gate}'", "sekurang-kurangnya '{gate}'"),
    "sch-gate-at-least": ("at least {gate}", "sekurang-kurangnya {gate}"),
    "sch-gate-at-most": ("at most {gate}", "paling tinggi {gate}"),
    "sch-crit-title": (
        "smartcity-assess criteria file (schema_version 1)",
        "Berkas kriteria smartcity-assess (schema_version 1)",
    ),
    "sch-crit-description": (
        "What is measured, how it is weighted, and how candidates are selected. Generated by "
        "'assess schema criteria'; 'assess criteria FILE' checks the rules a schema cannot "
        "express.",
        "Apa yang diukur, bagaimana bobotnya, dan bagaimana calon dipilih. Dibuat oleh "
        "'assess schema criteria'; 'assess criteria BERKAS' memeriksa aturan yang tidak dapat "
        "dinyatakan oleh skema.",
    ),
    "sch-crit-text": (
        "A text: a plain string (English), or {{en, id}} for both languages.",
        "Teks: string biasa (bahasa Inggris), atau {{en, id}} untuk kedua bahasa.",
    ),
    "sch-crit-text-object": (
        "A text in English and, optionally, Indonesian (English is the fallback).",
        "Teks dalam bahasa Inggris dan, bila ada, bahasa Indonesia (bahasa Inggris sebagai "
        "cadangan).",
    ),
    "sch-crit-id": (
        "Slug naming these criteria, e.g. gerakan-100-smart-city.",
        "Slug yang menamai kriteria ini, misalnya gerakan-100-smart-city.",
    ),
    "sch-crit-version": (
        'Version of these criteria, as a quoted string, e.g. "2018.1".',
        'Versi kriteria ini, sebagai teks bertanda kutip, misalnya "2018.1".',
    ),
    "sch-crit-title-field": ("Text or {{en, id}}.", "Teks atau {{en, id}}."),
    "sch-crit-source": (
        "Where the criteria come from: honest provenance.",
        "Asal kriteria ini: sumber yang jujur dan dapat ditelusuri.",
    ),
    "sch-crit-scale": ("Scores are reported on 0..scale.", "Skor dilaporkan pada 0..scale."),
    "sch-crit-precision": (
        "Decimals in reports; ties are judged at this precision.",
        "Jumlah desimal di laporan; skor seri ditentukan pada ketelitian ini.",
    ),
    "sch-crit-aggregation": (
        "How factor scores make the total.",
        "Cara skor faktor membentuk total.",
    ),
    "sch-crit-missing": (
        "What an absent optional value does: count as 0, or be left out.",
        "Akibat nilai opsional yang tidak diisi: dihitung 0, atau tidak ikut dihitung.",
    ),
    "sch-crit-min-coverage": (
        "Share of total weight that must have values, else ineligible.",
        "Bagian bobot total yang harus bernilai; jika kurang, tidak memenuhi syarat.",
    ),
    "sch-crit-bands": (
        "Highest min first; the first band whose min <= score applies.",
        "min tertinggi lebih dulu; yang berlaku kategori pertama dengan min <= skor.",
    ),
    "sch-crit-cohorts": (
        "Filled in rank order, one after another.",
        "Diisi menurut urutan peringkat, angkatan demi angkatan.",
    ),
    "sch-crit-places": (
        "Equity rule: the cohort's places split between kota and kabupaten (adding up to "
        "size), each kind ranked on its own.",
        "Aturan pemerataan: tempat angkatan dibagi antara kota dan kabupaten (jumlahnya sama "
        "dengan size), tiap jenis diperingkat sendiri.",
    ),
    "sch-crit-reserved": (
        "Equity rule: places reserved for a group (the daerah tertinggal of Perpres 63/2020, "
        "or one declared in 'groups'); the best "
        "eligible ones get them even below the cut-off.",
        "Aturan pemerataan: tempat khusus suatu kelompok (daerah tertinggal Perpres 63/2020, "
        "atau yang dideklarasikan di 'groups'); yang terbaik "
        "di antara yang memenuhi syarat mendapatkannya walau di bawah batas nilai.",
    ),
    "sch-crit-min-per-wilayah": (
        "Equity rule: at least this many regions of western (barat), central (tengah) and "
        "eastern (timur) Indonesia, by the province's time zone.",
        "Aturan pemerataan: sekurang-kurangnya sebanyak ini wilayah Indonesia bagian barat, "
        "tengah dan timur, menurut zona waktu provinsinya.",
    ),
    "sch-crit-factors": (
        "The factors, each with its indicators.",
        "Faktor-faktor, masing-masing dengan indikatornya.",
    ),
    "sch-crit-factor-weight": (
        "Relative weight, normalised over all factors; above 0.",
        "Bobot relatif, dinormalkan atas semua faktor; di atas 0.",
    ),
    "sch-crit-min-score": (
        "Gate on the factor score (0..scale): below it, ineligible.",
        "Syarat minimum skor faktor (0..scale): di bawahnya, tidak memenuhi syarat.",
    ),
    "sch-crit-type": ("boolean, level or number.", "boolean, level atau number."),
    "sch-crit-indicator-weight": (
        "Relative weight within the factor; above 0.",
        "Bobot relatif di dalam faktor; di atas 0.",
    ),
    "sch-crit-required": (
        "An absent value is a validation error.",
        "Nilai yang tidak diisi adalah kesalahan validasi.",
    ),
    "sch-crit-gate": (
        "Minimum: a level id, true, or a number; missing it makes a region ineligible.",
        "Syarat minimum: id tingkat, true, atau angka; wilayah yang tidak mencapainya tidak "
        "memenuhi syarat.",
    ),
    "sch-crit-levels": (
        "Level indicators: at least two levels, worst to best.",
        "Indikator bertingkat: sedikitnya dua tingkat, dari terburuk ke terbaik.",
    ),
    "sch-crit-unit": (
        "Number indicators: the unit, as text.",
        "Indikator angka: satuannya, sebagai teks.",
    ),
    "sch-crit-valid": (
        "Number indicators: values outside are a validation error (never clamped).",
        "Indikator angka: nilai di luarnya adalah kesalahan validasi (tidak pernah dibatasi).",
    ),
    "sch-crit-goalposts": (
        "Number indicators: clamped, then scaled 0..1; worst > best means lower is better.",
        "Indikator angka: dibatasi, lalu diskalakan 0..1; worst > best berarti makin rendah "
        "makin baik.",
    ),
    "sch-crit-transform": (
        "Number indicators: linear or log scaling between the goalposts.",
        "Indikator angka: penskalaan linear atau log di antara worst dan best.",
    ),
    "sch-crit-uncertainty": (
        "Number indicators: how far off a value may be, for assess sensitivity: a number "
        "above 0 in the indicator's unit, or {relative: r} (a share of the value).",
        "Indikator angka: seberapa jauh sebuah nilai bisa meleset, untuk assess sensitivity: "
        "angka di atas 0 dalam satuan indikator, atau {relative: r} (bagian dari nilainya).",
    ),
    "sch-crit-level-score": (
        "0..1; default position/(n-1) from worst to best.",
        "0..1; bawaannya posisi/(n-1) dari terburuk ke terbaik.",
    ),
    # --- issue 4: hostile input and warnings (add entries below this line) ---
    "yaml-tab": (
        "YAML syntax error: a tab character here; YAML indents with spaces only",
        "kesalahan sintaks YAML: ada karakter tab di sini; indentasi YAML hanya memakai spasi",
    ),
    "region-code-short": (
        "region code must be a string 'PP.RR' (two digits, dot, two digits), got {got}: "
        "a spreadsheet may have read it as a number and dropped the last zero; "
        "format the column as text",
        "kode wilayah harus berupa teks 'PP.RR' (dua digit, titik, dua digit), didapat {got}: "
        "program lembar kerja mungkin membacanya sebagai angka dan membuang nol terakhir; "
        "format kolomnya sebagai teks",
    ),
    "year-far": (
        "year {year} is more than 1 year from the round's year(s) {years}: a submission for "
        "another round?",
        "tahun {year} berjarak lebih dari 1 tahun dari tahun putaran {years}: pengajuan untuk "
        "putaran lain?",
    ),
    "csv-no-rows": (
        "the CSV file has a header but no rows, so it submits no region",
        "berkas CSV hanya berisi header tanpa baris, jadi tidak mengajukan wilayah apa pun",
    ),
    "encoding-utf16": (
        "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
        "berkas ini UTF-16 (diawali penanda urutan bita UTF-16); simpan sebagai UTF-8",
    ),
    "nul-byte": (
        "contains a NUL byte (0x00), so it is not a text file; if it is UTF-16, save it as UTF-8",
        "berisi bita NUL (0x00), jadi bukan berkas teks; jika UTF-16, simpan sebagai UTF-8",
    ),
    "control-character": (
        "control character U+{char:04X} is not allowed in a text file; remove it",
        "karakter kendali U+{char:04X} tidak diizinkan dalam berkas teks; hapus karakter itu",
    ),
    "yaml-character": (
        "the character U+{char:04X} is not allowed in YAML; remove it",
        "karakter U+{char:04X} tidak diizinkan dalam YAML; hapus karakter itu",
    ),
    "no-documents": (
        "the file holds no YAML document, only comments or blank lines",
        "berkas tidak berisi dokumen YAML, hanya komentar atau baris kosong",
    ),
    "number-too-long": (
        "a number written with {length} characters; at most {limit} are read",
        "angka ditulis dengan {length} karakter; paling banyak {limit} yang dibaca",
    ),
    "ambiguous-value": (
        "{value} is {yaml11} in YAML 1.1 but {yaml12} in YAML 1.2 (as editors read it); "
        "write {fix}",
        "{value} dibaca {yaml11} oleh YAML 1.1 tetapi {yaml12} oleh YAML 1.2 (cara editor "
        "membacanya); tulis {fix}",
    ),
    "read-as-text": ("text", "teks"),
    "ambiguous-number": (
        "{value} is ambiguous: a thousands separator ({thousands}) or a decimal one? "
        "Thousands separators are not accepted: write {thousands} for the thousands, or "
        "{decimal} for the decimal",
        "{value} ambigu: pemisah ribuan ({thousands}) atau pemisah desimal? Pemisah ribuan "
        "tidak diterima: tulis {thousands} untuk ribuan, atau {decimal} untuk desimal",
    ),
    "number-grouped": (
        "'{value}' uses thousands separators, which are not accepted; write {fix}",
        "'{value}' memakai pemisah ribuan, yang tidak diterima; tulis {fix}",
    ),
    "number-write": ("{point} or {comma}", "{comma} atau {point}"),
    "number-write-plain": (
        "the number with no thousands separators and at most one decimal point or comma",
        "angkanya tanpa pemisah ribuan dan dengan paling banyak satu koma atau titik desimal",
    ),
    "type-boolean-words": (
        "true or false (or ya/tidak, benar/salah)",
        "true atau false (atau ya/tidak, benar/salah)",
    ),
    "csv-delimiter": (
        "the header has both ',' and ';' outside quotes, so the separator cannot be told; "
        "separate the columns with one of them only (a name holding the other needs quotes)",
        "header berisi ',' dan ';' di luar tanda kutip, sehingga pemisah kolom tidak dapat "
        "ditentukan; pisahkan kolom dengan salah satunya saja (nama yang memuat yang lain "
        "perlu tanda kutip)",
    ),
    "write-or-quote": (
        "{value}, or quote it if it is text: '{text}'",
        "{value}, atau beri tanda kutip jika itu teks: '{text}'",
    ),
    "bad-tagged-scalar": (
        "'{value}' cannot be read as {tag}; remove the tag or fix the value",
        "'{value}' tidak dapat dibaca sebagai {tag}; hapus tag atau perbaiki nilainya",
    ),
    "not-finite-raw": (
        "expected a finite number, got {raw} (read as {value})",
        "diharapkan bilangan berhingga, didapat {raw} (terbaca sebagai {value})",
    ),
    "region-code-number": (
        "region code must be a string 'PP.RR' (two digits, dot, two digits), got the number "
        '{got}; write it quoted, for example code: "32.12"',
        "kode wilayah harus berupa teks 'PP.RR' (dua digit, titik, dua digit), didapat angka "
        '{got}; tulis dengan tanda kutip, misalnya code: "32.12"',
    ),
    "schema-version": (
        "schema_version must be the number 1, got {got}",
        "schema_version harus angka 1, didapat {got}",
    ),
    "suspicious-goalposts": (
        "all {count} number values lie exactly on a goalpost (worst or best); "
        "were they copied from the criteria instead of measured?",
        "semua {count} nilai angka tepat berada di batas (worst atau best); "
        "apakah nilainya disalin dari kriteria, bukan hasil pengukuran?",
    ),
    "placeholder-values": (
        "all {count} yes/no and level values are at their lowest (false, or the first level); "
        "is this a blank template rather than a real submission?",
        "semua {count} nilai ya/tidak dan tingkat berada di posisi terendah (false, atau "
        "tingkat pertama); apakah ini templat kosong, bukan pengajuan sungguhan?",
    ),
    # --- issue 5: sensitivity and explain (add entries below this line) ---
    "steps-more": (
        "{count} more step(s) with smaller gains: all of them are in --format json.",
        "{count} langkah lain dengan tambahan lebih kecil: semuanya ada di --format json.",
    ),
    "selected-short": ("Sel.", "Pilih"),
    "probability-legend": (
        "Sel.: share of runs in which the region is selected into any cohort; each year: "
        "into that cohort. 5-95%: its 5th to 95th percentile rank over the runs.",
        "Pilih: persentase putaran yang memilih wilayah ke angkatan mana pun; tiap tahun: ke "
        "angkatan itu. 5-95%: peringkat persentil ke-5 sampai ke-95 di semua putaran.",
    ),
    "usage-range": (
        "{option} must be at least {low} and below {high}, got {value}",
        "{option} harus sedikitnya {low} dan di bawah {high}, didapat {value}",
    ),
    "sensitivity-title": ("Sensitivity of the ranking: {title}", "Sensitivitas peringkat: {title}"),
    "sensitivity-settings": (
        "{runs} runs, seed {seed}. Factor weights: each x(1 ± up to {noise}) at random, "
        "renormalised. Aggregation: {aggregation}. Goalposts: {goalposts}.",
        "{runs} putaran, seed {seed}. Bobot faktor: masing-masing x(1 ± hingga {noise}) "
        "secara acak, dinormalkan ulang. Agregasi: {aggregation}. Batas (goalpost): "
        "{goalposts}.",
    ),
    "aggregation-fixed": ("{method}, as in the criteria", "{method}, sesuai kriteria"),
    "aggregation-varied": (
        "arithmetic or geometric, at random",
        "aritmetik atau geometrik, secara acak",
    ),
    "goalposts-fixed": ("as in the criteria", "sesuai kriteria"),
    "goalposts-varied": (
        "each moved by up to ±{noise} of its span",
        "masing-masing digeser hingga ±{noise} dari rentangnya",
    ),
    "robustness-heading": ("Robustness of the selection", "Ketahanan hasil seleksi"),
    "same-selection": (
        "The nominal selection is kept exactly in {share} of runs; every region stays in its "
        "nominal cohort in {cohorts}.",
        "Seleksi nominal tetap persis sama pada {share} putaran; setiap wilayah tetap di "
        "angkatan nominalnya pada {cohorts}.",
    ),
    "mean-rank-shift": (
        "Mean absolute rank shift: {shift} places.",
        "Rata-rata pergeseran peringkat absolut: {shift} posisi.",
    ),
    "spearman-line": (
        "Spearman correlation with the nominal ranking: mean {mean} (5-95%: {low} to {high}).",
        "Korelasi Spearman dengan peringkat nominal: rata-rata {mean} (5-95%: {low} sampai "
        "{high}).",
    ),
    "weighted-spearman-line": (
        "Top-weighted correlation (weighted Spearman r_W): mean {mean} (5-95%: {low} to {high}).",
        "Korelasi berbobot ke atas (Spearman berbobot r_W): rata-rata {mean} (5-95%: {low} "
        "sampai {high}).",
    ),
    "borderline-warning": (
        "{count} BORDERLINE region(s), selected in more than 5% and fewer than 95% of runs; "
        "look at them before signing: {regions}",
        "{count} wilayah DI AMBANG BATAS, terpilih pada lebih dari 5% dan kurang dari 95% "
        "putaran; periksa sebelum menandatangani: {regions}",
    ),
    "borderline-none": (
        "No borderline regions: each region is selected in at least 95% or at most 5% of runs.",
        "Tidak ada wilayah di ambang batas: setiap wilayah terpilih pada sedikitnya 95% atau "
        "paling banyak 5% putaran.",
    ),
    "borderline-mark": ("BORDERLINE", "AMBANG BATAS"),
    "oat-heading": (
        "Which factor weight matters most: each weight x(1 + {noise}) and x(1 - {noise}), "
        "one at a time",
        "Bobot faktor mana yang paling berpengaruh: setiap bobot x(1 + {noise}) dan "
        "x(1 - {noise}), satu per satu",
    ),
    "oat-note": (
        "In/out: regions entering or leaving the selection. Cohort: regions whose cohort "
        "changes, in/out included. Shift: mean absolute rank shift. Most influential first.",
        "Masuk/keluar: wilayah yang masuk atau keluar dari seleksi. Angkatan: wilayah yang "
        "angkatannya berubah, termasuk masuk/keluar. Geser: rata-rata pergeseran peringkat "
        "absolut. Yang paling berpengaruh di atas.",
    ),
    "values-heading": (
        "The last places under uncertain values",
        "Posisi terakhir di bawah ketidakpastian nilai",
    ),
    "cutoff-headline": (
        "{year}, last place (rank {rank}): {last} leads {first} by {gap}.",
        "{year}, posisi terakhir (peringkat {rank}): {last} unggul {gap} atas {first}.",
    ),
    "cutoff-alone": (
        "{year}, last place (rank {rank}): {last}; no eligible region waits below it.",
        "{year}, posisi terakhir (peringkat {rank}): {last}; tidak ada wilayah layak di bawahnya.",
    ),
    "cutoff-decisive": (
        "Smallest single change: {region}, {indicator} {value} -> {to} ({change}, {span} of "
        "the goalpost span) swaps them.",
        "Perubahan tunggal terkecil: {region}, {indicator} {value} -> {to} ({change}, {span} "
        "dari rentang batas) menukar keduanya.",
    ),
    "cutoff-in-uncertainty": (
        "That is {times} x its declared uncertainty.",
        "Itu {times} x ketidakpastian yang dinyatakan.",
    ),
    "cutoff-no-change": (
        "No change of a single number value swaps them.",
        "Tidak ada perubahan satu nilai angka yang menukar keduanya.",
    ),
    "cutoff-odds": (
        "Under the declared uncertainty ({runs} runs), P(in {year} or earlier): {regions}.",
        "Dengan ketidakpastian yang dinyatakan ({runs} putaran), P(masuk {year} atau "
        "sebelumnya): {regions}.",
    ),
    "cutoff-no-uncertainty": (
        "No indicator declares an uncertainty, so no value runs were made (see "
        "'uncertainty' in docs/criteria.md).",
        "Tidak ada indikator yang menyatakan ketidakpastian, jadi tidak ada putaran nilai "
        "(lihat 'uncertainty' di docs/criteria.md).",
    ),
    "swap-at": ("Swaps at", "Tertukar pada"),
    "change": ("Change", "Perubahan"),
    "of-span": ("Of span", "Dari rentang"),
    "x-uncertainty": ("x uncert.", "x batas galat"),
    "share": ("Share", "Porsi"),
    "in-out": ("in/out", "masuk/keluar"),
    "shift": ("Shift", "Geser"),
    "regions-heading": ("Regions, in nominal rank order", "Wilayah, menurut peringkat nominal"),
    "median-rank": ("Median rank", "Median peringkat"),
    "rank-interval": ("Rank 5-95%", "Peringkat 5-95%"),
    "p-selected": ("P(selected)", "P(terpilih)"),
    "p-cohort": ("P({year})", "P({year})"),
    "interval-legend": (
        "Bars: ranks 1 (left) to {n} (right); ━ from the 5th to the 95th percentile rank, "
        "● the median, │ the cut-off after rank {cutoff}.",
        "Batang: peringkat 1 (kiri) sampai {n} (kanan); ━ dari peringkat persentil ke-5 "
        "sampai ke-95, ● median, │ batas setelah peringkat {cutoff}.",
    ),
    "never-ranked": (
        "Not eligible in any run, never selected: {count}",
        "Tidak memenuhi syarat di semua putaran, tidak pernah terpilih: {count}",
    ),
    "sensitivity-summary": (
        "{runs} runs: {borderline} borderline region(s); the nominal selection is kept "
        "exactly in {share} of runs.",
        "{runs} putaran: {borderline} wilayah di ambang batas; seleksi nominal tetap persis "
        "sama pada {share} putaran.",
    ),
    "explain-title": (
        "What separates {name} ({code}) from the cut-off",
        "Apa yang memisahkan {name} ({code}) dari batas seleksi",
    ),
    "explain-title-bands": (
        "What separates {name} ({code}) from the next band",
        "Apa yang memisahkan {name} ({code}) dari kategori berikutnya",
    ),
    "explain-selected": (
        "Rank {rank} of {eligible} eligible: selected into cohort {year}.",
        "Peringkat {rank} dari {eligible} yang memenuhi syarat: terpilih ke angkatan {year}.",
    ),
    "explain-not-selected": (
        "Rank {rank} of {eligible} eligible: not selected, {gap} points below the last "
        "cut-off score of {cutoff}.",
        "Peringkat {rank} dari {eligible} yang memenuhi syarat: tidak terpilih, {gap} poin di "
        "bawah skor batas terakhir {cutoff}.",
    ),
    "explain-province-full": (
        "Rank {rank} of {eligible} eligible: not selected because its province is full (at "
        "most {cap} region(s) of one province in each cohort). Its places are held by "
        "{holders}. A score above {score}, that of {weakest}, would displace the weakest of "
        "them.",
        "Peringkat {rank} dari {eligible} yang memenuhi syarat: tidak terpilih karena "
        "provinsinya sudah penuh (paling banyak {cap} wilayah dari satu provinsi di setiap "
        "angkatan). Tempatnya diisi oleh {holders}. Skor di atas {score}, skor {weakest}, "
        "akan menggeser yang terlemah di antara mereka.",
    ),
    "explain-holder": (
        "{name} ({code}, cohort {year}, {score})",
        "{name} ({code}, angkatan {year}, {score})",
    ),
    "explain-ineligible": (
        "Not eligible, so it cannot be selected whatever it scores ({gap} points below the "
        "last cut-off score of {cutoff}): fix the gates first.",
        "Tidak memenuhi syarat, jadi tidak dapat terpilih berapa pun skornya ({gap} poin di "
        "bawah skor batas terakhir {cutoff}): perbaiki syarat kelayakan lebih dulu.",
    ),
    "explain-no-cutoff": (
        "Nobody in the pool was selected, so there is no cut-off.",
        "Tidak ada wilayah yang terpilih, jadi tidak ada batas seleksi.",
    ),
    "explain-band": (
        "Score {score}, band {band}: the next band, {next}, starts at {min} ({gap} points away).",
        "Skor {score}, kategori {band}: kategori berikutnya, {next}, mulai dari {min} "
        "(selisih {gap} poin).",
    ),
    "explain-top-band": (
        "Score {score}: already in the top band, {band}.",
        "Skor {score}: sudah di kategori tertinggi, {band}.",
    ),
    "explain-factors-heading": (
        "Factor contributions against the median of the selected regions",
        "Kontribusi faktor dibanding median wilayah terpilih",
    ),
    "median-selected": ("Median (selected)", "Median (terpilih)"),
    "difference": ("Difference", "Selisih"),
    "strengths": ("Strengths", "Kekuatan"),
    "weaknesses": ("Weaknesses", "Kelemahan"),
    "highlights-basis-median": (
        "points above or below the median of the selected regions",
        "poin di atas atau di bawah median wilayah terpilih",
    ),
    "highlights-basis-alone": (
        "points of the total earned or lost",
        "poin total yang diperoleh atau hilang",
    ),
    "failed-heading": (
        "Eligibility rules failed: {count}",
        "Syarat kelayakan yang tidak terpenuhi: {count}",
    ),
    "failed-gate": (
        "{target} is {value}; the gate needs at least {required}",
        "{target} bernilai {value}; syarat minimumnya {required}",
    ),
    "failed-factor": (
        "{target} scores {value}; it needs at least {required}",
        "{target} bernilai {value}; minimal {required}",
    ),
    "failed-coverage": (
        "coverage is {value}; it needs at least {required}",
        "cakupan {value}; minimal {required}",
    ),
    "steps-heading": (
        "Single steps from the submission as it is, by points gained",
        "Langkah tunggal dari pengajuan saat ini, menurut poin yang diperoleh",
    ),
    "path-heading-cohort": (
        "Fewest steps to get over the cut-off: {count}",
        "Langkah paling sedikit untuk melewati batas seleksi: {count}",
    ),
    "path-heading-band": (
        "Fewest steps to reach {target}: {count}",
        "Langkah paling sedikit untuk mencapai {target}: {count}",
    ),
    "path-cohort": (
        "After these {count} step(s) the region scores {score}, ranks {rank} and is selected "
        "into cohort {year}, if the other regions stay as they are.",
        "Setelah {count} langkah ini wilayah bernilai {score}, berperingkat {rank} dan "
        "terpilih ke angkatan {year}, bila wilayah lain tetap seperti sekarang.",
    ),
    "path-band": (
        "After these {count} step(s) the region scores {score}: {band}.",
        "Setelah {count} langkah ini wilayah bernilai {score}: {band}.",
    ),
    "path-nothing": ("Nothing to do.", "Tidak ada yang perlu dilakukan."),
    "path-unreachable": (
        "No set of changes to the indicators reaches the target.",
        "Tidak ada himpunan perubahan indikator yang mencapai target.",
    ),
    "path-not-proven": (
        "The search stopped at its limit of {limit} sets of indicators: no path has fewer "
        "than {fewest} steps, but one shorter than this may exist.",
        "Pencarian berhenti pada batasnya, {limit} himpunan indikator: tidak ada jalur dengan "
        "kurang dari {fewest} langkah, tetapi jalur yang lebih pendek dari ini mungkin ada.",
    ),
    "path-not-found": (
        "No path was found before the search stopped.",
        "Tidak ada jalur yang ditemukan sebelum pencarian berhenti.",
    ),
    "cheapest-note": (
        "Fewest steps, not least effort: a step changes one indicator, and no set of fewer "
        "indicators reaches the target. Of the sets of this size that do, the one that scores "
        "highest with each indicator at its best is taken; each step is then the least value "
        "that still gets there. The other regions stay as they are.",
        "Langkah paling sedikit, bukan upaya paling kecil: satu langkah mengubah satu "
        "indikator, dan tidak ada himpunan indikator yang lebih kecil yang mencapai target. "
        "Dari himpunan sebesar ini yang mencapainya dipilih yang nilainya tertinggi bila setiap "
        "indikatornya bernilai terbaik; lalu setiap langkah adalah nilai terkecil yang masih "
        "mencapainya. Wilayah lain dianggap tetap.",
    ),
    "from": ("From", "Dari"),
    "to": ("To", "Menjadi"),
    "gain": ("Gain", "Tambahan"),
    "total-after": ("Total after", "Total sesudah"),
    "rank-after": ("Rank after", "Peringkat sesudah"),
    "fixes": ("Fixes", "Memperbaiki"),
    "fix-gate": ("gate", "syarat minimum"),
    "fix-factor-min": ("factor minimum", "skor minimum faktor"),
    "fix-coverage": ("coverage", "cakupan"),
    "explain-one-submission": (
        "{path} holds {count} submissions; explain takes a file with exactly one",
        "{path} berisi {count} pengajuan; explain memerlukan berkas dengan tepat satu",
    ),
    "explain-excluded": (
        "region {code} is excluded (--exclude), so it cannot be selected in this round",
        "wilayah {code} dikecualikan (--exclude), jadi tidak dapat terpilih pada putaran ini",
    ),
    # --- issue 17: Excel workbooks (add entries below this line) ---
    "usage-xlsx-extra": (
        "Excel workbooks (.xlsx) need the optional 'xlsx' extra (openpyxl), which is not "
        "installed ({detail}); install it with: pip install 'smartcity-assess[xlsx]'",
        "buku kerja Excel (.xlsx) membutuhkan tambahan opsional 'xlsx' (openpyxl) yang belum "
        "terpasang ({detail}); pasang dengan: pip install 'smartcity-assess[xlsx]'",
    ),
    "usage-binary-terminal": (
        "--format xlsx writes a workbook, not text: give -o FILE.xlsx (or redirect stdout)",
        "--format xlsx menulis buku kerja, bukan teks: berikan -o BERKAS.xlsx (atau alihkan "
        "stdout)",
    ),
    "xlsx-not-zip": (
        "not an Excel workbook: a .xlsx file is a zip archive and this one is not (an old "
        ".xls, or another file renamed?); save it from the spreadsheet as .xlsx, or export "
        "the sheet as CSV",
        "bukan buku kerja Excel: berkas .xlsx adalah arsip zip dan berkas ini bukan (berkas "
        ".xls lama, atau berkas lain yang diganti namanya?); simpan sebagai .xlsx dari "
        "aplikasi lembar kerja, atau ekspor lembarnya sebagai CSV",
    ),
    "xlsx-unreadable": (
        "the workbook cannot be read ({detail}); open it in a spreadsheet and save it again "
        "as .xlsx",
        "buku kerja tidak dapat dibaca ({detail}); buka di aplikasi lembar kerja lalu simpan "
        "lagi sebagai .xlsx",
    ),
    "xlsx-entries": (
        "the workbook holds {count} parts, more than any spreadsheet writes; refused unread",
        "buku kerja berisi {count} bagian, lebih dari yang ditulis aplikasi lembar kerja mana "
        "pun; ditolak tanpa dibaca",
    ),
    "xlsx-uncompressed": (
        "the workbook unpacks to {size} bytes, over the limit of {limit}; refused unread "
        "(export the sheet as CSV, or split it)",
        "buku kerja terurai menjadi {size} bita, melebihi batas {limit}; ditolak tanpa dibaca "
        "(ekspor lembarnya sebagai CSV, atau pecah)",
    ),
    "xlsx-no-sheet": (
        "the workbook has no worksheet",
        "buku kerja tidak memiliki lembar kerja",
    ),
    "xlsx-empty": (
        "the first sheet ({sheet}) is empty: the regions go one a row, under a header row",
        "lembar pertama ({sheet}) kosong: wilayah diisi satu per baris, di bawah baris judul kolom",
    ),
    "xlsx-rows": (
        "the sheet has more than {limit} rows; use a CSV file for a pool this large",
        "lembar kerja berisi lebih dari {limit} baris; gunakan berkas CSV untuk kumpulan "
        "sebesar ini",
    ),
    "xlsx-columns": (
        "a value beyond column {limit}, further right than any submission goes",
        "ada nilai di luar kolom {limit}, lebih ke kanan daripada kolom pengajuan mana pun",
    ),
    "xlsx-formula": (
        "the cell holds a formula ({formula}), not a value: formulas are not read (their "
        "saved result may be stale or missing); paste the value in (Paste Special > Values)",
        "sel berisi rumus ({formula}), bukan nilai: rumus tidak dibaca (hasil tersimpannya "
        "bisa usang atau tidak ada); tempelkan nilainya (Tempel Spesial > Nilai)",
    ),
    "xlsx-merged": (
        "cells {cells} are merged, so only the first holds the value; unmerge them and give "
        "each row its own value",
        "sel {cells} digabung, sehingga hanya sel pertama yang berisi nilai; pisahkan dan "
        "isi nilai setiap baris sendiri-sendiri",
    ),
    "xlsx-code-number": (
        "region code was read as the number {got}, which has lost the code's form (32.10 "
        "becomes 32.1): format the column as Text and type the code again, as PP.RR",
        "kode wilayah terbaca sebagai angka {got}, sehingga bentuk kodenya hilang (32.10 "
        "menjadi 32.1): format kolomnya sebagai Teks lalu ketik ulang kodenya, sebagai PP.RR",
    ),
    "xlsx-form-head-key": ("Key (do not change)", "Kunci (jangan diubah)"),
    "xlsx-form-head-value": ("Value", "Nilai"),
    "xlsx-form-head-field": ("Field", "Isian"),
    "xlsx-form-head-allowed": ("Allowed values", "Nilai yang sah"),
    "xlsx-sheet-form": ("Submission", "Pengajuan"),
    "xlsx-sheet-indicators": ("Indicators", "Indikator"),
    "xlsx-sheet-lists": ("Lists", "Daftar"),
    "xlsx-sheet-ranking": ("Ranking", "Peringkat"),
    "xlsx-sheet-about": ("About", "Tentang"),
    "xlsx-head-code": ("Region code (PP.RR)", "Kode wilayah (PP.RR)"),
    "xlsx-head-name": ("Official name", "Nama resmi"),
    "xlsx-head-province": ("Province", "Provinsi"),
    "xlsx-head-kind": ("Kabupaten or kota", "Kabupaten atau kota"),
    "xlsx-head-year": ("Year of the round", "Tahun putaran"),
    "xlsx-note-code": (
        "Required. Kemendagri region code PP.RR, e.g. 32.12; the column is formatted as text, "
        "so that 32.10 stays 32.10.",
        "Wajib. Kode wilayah Kemendagri PP.RR, misalnya 32.12; kolomnya berformat teks, agar "
        "32.10 tetap 32.10.",
    ),
    "xlsx-note-name": (
        "Required. Official name, e.g. Kabupaten Indramayu or Kota Bandung.",
        "Wajib. Nama resmi, misalnya Kabupaten Indramayu atau Kota Bandung.",
    ),
    "xlsx-note-province": (
        "Optional when the code is in the bundled registry of 514 kabupaten/kota, e.g. Jawa Barat.",
        "Boleh kosong bila kodenya ada di daftar 514 kabupaten/kota bawaan, misalnya Jawa Barat.",
    ),
    "xlsx-note-kind": (
        "Required. kabupaten or kota; it must agree with the code (kota use 71-99).",
        "Wajib. kabupaten atau kota; harus sesuai dengan kode (kota memakai 71-99).",
    ),
    "xlsx-note-year": (
        "Optional. The assessment round, e.g. {year}; the form's first row has it filled in.",
        "Boleh kosong. Putaran penilaian, misalnya {year}; baris pertama formulir sudah "
        "berisi tahun ini.",
    ),
    "xlsx-invalid-cell": (
        "This value is not allowed here: see the sheet of indicators for what the column takes.",
        "Nilai ini tidak diperbolehkan di sini: lihat lembar indikator untuk isian kolom ini.",
    ),
    "xlsx-ind-column": ("column", "kolom"),
    "xlsx-ind-factor": ("factor", "faktor"),
    "xlsx-ind-indicator": ("indicator", "indikator"),
    "xlsx-ind-meaning": ("meaning", "arti"),
    "xlsx-ind-unit": ("unit", "satuan"),
    "xlsx-ind-allowed": ("allowed values", "nilai yang sah"),
    "xlsx-ind-required": ("required", "wajib"),
    "xlsx-ind-weight": ("weight", "bobot"),
    "xlsx-criteria": (
        "Criteria: {id} {version} (sha256 {sha}).",
        "Kriteria: {id} {version} (sha256 {sha}).",
    ),
    "xlsx-layout": (
        "the first sheet is in neither layout: no 'code' cell in its first 10 non-blank rows; "
        "either one region a row under a header row of column ids (code, name, kind, ...), "
        "or a form: a column of keys (code, name, kind, ...) with each value in the cell to "
        "its right",
        "lembar pertama tidak berbentuk keduanya: tidak ada sel 'code' di 10 baris tidak "
        "kosong pertamanya; isi satu wilayah per baris di bawah baris judul kolom (code, "
        "name, kind, ...), atau formulir: satu kolom kunci (code, name, kind, ...) dengan "
        "nilai masing-masing di sel sebelah kanannya",
    ),
    "xlsx-form-no-key": (
        "a value with no key to its left; give it a key or clear the cell",
        "ada nilai tanpa kunci di sebelah kirinya; beri kunci atau kosongkan selnya",
    ),
    "xlsx-form-duplicate": (
        "key '{key}' appears twice (first at {other})",
        "kunci '{key}' muncul dua kali (pertama di {other})",
    ),
    "xlsx-outside": (
        "a value in a column without a header; give the column a header or clear the cell",
        "ada nilai di kolom tanpa judul kolom; beri judul kolom atau kosongkan selnya",
    ),
    # --- issue 15: a panel of assessors (add entries below this line) ---
    "interview-number": (
        "source: interview is for number indicators only, not {type} (the assessors' values "
        "are aggregated as numbers)",
        "source: interview hanya untuk indikator number, bukan {type} (nilai para penilai "
        "diagregasi sebagai angka)",
    ),
    "interview-required": (
        "an interview item cannot be required of a submission: the panel gives its value "
        "(panel.min_assessors says how many assessors must score it)",
        "butir wawancara tidak bisa diwajibkan pada pengajuan: panel yang memberi nilainya "
        "(panel.min_assessors menentukan berapa penilai yang harus menilainya)",
    ),
    "panel-trim": (
        "trim is for aggregate: trimmed-mean, not {aggregate}",
        "trim hanya untuk aggregate: trimmed-mean, bukan {aggregate}",
    ),
    "interview-value": (
        "this item is scored by the panel of assessors (source: interview): a submission "
        "leaves it empty, but it has {got}",
        "butir ini dinilai oleh panel penilai (source: interview): pengajuan membiarkannya "
        "kosong, tetapi berisi {got}",
    ),
    "panel-file-kind": (
        "not an assessor file: the panel's files are YAML (*.yaml, *.yml), one per assessor "
        "per region",
        "bukan berkas penilai: berkas panel berformat YAML (*.yaml, *.yml), satu per penilai "
        "per daerah",
    ),
    "panel-shape": (
        "an assessor file holds one YAML document: one assessor's values for one region",
        "berkas penilai berisi satu dokumen YAML: nilai satu penilai untuk satu daerah",
    ),
    "panel-questionnaire": (
        "'{address}' is a questionnaire item of type {type}: an assessor file verifies "
        "number items only (the panel's values are aggregated as numbers); check a level or "
        "yes/no claim in the submission (docs/verification.md)",
        "'{address}' adalah butir kuesioner bertipe {type}: berkas penilai hanya "
        "memverifikasi butir number (nilai panel diagregasi sebagai angka); periksa klaim "
        "level atau ya/tidak di pengajuan (docs/verification.md)",
    ),
    # panelq: the panel verifies questionnaire claims
    "ag-summary-claims": (
        "{short} questionnaire item(s) with too few assessors: the claim stands (not checked).",
        "{short} butir kuesioner dengan penilai terlalu sedikit: klaim tetap berlaku (tidak "
        "diperiksa).",
    ),
    "panel-verified-twice": (
        "the claim of '{address}' of region {code} is already checked in its submission "
        "({status} by {by}, at {other}): a claim is verified once; remove that check or "
        "this value",
        "klaim '{address}' daerah {code} sudah diperiksa di pengajuannya ({status} oleh {by}, "
        "di {other}): satu klaim diverifikasi sekali; hapus pemeriksaan itu atau nilai ini",
    ),
    "panel-no-assessor": (
        "the assessor's name is blank",
        "nama penilai kosong",
    ),
    "panel-bad-code": (
        "'{got}' is not a region code (PP.RR, e.g. \"32.12\", in quotes)",
        "'{got}' bukan kode daerah (PP.RR, mis. \"32.12\", dalam tanda kutip)",
    ),
    "panel-duplicate": (
        "assessor '{assessor}' scores region {code} twice (first at {other})",
        "penilai '{assessor}' menilai daerah {code} dua kali (pertama di {other})",
    ),
    "panel-not-in-pool": (
        "region {code} is not in the pool: no submission is about it",
        "daerah {code} tidak ada dalam kumpulan: tidak ada pengajuan untuk daerah itu",
    ),
    "panel-unknown-region": (
        "region {code} is not in the registry of kabupaten/kota",
        "daerah {code} tidak ada dalam daftar kabupaten/kota",
    ),
    "usage-assessors-criteria": (
        "--assessors needs criteria with an item the panel can score (an interview item, or "
        "a number questionnaire item); '{id}' has none (docs/panel.md)",
        "--assessors memerlukan kriteria dengan butir yang dapat dinilai panel (butir "
        "wawancara, atau butir kuesioner number); '{id}' tidak memilikinya (docs/panel.md)",
    ),
    "sch-crit-questionnaire": (
        "The id of the criteria whose submissions these criteria read too: the same "
        "questionnaire, with interview items that only the panel scores.",
        "Id kriteria yang pengajuannya juga dibaca oleh kriteria ini: kuesioner yang sama, "
        "ditambah butir wawancara yang hanya dinilai panel.",
    ),
    "sch-crit-panel": (
        "How the panel of assessors' values of an interview item become its value, and when "
        "they disagree (docs/panel.md).",
        "Cara nilai para penilai untuk butir wawancara menjadi nilainya, dan kapan mereka "
        "dianggap tidak sepakat (docs/panel.md).",
    ),
    "sch-crit-indicator-source": (
        "Who gives the value: questionnaire (the region's submission, the default) or "
        "interview (only the panel of assessors; number indicators only).",
        "Siapa yang memberi nilai: questionnaire (pengajuan daerah, bawaan) atau interview "
        "(hanya panel penilai; khusus indikator number).",
    ),
    "sch-crit-panel-aggregate": (
        "The assessors' values as one: median (the default), mean or trimmed-mean.",
        "Nilai para penilai menjadi satu: median (bawaan), mean atau trimmed-mean.",
    ),
    "sch-crit-panel-trim": (
        "With trimmed-mean: the share of values cut from each end (0 to below 0.5; default 0.2).",
        "Dengan trimmed-mean: bagian nilai yang dipangkas dari tiap ujung (0 sampai di bawah "
        "0,5; bawaan 0,2).",
    ),
    "sch-crit-panel-disagreement": (
        "Flag an item whose assessors' values span more than this many points of its 0-100 "
        "score (default 25).",
        "Tandai butir yang nilai para penilainya berselisih lebih dari sekian poin skor "
        "0-100-nya (bawaan 25).",
    ),
    "sch-crit-panel-min-assessors": (
        "The fewest assessors an item needs for a value (default 2); with fewer it has none "
        "and is scored as missing.",
        "Jumlah penilai paling sedikit agar butir bernilai (bawaan 2); bila kurang, butir "
        "tidak bernilai dan dinilai sebagai kosong.",
    ),
    "indicator-interview": (
        "{type}, interview (scored by the panel)",
        "{type}, wawancara (dinilai panel)",
    ),
    "cutoff-odds-panel": (
        "Under the declared uncertainty and the panel's spread ({runs} runs), P(in {year} or "
        "earlier): {regions}.",
        "Dengan ketidakpastian yang dinyatakan dan sebaran nilai panel ({runs} putaran), "
        "P(masuk {year} atau sebelumnya): {regions}.",
    ),
    "usage-assessors-empty": (
        "{path} holds no assessor file (*.yaml, *.yml)",
        "{path} tidak berisi berkas penilai (*.yaml, *.yml)",
    ),
    "record-assessor-files": (
        "The panel's assessor files (interview items, verified claims)",
        "Berkas penilai panel (butir wawancara, klaim yang diverifikasi)",
    ),
    "record-assessor": ("Assessor", "Penilai"),
    "ag-title": ("Panel agreement: {title}", "Kesepakatan panel: {title}"),
    "ag-settings": (
        "Aggregate: {aggregate}. Disagreement: a range above {threshold} points of the item's "
        "0-100 score. At least {minimum} assessor(s) per item. {assessors} assessor(s), "
        "{regions} region(s).",
        "Agregasi: {aggregate}. Ketidaksepakatan: rentang di atas {threshold} poin dari skor "
        "0-100 butir. Minimal {minimum} penilai per butir. {assessors} penilai, {regions} daerah.",
    ),
    "ag-aggregate-median": ("median", "median"),
    "ag-aggregate-mean": ("mean", "rata-rata"),
    "ag-aggregate-trimmed-mean": (
        "trimmed mean (trim {trim} from each end)",
        "rata-rata terpangkas ({trim} dari tiap ujung)",
    ),
    "ag-items-heading": ("Items per region", "Butir per daerah"),
    "ag-alpha-heading": (
        "Inter-rater reliability (Krippendorff's alpha)",
        "Reliabilitas antarpenilai (alpha Krippendorff)",
    ),
    "ag-alpha-note": (
        "Alpha is 1 for perfect agreement and 0 for agreement no better than chance; per "
        "item over the regions, and over all items on the 0-1 score scale. '-' where it is "
        "not defined (no region with two values, or no variation).",
        "Alpha bernilai 1 untuk kesepakatan sempurna dan 0 untuk kesepakatan yang tidak lebih "
        "baik dari kebetulan; per butir atas semua daerah, dan atas semua butir pada skala "
        "skor 0-1. '-' bila tidak terdefinisi (tidak ada daerah dengan dua nilai, atau tidak "
        "ada variasi).",
    ),
    "ag-item": ("item", "butir"),
    "ag-n": ("n", "n"),
    "ag-values": ("values", "nilai"),
    "ag-value": ("aggregate", "agregat"),
    "ag-min": ("min", "min"),
    "ag-max": ("max", "maks"),
    "ag-range": ("range", "rentang"),
    "ag-sd": ("SD", "SB"),
    "ag-score-range": ("range (0-100)", "rentang (0-100)"),
    "ag-flag": ("flag", "tanda"),
    "ag-too-few": ("too few assessors", "penilai terlalu sedikit"),
    "ag-legend": ("Assessors: {assessors}.", "Penilai: {assessors}."),
    "ag-too-few-short": ("too few", "kurang penilai"),
    "ag-disagree": ("disagree", "tidak sepakat"),
    "ag-units": ("regions", "daerah"),
    "ag-pairable": ("values", "nilai"),
    "ag-alpha-interval": ("alpha (interval)", "alpha (interval)"),
    "ag-alpha-ordinal": ("alpha (ordinal)", "alpha (ordinal)"),
    "ag-all-items": ("all items", "semua butir"),
    "ag-summary": (
        "{items} item(s) scored; {flagged} flagged for disagreement; {short} with too few "
        "assessors (no value: scored as missing).",
        "{items} butir dinilai; {flagged} ditandai tidak sepakat; {short} dengan penilai "
        "terlalu sedikit (tanpa nilai: dinilai sebagai kosong).",
    ),
    # --- issue 15: claimed vs verified values (verify; add entries below this line) ---
    "verification-csv": (
        "column '{name}' holds a claim's verification, which is read from YAML submissions"
        " only (docs/verification.md): remove the column and write the check in YAML",
        "kolom '{name}' berisi verifikasi klaim, yang hanya dibaca dari pengajuan YAML"
        " (docs/verification.md): hapus kolom ini dan tulis pemeriksaannya di YAML",
    ),
    "evidence-twice": (
        "the evidence of {address} is given here and under the top-level 'evidence' (line"
        " {at}): give it in one place",
        "bukti untuk {address} diberikan di sini dan di 'evidence' tingkat atas (baris"
        " {at}): berikan di satu tempat saja",
    ),
    "corrected-without-verified": (
        "status 'corrected' needs the value found ('verified:')",
        "status 'corrected' memerlukan nilai hasil pemeriksaan ('verified:')",
    ),
    "corrected-same": (
        "the verified value {value} is the claim itself: use status 'verified', or give the"
        " corrected value",
        "nilai terverifikasi {value} sama dengan klaim: gunakan status 'verified', atau"
        " berikan nilai koreksinya",
    ),
    "verified-differs": (
        "the verified value {value} differs from the claim {claimed}: use status 'corrected'",
        "nilai terverifikasi {value} berbeda dari klaim {claimed}: gunakan status 'corrected'",
    ),
    "verified-not-allowed": (
        "a value with status '{status}' carries no verified value (a value found in its"
        " place is status 'corrected')",
        "nilai berstatus '{status}' tidak memuat nilai terverifikasi (nilai pengganti hasil"
        " pemeriksaan berstatus 'corrected')",
    ),
    "verified-by-missing": (
        "status '{status}' needs who checked the claim ('verified_by:')",
        "status '{status}' memerlukan nama pemeriksa klaim ('verified_by:')",
    ),
    "sch-crit-value-basis": (
        "Which value scores where a submission gives a claim and its verification:"
        " verified-else-claimed (the default: the verified value where there is one, the"
        " claim otherwise; a rejected claim counts as missing), claimed (the claims, as if"
        " nobody checked), verified-only (a value not verified counts as missing).",
        "Nilai mana yang dinilai bila pengajuan memuat klaim dan verifikasinya:"
        " verified-else-claimed (bawaan: nilai terverifikasi bila ada, selain itu klaim;"
        " klaim yang ditolak dianggap tidak diisi), claimed (klaim, seolah tidak diperiksa),"
        " verified-only (nilai yang tidak terverifikasi dianggap tidak diisi).",
    ),
    "sch-checked-title": ("Claim and verification", "Klaim dan verifikasi"),
    "sch-checked-description": (
        "The value as claimed, with its evidence and what verification made of it"
        " (docs/verification.md). Which value scores is the criteria's value_basis.",
        "Nilai sebagaimana diklaim, dengan buktinya dan hasil verifikasinya"
        " (docs/verification.md). Nilai yang dinilai ditentukan value_basis kriteria.",
    ),
    "sch-checked-claimed": ("The value as the region claimed it.", "Nilai yang diklaim daerah."),
    "sch-checked-verified": (
        "The value verification found: required for 'corrected' (and then different from"
        " the claim), optional for 'verified' (then equal to it), absent otherwise.",
        "Nilai hasil pemeriksaan: wajib untuk 'corrected' (dan berbeda dari klaim), opsional"
        " untuk 'verified' (dan sama dengan klaim), selain itu tidak diisi.",
    ),
    "sch-checked-status": (
        "verified, corrected, rejected (the claim is not accepted: it counts as missing) or"
        " not-checked (the default).",
        "verified, corrected, rejected (klaim tidak diterima: dianggap tidak diisi) atau"
        " not-checked (bawaan).",
    ),
    "sch-checked-verified-by": (
        "Who checked the claim; required unless not-checked.",
        "Pemeriksa klaim; wajib kecuali not-checked.",
    ),
    "sch-checked-note": ("A remark on the check.", "Catatan pemeriksaan."),
    "sch-checked-evidence": (
        "Where the claim can be checked: document, and optionally link and page. Not with"
        " the top-level evidence of the same indicator.",
        "Tempat klaim dapat diperiksa: dokumen, serta tautan dan halaman bila ada. Tidak"
        " bersama evidence tingkat atas untuk indikator yang sama.",
    ),
    "sch-checked-evidence-title": ("Evidence", "Bukti"),
    "sch-evidence-document": (
        "The document: its title and issuer.",
        "Dokumen: judul dan penerbitnya.",
    ),
    "sch-evidence-link": ("Where the document can be read.", "Alamat tempat dokumen dapat dibaca."),
    "sch-evidence-page": (
        "The page (a number from 1, or text such as '12-14').",
        "Halaman (angka mulai 1, atau teks seperti '12-14').",
    ),
    "method-value-basis": ("Value that scores", "Nilai yang dinilai"),
    "ver-title": ("Verification ({basis})", "Verifikasi ({basis})"),
    "ver-indicator": ("Indicator", "Indikator"),
    "ver-claimed": ("Claimed", "Klaim"),
    "ver-verified": ("Verified", "Terverifikasi"),
    "ver-status": ("Status", "Status"),
    "ver-by": ("By", "Oleh"),
    "ver-points": ("Points", "Poin"),
    "ver-contribution": ("Factor contribution", "Kontribusi faktor"),
    "ver-total": (
        "Total under the claims {claimed}, as scored {total} ({change}).",
        "Total menurut klaim {claimed}, sebagaimana dinilai {total} ({change}).",
    ),
    "ver-none": ("-", "-"),
    "ver-status-verified": ("verified", "terverifikasi"),
    "ver-status-corrected": ("corrected", "dikoreksi"),
    "ver-status-rejected": ("rejected", "ditolak"),
    "ver-status-not-checked": ("not checked", "belum diperiksa"),
    "ver-status-unchecked": ("no check", "tanpa pemeriksaan"),
    # --- issue 15: where verification moved a score in the rank reports (verview) ---
    "verview-heading": (
        "Where verification moved a score ({count})",
        "Tempat verifikasi mengubah skor ({count})",
    ),
    "verview-note": (
        "Value basis: {basis}; {checked} region(s) carry verification. Rank and cohort are"
        " those as scored: the pool is not ranked again under the claims, so a cohort"
        " verification changed is not shown.",
        "Dasar nilai: {basis}; {checked} wilayah memuat verifikasi. Peringkat dan angkatan"
        " adalah hasil penilaian: kumpulan tidak diperingkat ulang menurut klaim, sehingga"
        " angkatan yang diubah verifikasi tidak ditampilkan.",
    ),
    "verview-none": (
        "Verification moved no region's score.",
        "Verifikasi tidak mengubah skor wilayah mana pun.",
    ),
    "verview-claimed": ("Score as claimed", "Skor menurut klaim"),
    "verview-scored": ("Score as scored", "Skor sebagaimana dinilai"),
    "verview-change": ("Change", "Perubahan"),
    "verview-moved": ("Values moved", "Nilai berubah"),
    "verview-sheet": ("Verification", "Verifikasi"),
    # --- groups: regions reserved places may be kept for (criteria ``groups``) ---
    "group-unknown": (
        "reserved places for group '{group}', which is neither shipped nor declared in "
        "'groups'; known groups: {known}",
        "kuota khusus untuk kelompok '{group}', yang tidak disertakan dan tidak dideklarasikan "
        "di 'groups'; kelompok yang dikenal: {known}",
    ),
    "group-shipped": (
        "group '{group}' is shipped with the package (daerah tertinggal, Perpres 63/2020) and "
        "cannot be declared again; give the group another id",
        "kelompok '{group}' sudah disertakan (daerah tertinggal, Perpres 63/2020) dan tidak "
        "dapat dideklarasikan lagi; beri kelompok id lain",
    ),
    "group-empty": (
        "group '{group}' lists no region codes",
        "kelompok '{group}' tidak mencantumkan kode wilayah",
    ),
    "group-code-twice": (
        "region code {code} is listed twice in the group (first at {other})",
        "kode wilayah {code} tercantum dua kali dalam kelompok (pertama di {other})",
    ),
    "group-code-unknown": (
        "region code {code} is no kabupaten or kota of the registry, in any year",
        "kode wilayah {code} bukan kabupaten atau kota dalam registri, pada tahun mana pun",
    ),
    "group-code-format": (
        "'{value}' is not a region code: write PP.RR in quotes, as \"61.01\"",
        "'{value}' bukan kode wilayah: tulis PP.RR dalam tanda kutip, seperti \"61.01\"",
    ),
    "reserved-too-many-size": (
        "{places} reserved places cannot fit in a cohort of {room}",
        "{places} kuota khusus tidak muat dalam angkatan berukuran {room}",
    ),
    "equity-rule-reserved-group": ("reserved places for {name}", "kuota khusus {name}"),
    "equity-reserved-group": (
        "{places} place(s) reserved for {name} ({source}, {year})",
        "{places} tempat khusus {name} ({source}, {year})",
    ),
    "crit-groups": ("Groups", "Kelompok"),
    "crit-group": (
        "{id}: {name} ({source}, {year}); {count} region(s)",
        "{id}: {name} ({source}, {year}); {count} wilayah",
    ),
    "sch-crit-groups": (
        "Groups of regions that a cohort's reserved places may name, besides the shipped "
        "'tertinggal': by id, each with its name, the source that lists the regions, its "
        "year, and their codes (PP.RR, any year's code, written in quotes).",
        "Kelompok wilayah yang dapat disebut kuota khusus angkatan, selain 'tertinggal' yang "
        "disertakan: menurut id, masing-masing dengan nama, sumber yang mencantumkan "
        "wilayahnya, tahunnya, dan kode-kodenya (PP.RR, kode tahun mana pun, dalam tanda "
        "kutip).",
    ),
    "sch-crit-reserved-group": (
        "The group the places are kept for: 'tertinggal' (the daerah tertinggal 2020-2024, "
        "Perpres 63/2020, shipped) or a group declared in 'groups'.",
        "Kelompok yang mendapat kuota: 'tertinggal' (daerah tertinggal 2020-2024, Perpres "
        "63/2020, disertakan) atau kelompok yang dideklarasikan di 'groups'.",
    ),
    # mend: fixes from the review of the panel round.
    "ag-region-legend": ("Regions: {regions}.", "Daerah: {regions}."),
    "override-unknown-assessor": (
        "the override of {code} names '{name}', who is none of the panel's assessors "
        "({known}): check the spelling (a panel member who scored no region may sign)",
        "keputusan untuk {code} menyebut '{name}', yang bukan penilai panel ({known}): "
        "periksa ejaannya (anggota panel yang tidak menilai daerah mana pun boleh menandatangani)",
    ),
    "panel-too-few": (
        "region {code}: interview item '{address}' was scored by {n} assessor(s) ({names}), "
        "fewer than the criteria's panel.min_assessors ({least}): it has no value, and the "
        "region is scored without it (the criteria's missing rule)",
        "daerah {code}: butir wawancara '{address}' dinilai oleh {n} penilai ({names}), "
        "kurang dari panel.min_assessors kriteria ({least}): butir itu tidak bernilai, dan "
        "daerah dinilai tanpanya (aturan missing kriteria)",
    ),
    "usage-history-unknown": (
        "'{code}' is not a region code in any year of the registry",
        "'{code}' bukan kode wilayah pada tahun mana pun dalam daftar wilayah",
    ),
    "cutoff-in-uncertainty-spread": (
        "That is {times} x its uncertainty (from the panel's spread).",
        "Itu {times} x ketidakpastiannya (dari sebaran nilai panel).",
    ),
    "panel-criteria-mismatch": (
        "assessor file is for criteria '{given}', but the criteria in use are '{expected}'",
        "berkas penilai ditujukan untuk kriteria '{given}', sedangkan kriteria yang dipakai "
        "'{expected}'",
    ),
}


_DECIMAL_COMMA = str.maketrans({".": ",", ",": "."})


def number_text(text: str, lang: Lang) -> str:
    """A number written the English way (``66.79``, ``12,000``, ``40.5%``) as ``lang`` writes
    it: Indonesian swaps the marks (``66,79``, ``12.000``). Every human-format number goes
    through here; JSON and CSV keep the English form, which tools read."""
    return text.translate(_DECIMAL_COMMA) if lang == "id" else text


@dataclass(frozen=True)
class Num:
    """A number in a message, already formatted the English way; shown in the message's
    language (``number_text``)."""

    text: str


@dataclass(frozen=True)
class Named:
    """An id in a message, with what an Indonesian reader is shown instead: English messages
    have always named the id (``policy.egov_regulation is none``), Indonesian ones use the
    criteria's labels."""

    id: str
    label_id: str


@dataclass(frozen=True)
class Msg:
    """A message to render later, in whatever language the report is in."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Msg:
        return cls(key, tuple(sorted(params.items())))


def t(lang: Lang, key: str, /, **params: Any) -> str:
    """Render ``key`` in ``lang``; unknown keys render as the key itself (never raise)."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key if not params else f"{key}: {params}"
    template = entry[1] if lang == "id" else entry[0]
    rendered = {name: _param(lang, value) for name, value in params.items()}
    try:
        return template.format(**rendered)
    except (KeyError, IndexError, ValueError):
        return template


def _param(lang: Lang, value: Any) -> Any:
    if isinstance(value, Msg):
        return t(lang, value.key, **dict(value.params))
    if isinstance(value, Num):
        return number_text(value.text, lang)
    if isinstance(value, Named):
        return value.label_id if lang == "id" else value.id
    return value
