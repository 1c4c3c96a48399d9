//! Every export format is written and read back; column orders are the
//! published ones.

mod common;

use common::{doc, event, place, run, store};
use dyad_core::KnowledgeBase;
use dyad_store::export::legacy::{GDELT_COLUMNS, ICEWS_COLUMNS, PHOENIX_COLUMNS, POLECAT_COLUMNS};
use dyad_store::export::{export, flat, ExportOptions, Format};
use dyad_store::{Dedup, Filter, Store};
use std::path::{Path, PathBuf};

/// A store with two reports of one clash (two sources), a statement (no
/// PLOVER type) and a cooperation event.
fn sample() -> (Store, tempfile::TempDir) {
    let (mut s, dir, _) = store();
    let r = run(&mut s);
    s.write_batch(
        &r,
        &[
            doc(
                "ap-1",
                "AP",
                vec![
                    event(
                        "ap-1",
                        0,
                        "AZEMIL",
                        Some("ARMMIL"),
                        "190",
                        "2020-10-05",
                        Some(place("Fuzuli", "AZE", 147_622)),
                    ),
                    event("ap-1", 2, "RUS", None, "0256", "2020-10-05", None),
                ],
            ),
            doc(
                "reu-1",
                "Reuters",
                vec![
                    event(
                        "reu-1",
                        1,
                        "AZEMIL",
                        Some("ARMMIL"),
                        "193",
                        "2020-10-06",
                        None,
                    ),
                    event(
                        "reu-1",
                        3,
                        "USAGOV",
                        Some("IGOUNO"),
                        "0874",
                        "2020-10-07",
                        None,
                    ),
                ],
            ),
        ],
    )
    .unwrap();
    (s, dir)
}

fn run_export(s: &Store, dir: &Path, format: Format, name: &str, dedup: Dedup) -> PathBuf {
    let path = dir.join(name);
    let kb = KnowledgeBase::embedded();
    export(
        s,
        &Filter::default(),
        dedup,
        format,
        &path,
        &kb,
        &ExportOptions::default(),
    )
    .unwrap();
    path
}

fn tsv_rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_and_tsv_read_back_by_column_name() {
    let (s, dir) = sample();
    for (format, delim, name) in [(Format::Csv, b',', "e.csv"), (Format::Tsv, b'\t', "e.tsv")] {
        let path = run_export(&s, dir.path(), format, name, Dedup::Clusters);
        let mut r = csv::ReaderBuilder::new()
            .delimiter(delim)
            .from_path(&path)
            .unwrap();
        let headers = r.headers().unwrap().clone();
        assert_eq!(headers.iter().collect::<Vec<_>>(), flat::columns());
        let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3, "three clusters");
        let clash = &rows[0];
        assert_eq!(&clash[col("source.code")], "AZEMIL");
        assert_eq!(&clash[col("cameo")], "190");
        assert_eq!(&clash[col("num_mentions")], "2");
        assert_eq!(&clash[col("num_sources")], "2");
        assert_eq!(&clash[col("location.name")], "Fuzuli");
        assert_eq!(&clash[col("publisher")], "AP");
        assert!(
            clash[col("evidence.sentence_text")].contains('\t'),
            "quoted, not mangled"
        );
    }
}

#[test]
fn jsonl_is_the_event_record_with_store_fields() {
    let (s, dir) = sample();
    let path = run_export(&s, dir.path(), Format::Jsonl, "e.jsonl", Dedup::None);
    let text = std::fs::read_to_string(path).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    let first = &records[0];
    assert_eq!(first["source"]["code"], "AZEMIL");
    assert_eq!(first["location"]["geonames_id"], 147_622);
    assert_eq!(first["num_mentions"], 2);
    assert_eq!(first["kb_version"], "test-kb");
    let event: dyad_core::Event = serde_json::from_value(first.clone()).unwrap();
    assert_eq!(
        event.cameo, "190",
        "an Event reader ignores the extra fields"
    );
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_with_the_arrow_reader() {
    use arrow_array::{Array, Date32Array, Int64Array, Int8Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let (s, dir) = sample();
    let path = run_export(
        &s,
        dir.path(),
        Format::Parquet,
        "e.parquet",
        Dedup::Clusters,
    );
    let file = std::fs::File::open(&path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let names: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, dyad_store::export::parquet::column_names());
    let batches: Vec<_> = builder.build().unwrap().map(Result::unwrap).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 3);
    let b = &batches[0];
    let col = |n: &str| b.column(b.schema().index_of(n).unwrap()).clone();
    let codes = col("source_code");
    let codes = codes.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(codes.value(0), "AZEMIL");
    let mentions = col("num_mentions");
    assert_eq!(
        mentions
            .as_any()
            .downcast_ref::<Int64Array>()
            .unwrap()
            .value(0),
        2
    );
    let quads = col("quad_class");
    assert_eq!(
        quads.as_any().downcast_ref::<Int8Array>().unwrap().value(0),
        4
    );
    let dates = col("date");
    let dates = dates.as_any().downcast_ref::<Date32Array>().unwrap();
    assert_eq!(dates.value(0), 18_540, "2020-10-05 is day 18540 since 1970");
    let targets = col("target_code");
    let targets = targets.as_any().downcast_ref::<StringArray>().unwrap();
    assert!(targets.is_null(1), "RUS statement has no target");
}

#[test]
fn gdelt_has_61_columns_in_codebook_order() {
    let (s, dir) = sample();
    let path = run_export(
        &s,
        dir.path(),
        Format::Gdelt,
        "e.gdelt.tsv",
        Dedup::Clusters,
    );
    let rows = tsv_rows(&path);
    assert_eq!(rows.len(), 3, "no header");
    let col = |n: &str| GDELT_COLUMNS.iter().position(|c| *c == n).unwrap();
    for r in &rows {
        assert_eq!(r.len(), 61);
    }
    let clash = &rows[0];
    assert_eq!(clash[col("SQLDATE")], "20201005");
    assert_eq!(clash[col("MonthYear")], "202010");
    assert_eq!(clash[col("FractionDate")], "2020.8356"); // (10*30+5)/365
    assert_eq!(clash[col("Actor1Code")], "AZEMIL");
    assert_eq!(clash[col("Actor1CountryCode")], "AZE");
    assert_eq!(clash[col("Actor1Type1Code")], "MIL");
    assert_eq!(clash[col("Actor2Code")], "ARMMIL");
    assert_eq!(clash[col("IsRootEvent")], "1");
    assert_eq!(clash[col("EventCode")], "190");
    assert_eq!(clash[col("EventBaseCode")], "190");
    assert_eq!(clash[col("EventRootCode")], "19");
    assert_eq!(clash[col("QuadClass")], "4");
    assert_eq!(clash[col("GoldsteinScale")], "-10");
    assert_eq!(clash[col("NumMentions")], "2");
    assert_eq!(clash[col("NumSources")], "2");
    assert_eq!(clash[col("NumArticles")], "2");
    assert_eq!(clash[col("ActionGeo_Type")], "4");
    assert_eq!(
        clash[col("ActionGeo_FullName")],
        "Fuzuli, Fuzuli District, AZE"
    );
    assert_eq!(clash[col("ActionGeo_FeatureID")], "147622");
    assert_eq!(clash[col("DATEADDED")].len(), 14);
    assert_eq!(clash[col("SOURCEURL")], "https://AP.example/ap-1");
    let un = rows
        .iter()
        .find(|r| r[col("Actor2Code")] == "IGOUNO")
        .unwrap();
    assert_eq!(un[col("Actor2Type1Code")], "IGO");
    assert_eq!(un[col("Actor2KnownGroupCode")], "UNO");
    assert_eq!(un[col("EventBaseCode")], "087");
    // --header writes the column names first.
    let with_header = dir.path().join("h.tsv");
    let kb = KnowledgeBase::embedded();
    let opts = ExportOptions {
        header: true,
        ..Default::default()
    };
    export(
        &s,
        &Filter::default(),
        Dedup::Clusters,
        Format::Gdelt,
        &with_header,
        &kb,
        &opts,
    )
    .unwrap();
    assert_eq!(tsv_rows(&with_header)[0], GDELT_COLUMNS);
}

#[test]
fn icews_has_its_header_and_country_names() {
    let (s, dir) = sample();
    let path = run_export(
        &s,
        dir.path(),
        Format::Icews,
        "e.icews.tab",
        Dedup::Clusters,
    );
    let rows = tsv_rows(&path);
    assert_eq!(rows[0], ICEWS_COLUMNS);
    assert_eq!(rows.len(), 4);
    let col = |n: &str| ICEWS_COLUMNS.iter().position(|c| *c == n).unwrap();
    let clash = &rows[1];
    assert_eq!(clash[col("Event Date")], "2020-10-05");
    assert_eq!(clash[col("Source Country")], "Azerbaijan");
    assert_eq!(clash[col("Target Country")], "Armenia");
    assert_eq!(clash[col("CAMEO Code")], "190");
    assert_eq!(clash[col("Intensity")], "-10");
    assert_eq!(clash[col("Story ID")], "ap-1");
    assert_eq!(clash[col("Sentence Number")], "1");
    assert_eq!(clash[col("City")], "Fuzuli");
    assert_eq!(clash[col("Country")], "Azerbaijan");
}

#[test]
fn phoenix_joins_the_mentions_of_a_cluster() {
    let (s, dir) = sample();
    let path = run_export(
        &s,
        dir.path(),
        Format::Phoenix,
        "e.phoenix.tsv",
        Dedup::Clusters,
    );
    let rows = tsv_rows(&path);
    assert_eq!(rows.len(), 3);
    let col = |n: &str| PHOENIX_COLUMNS.iter().position(|c| *c == n).unwrap();
    for r in &rows {
        assert_eq!(r.len(), 26);
    }
    let clash = &rows[0];
    assert_eq!(clash[col("story_date")], "20201005");
    assert_eq!(clash[col("month")], "10");
    assert_eq!(clash[col("source_root")], "AZE");
    assert_eq!(clash[col("source_agent")], "MIL");
    assert_eq!(clash[col("root_code")], "19");
    assert_eq!(clash[col("quad_class")], "4");
    assert_eq!(clash[col("placename")], "Fuzuli");
    assert_eq!(clash[col("aid")].split(';').count(), 2);
    assert_eq!(clash[col("publisher")], "AP;Reuters");
    let statement = rows.iter().find(|r| r[col("code")] == "0256").unwrap();
    assert_eq!(
        statement[col("quad_class")],
        "0",
        "Phoenix codes roots 01-02 as 0"
    );
}

#[test]
fn polecat_has_its_header_and_leaves_out_events_without_plover() {
    let (s, dir) = sample();
    let path = dir.path().join("e.polecat.tsv");
    let kb = KnowledgeBase::embedded();
    let summary = export(
        &s,
        &Filter::default(),
        Dedup::Clusters,
        Format::Polecat,
        &path,
        &kb,
        &ExportOptions::default(),
    )
    .unwrap();
    assert_eq!((summary.rows, summary.skipped), (2, 1));
    let rows = tsv_rows(&path);
    assert_eq!(rows[0], POLECAT_COLUMNS);
    let col = |n: &str| POLECAT_COLUMNS.iter().position(|c| *c == n).unwrap();
    let clash = &rows[1];
    assert_eq!(clash.len(), 40);
    assert_eq!(clash[col("Event Type")], "ASSAULT");
    assert_eq!(clash[col("Quad Code")], "MATERIAL CONFLICT");
    assert_eq!(clash[col("Actor Country")], "AZE");
    assert_eq!(clash[col("Recipient Country")], "ARM");
    assert_eq!(clash[col("GeoNames ID")], "147622");
    assert_eq!(clash[col("Source")], "AP");
}

#[cfg(feature = "parquet")]
#[test]
fn an_empty_selection_still_writes_a_valid_file() {
    let (s, dir) = sample();
    let kb = KnowledgeBase::embedded();
    let none = Filter {
        source: Some("FRA".into()),
        ..Default::default()
    };
    for (format, name) in [
        (Format::Parquet, "x.parquet"),
        (Format::Icews, "x.tab"),
        (Format::Csv, "x.csv"),
    ] {
        let path = dir.path().join(name);
        let summary = export(
            &s,
            &none,
            Dedup::Clusters,
            format,
            &path,
            &kb,
            &ExportOptions::default(),
        )
        .unwrap();
        assert_eq!(summary.rows, 0);
        assert!(std::fs::metadata(&path).unwrap().len() > 0, "{name}");
    }
    let file = std::fs::File::open(dir.path().join("x.parquet")).unwrap();
    let reader =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
}

#[cfg(feature = "plot")]
#[test]
fn trend_charts_are_written_as_png_and_svg() {
    use dyad_store::trend::{Count, Period, TrendQuery};
    let (s, dir) = sample();
    let rows = s
        .trend(&TrendQuery {
            a: "AZE".into(),
            b: "ARM".into(),
            period: Period::Day,
            from: None,
            to: None,
            count: Count::Clusters,
        })
        .unwrap();
    let chart = dyad_store::plot::Chart {
        title: "AZE – ARM".into(),
        rows: &rows,
        period: Period::Day,
        counted: "event clusters",
    };
    let png_path = dir.path().join("t.png");
    dyad_store::plot::png(&png_path, &chart).unwrap();
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ));
    let reader = decoder.read_info().unwrap();
    assert_eq!(
        (reader.info().width, reader.info().height),
        dyad_store::plot::SIZE
    );
    let svg_path = dir.path().join("t.svg");
    dyad_store::plot::svg(&svg_path, &chart).unwrap();
    let svg = std::fs::read_to_string(svg_path).unwrap();
    assert!(svg.contains("<svg") && svg.contains("material conflict"));
}
