//! End-to-end tests of `read_inputs` and `read_bytes_input` on real files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dyad_core::Document;
use dyad_ingest::{read_bytes_input, read_inputs, InputError, ReadOptions};
use jiff::civil::date;

type Item = Result<Document, InputError>;

fn read_all(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Item> {
    read_inputs(paths, opts).collect()
}

fn read_one_path(path: &Path) -> Vec<Item> {
    read_all(&[path.to_path_buf()], &ReadOptions::default())
}

fn single_doc(items: Vec<Item>) -> Document {
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap().unwrap()
}

fn single_err(items: Vec<Item>) -> InputError {
    assert_eq!(items.len(), 1, "{items:?}");
    items.into_iter().next().unwrap().unwrap_err()
}

fn bytes_items(bytes: &[u8]) -> Vec<Item> {
    read_bytes_input(bytes, "<stdin>", &ReadOptions::default()).collect()
}

#[test]
fn plain_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    let text = "Talks resumed in Geneva.\n\nThe ministers met on Tuesday.\n";
    fs::write(&path, text).unwrap();
    let opts = ReadOptions {
        default_date: Some(date(2020, 10, 20)),
        ..ReadOptions::default()
    };
    let doc = single_doc(read_all(std::slice::from_ref(&path), &opts));
    assert_eq!(doc.id, path.display().to_string());
    assert_eq!(doc.text, text, "plain text is kept as read");
    assert_eq!(doc.published, Some(date(2020, 10, 20)));
    assert_eq!(doc.title, None);
}

#[test]
fn file_without_extension_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("README");
    fs::write(&path, "Some words.").unwrap();
    assert_eq!(single_doc(read_one_path(&path)).text, "Some words.");
}

#[test]
fn jsonl_mixed_good_and_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    let lines = [
        r#"{"id": "a", "text": "First article.", "date": "2020-10-20", "title": "One", "source": "Wire"}"#,
        r#"{"id": 2, "text": "Second article.", "date": "2020-10-21T14:03:00Z"}"#,
        r#"{"id": "broken", "text": "unterminated"#,
        "",
        r#"{"id": "no-text", "title": "Headline only"}"#,
        r#"{"id": "bad-date", "text": "Third.", "date": "2020-13-45"}"#,
        "   ",
        r#"{"text": "Last article, no id.", "url": "https://example.org/x", "unknown": {"a": 1}}"#,
    ];
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    let items = read_one_path(&path);
    assert_eq!(items.len(), 6, "{items:#?}");

    let a = items[0].as_ref().unwrap();
    assert_eq!(a.id, "a");
    assert_eq!(a.text, "First article.");
    assert_eq!(a.published, Some(date(2020, 10, 20)));
    assert_eq!(a.title.as_deref(), Some("One"));
    assert_eq!(a.source.as_deref(), Some("Wire"));

    let b = items[1].as_ref().unwrap();
    assert_eq!(b.id, "2");
    assert_eq!(b.published, Some(date(2020, 10, 21)));

    let origin = path.display().to_string();
    let broken = items[2].as_ref().unwrap_err();
    assert_eq!(
        (broken.origin.as_str(), broken.line),
        (origin.as_str(), Some(3))
    );
    assert!(broken.message.contains("invalid JSON"), "{broken}");
    assert!(broken.to_string().starts_with(&format!("{origin}:3: ")));

    let no_text = items[3].as_ref().unwrap_err();
    assert_eq!(no_text.line, Some(5));
    assert!(no_text.message.contains("\"text\""), "{no_text}");

    let bad_date = items[4].as_ref().unwrap_err();
    assert_eq!(bad_date.line, Some(6));
    assert!(bad_date.message.contains("2020-13-45"), "{bad_date}");

    let last = items[5].as_ref().unwrap();
    assert_eq!(last.id, format!("{origin}:8"));
    assert_eq!(last.url.as_deref(), Some("https://example.org/x"));
    assert_eq!(last.published, None);
}

#[test]
fn jsonl_invalid_utf8_line_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.ndjson");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"{\"text\": \"ok one\"}\r\n");
    bytes.extend_from_slice(b"{\"text\": \"caf\xe9\"}\r\n");
    bytes.extend_from_slice(b"{\"text\": \"ok two\"}");
    fs::write(&path, bytes).unwrap();
    let items = read_one_path(&path);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().text, "ok one");
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("invalid UTF-8 on line 2"), "{e}");
    assert_eq!(items[2].as_ref().unwrap().text, "ok two");
}

#[test]
fn jsonl_in_utf16_with_bom() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u16.jsonl");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "{\"id\": \"x\", \"text\": \"Grüße\"}\n{\"text\": \"zwei\"}\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(&path, bytes).unwrap();
    let items = read_one_path(&path);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().text, "Grüße");
    assert_eq!(
        items[1].as_ref().unwrap().id,
        format!("{}:2", path.display())
    );
}

#[test]
fn json_array_and_single_object() {
    let dir = tempfile::tempdir().unwrap();
    let array = dir.path().join("batch.json");
    fs::write(
        &array,
        r#"[
          {"id": "one", "text": "Alpha.", "date": "2021-01-02"},
          {"text": "Beta."},
          {"id": "bad", "text": 7}
        ]"#,
    )
    .unwrap();
    let items = read_one_path(&array);
    assert_eq!(items.len(), 3);
    let one = items[0].as_ref().unwrap();
    assert_eq!((one.id.as_str(), one.text.as_str()), ("one", "Alpha."));
    assert_eq!(one.published, Some(date(2021, 1, 2)));
    assert_eq!(
        items[1].as_ref().unwrap().id,
        format!("{}[1]", array.display())
    );
    let e = items[2].as_ref().unwrap_err();
    assert!(e.message.starts_with("item 2:"), "{e}");

    let object = dir.path().join("one.json");
    fs::write(
        &object,
        "{\n  \"title\": \"T\",\n  \"text\": \"Gamma.\"\n}\n",
    )
    .unwrap();
    let doc = single_doc(read_one_path(&object));
    assert_eq!(doc.id, object.display().to_string());
    assert_eq!(doc.title.as_deref(), Some("T"));

    let broken = dir.path().join("broken.json");
    fs::write(&broken, "[{\"text\": ").unwrap();
    let e = single_err(read_one_path(&broken));
    assert!(e.message.starts_with("invalid JSON"), "{e}");
}

const ARTICLE_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ceasefire talks open in Geneva - The Daily Example</title>
  <meta property="article:published_time" content="2020-10-20T10:00:00Z">
  <meta property="og:site_name" content="The Daily Example">
</head>
<body>
  <nav class="menu">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/world">World news section</a></li>
      <li><a href="/business">Business and markets</a></li>
    </ul>
  </nav>
  <main>
    <article>
      <h1>Ceasefire talks open in Geneva</h1>
      <p>The foreign ministers of Armenia and Azerbaijan met in Geneva on Tuesday for talks on a ceasefire, officials from both governments said, in the first direct meeting since fighting resumed.</p>
      <p>The United Nations secretary-general welcomed the talks and called on both sides to respect the humanitarian truce agreed in Moscow earlier this month.</p>
      <p>France, Russia and the United States, which co-chair the mediation group, said they would keep working with the parties toward a lasting settlement.</p>
    </article>
  </main>
  <footer>
    <p>Copyright 2020 The Daily Example. Subscribe to our newsletter for more stories like this one.</p>
  </footer>
</body>
</html>"#;

#[test]
fn html_article_text_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    fs::write(&path, ARTICLE_PAGE).unwrap();
    let doc = single_doc(read_one_path(&path));
    assert_eq!(doc.id, path.display().to_string());
    assert_eq!(doc.published, Some(date(2020, 10, 20)));
    assert!(
        doc.title
            .as_deref()
            .unwrap()
            .contains("Ceasefire talks open in Geneva"),
        "{:?}",
        doc.title
    );
    assert_eq!(doc.source.as_deref(), Some("The Daily Example"));
    let paragraphs: Vec<&str> = doc.text.split("\n\n").map(str::trim).collect();
    for start in [
        "The foreign ministers of Armenia and Azerbaijan",
        "The United Nations secretary-general",
        "France, Russia and the United States",
    ] {
        assert!(
            paragraphs.iter().any(|p| p.starts_with(start)),
            "no paragraph starts with {start:?} in {:?}",
            doc.text
        );
    }
    assert!(!doc.text.contains("World news section"), "{:?}", doc.text);
    assert!(!doc.text.contains("Copyright"), "{:?}", doc.text);
    assert!(!doc.text.contains("resumed.The"), "{:?}", doc.text);
}

#[test]
fn html_in_declared_legacy_charset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin.htm");
    let mut bytes =
        b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Le caf\xe9 de la Paix a ferm\xe9.</p>"
            .to_vec();
    bytes.extend_from_slice(b"</body></html>");
    fs::write(&path, bytes).unwrap();
    let doc = single_doc(read_one_path(&path));
    assert_eq!(doc.text, "Le café de la Paix a fermé.");
}

#[test]
fn malformed_html_does_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    let pages: [&[u8]; 4] = [
        b"<html><body><p>Unclosed paragraph <b>bold <div><p>Another <table><tr><td>cell",
        b"<<<<>>>> </p></p></div> <p =\"x\"> & &amp &#99999999; <!-- <p>",
        b"<html><head><title>only a title",
        b"\xff\xfe<\x00p\x00>\x00",
    ];
    for (i, page) in pages.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.html"));
        fs::write(&path, page).unwrap();
        let items = read_one_path(&path);
        assert_eq!(items.len(), 1, "page {i}: {items:?}");
    }
    // The first page has text, which must come through.
    let doc = single_doc(read_one_path(&dir.path().join("bad0.html")));
    assert!(doc.text.contains("Unclosed paragraph"), "{:?}", doc.text);
    // The title-only page has no text.
    let e = single_err(read_one_path(&dir.path().join("bad2.html")));
    assert!(e.message.starts_with("empty document"), "{e}");
}

#[test]
fn directory_recursion_order_and_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("b/nested")).unwrap();
    fs::create_dir_all(root.join("a")).unwrap();
    fs::create_dir_all(root.join(".git/objects")).unwrap();
    fs::write(root.join("z.txt"), "z").unwrap();
    fs::write(root.join("b/nested/deep.txt"), "deep").unwrap();
    fs::write(root.join("b/2.txt"), "b2").unwrap();
    fs::write(root.join("a/1.txt"), "a1").unwrap();
    fs::write(
        root.join("a/docs.jsonl"),
        "{\"id\":\"j1\",\"text\":\"j1\"}\n{\"id\":\"j2\",\"text\":\"j2\"}\n",
    )
    .unwrap();
    fs::write(root.join(".hidden.txt"), "hidden").unwrap();
    fs::write(root.join("a/.secret.txt"), "secret").unwrap();
    fs::write(root.join(".git/objects/pack.txt"), "git").unwrap();

    let items = read_one_path(root);
    let texts: Vec<&str> = items
        .iter()
        .map(|i| i.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(texts, ["a1", "j1", "j2", "b2", "deep", "z"]);
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids[0], root.join("a/1.txt").display().to_string());
    assert_eq!(ids[4], root.join("b/nested/deep.txt").display().to_string());
}

#[test]
fn hidden_file_given_explicitly_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".notes.txt");
    fs::write(&path, "explicit").unwrap();
    assert_eq!(single_doc(read_one_path(&path)).text, "explicit");
}

#[test]
fn empty_files_are_clean_errors() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "empty.txt",
        "blank.txt",
        "empty.jsonl",
        "blank.jsonl",
        "empty.html",
        "empty.json",
        "empty.dat",
    ] {
        let path = dir.path().join(name);
        let content: &[u8] = if name.starts_with("blank") {
            b"  \n\n \t\n"
        } else {
            b""
        };
        fs::write(&path, content).unwrap();
        let e = single_err(read_one_path(&path));
        assert!(e.message.starts_with("empty document"), "{name}: {e}");
        assert_eq!(e.origin, path.display().to_string());
    }
}

/// Deterministic pseudo-random bytes (xorshift), with NULs sprinkled in.
fn random_bytes(n: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    (0..n)
        .map(|i| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if i % 97 == 5 {
                0
            } else {
                state as u8
            }
        })
        .collect()
}

#[test]
fn binary_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["blob.bin", "image.png", "fake.txt", "fake.html", "noext"] {
        let path = dir.path().join(name);
        fs::write(&path, random_bytes(4096)).unwrap();
        let e = single_err(read_one_path(&path));
        assert!(
            e.message.starts_with("binary file, not text: "),
            "{name}: {e}"
        );
        assert_eq!(e.origin, path.display().to_string());
    }
}

#[test]
fn windows_1252_text_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cp1252.txt");
    // "Le café « Noël » coûte 5 €." in Windows-1252.
    fs::write(&path, b"Le caf\xe9 \xab No\xebl \xbb co\xfbte 5 \x80.").unwrap();
    assert_eq!(
        single_doc(read_one_path(&path)).text,
        "Le café « Noël » coûte 5 €."
    );
}

#[test]
fn utf16_le_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Переговоры в Женеве.\nTalks in Geneva.".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(&path, bytes).unwrap();
    assert_eq!(
        single_doc(read_one_path(&path)).text,
        "Переговоры в Женеве.\nTalks in Geneva."
    );
}

#[test]
fn fifty_megabyte_single_line_files() {
    let dir = tempfile::tempdir().unwrap();
    let size = 50 * 1024 * 1024;
    let mut big_jsonl = Vec::with_capacity(size + 64);
    let prefix = b"{\"id\": \"huge\", \"text\": \"";
    big_jsonl.extend_from_slice(prefix);
    big_jsonl.resize(size, b'a');
    big_jsonl.extend_from_slice(b"\"}\n{\"id\": \"after\", \"text\": \"small\"}\n");
    let jsonl = dir.path().join("huge.jsonl");
    let txt = dir.path().join("huge.txt");
    let dat = dir.path().join("huge.dat");
    {
        let mut f = fs::File::create(&jsonl).unwrap();
        f.write_all(&big_jsonl).unwrap();
    }
    fs::write(&txt, &big_jsonl[..size]).unwrap();
    // Unknown extension, not starting with `{`: read whole, with a limit.
    fs::write(&dat, &big_jsonl[prefix.len()..size]).unwrap();
    drop(big_jsonl);

    let start = Instant::now();
    let items = read_one_path(&jsonl);
    assert_eq!(items.len(), 2, "{items:?}");
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("too large"), "{e}");
    assert!(e.message.contains(&(16 * 1024 * 1024).to_string()), "{e}");
    assert!(e.message.contains("max_document_bytes"), "{e}");
    assert_eq!(items[1].as_ref().unwrap().id, "after");

    let e = single_err(read_one_path(&txt));
    assert!(e.message.contains(&size.to_string()), "{e}");
    assert!(e.message.contains("too large"), "{e}");

    let e = single_err(read_one_path(&dat));
    assert!(e.message.contains("too large"), "{e}");

    // With a limit high enough, the big line is a document.
    let opts = ReadOptions {
        max_document_bytes: 64 * 1024 * 1024,
        ..ReadOptions::default()
    };
    let items = read_all(std::slice::from_ref(&jsonl), &opts);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().text.len(), size - prefix.len());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn missing_path_is_reported_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let present = dir.path().join("yes.txt");
    fs::write(&present, "here").unwrap();
    let items = read_all(&[missing.clone(), present], &ReadOptions::default());
    assert_eq!(items.len(), 2);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.origin, missing.display().to_string());
    assert!(e.message.starts_with("cannot read"), "{e}");
    assert!(e
        .to_string()
        .starts_with(&format!("{}: ", missing.display())));
    assert_eq!(items[1].as_ref().unwrap().text, "here");
}

#[test]
fn unknown_extensions_are_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("feed.log");
    fs::write(
        &jsonl,
        "\n  {\"id\": \"s1\", \"text\": \"sniffed\"}\n{oops\n",
    )
    .unwrap();
    let items = read_one_path(&jsonl);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap().id, "s1");
    assert_eq!(items[1].as_ref().unwrap_err().line, Some(3));

    let html = dir.path().join("page.php");
    fs::write(&html, ARTICLE_PAGE).unwrap();
    let doc = single_doc(read_one_path(&html));
    assert_eq!(doc.published, Some(date(2020, 10, 20)));

    let text = dir.path().join("notes.rst");
    fs::write(&text, "Plain words.").unwrap();
    assert_eq!(single_doc(read_one_path(&text)).text, "Plain words.");
}

#[test]
fn reading_is_lazy_and_the_iterator_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("later.txt");
    let mut items = read_inputs(std::slice::from_ref(&later), &ReadOptions::default());
    assert_send(&items);
    // The file is created after the iterator: nothing was read yet.
    fs::write(&later, "made later").unwrap();
    assert_eq!(items.next().unwrap().unwrap().text, "made later");
    assert!(items.next().is_none());
}

#[test]
fn stdin_sniffing_through_bytes() {
    // JSONL
    let items =
        bytes_items(b"\n{\"text\": \"one\"}\n\n{\"id\": \"two\", \"text\": \"two\"}\nnot json\n");
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].as_ref().unwrap().id, "<stdin>:2");
    assert_eq!(items[1].as_ref().unwrap().id, "two");
    let e = items[2].as_ref().unwrap_err();
    assert_eq!((e.origin.as_str(), e.line), ("<stdin>", Some(5)));

    // HTML
    let doc = single_doc(bytes_items(ARTICLE_PAGE.as_bytes()));
    assert_eq!(doc.id, "<stdin>");
    assert_eq!(doc.published, Some(date(2020, 10, 20)));
    assert!(doc.text.contains("The United Nations secretary-general"));
    let doc = single_doc(bytes_items(b"  <p>Just a fragment.</p>"));
    assert_eq!(doc.text, "Just a fragment.");

    // Plain text, including text that merely starts with `[` or `<`.
    let doc = single_doc(bytes_items(b"Plain text from a pipe.\n"));
    assert_eq!(
        (doc.id.as_str(), doc.text.as_str()),
        ("<stdin>", "Plain text from a pipe.\n")
    );
    assert_eq!(
        single_doc(bytes_items(b"[Update] Talks resumed.")).text,
        "[Update] Talks resumed."
    );
    assert_eq!(
        single_doc(bytes_items(b"<< Back: talks resumed.")).text,
        "<< Back: talks resumed."
    );

    // JSON array
    let items = bytes_items(b"[{\"text\": \"a\"}, {\"text\": \"b\"}]");
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].as_ref().unwrap().id, "<stdin>[1]");

    // Empty and binary input
    assert!(single_err(bytes_items(b""))
        .message
        .starts_with("empty document"));
    assert!(single_err(bytes_items(b" \n\t"))
        .message
        .starts_with("empty document"));
    let e = single_err(bytes_items(&random_bytes(512)));
    assert!(e.message.starts_with("binary data, not text"), "{e}");

    // Legacy encodings and UTF-16 are decoded before sniffing.
    assert_eq!(
        single_doc(bytes_items(b"caf\xe9 cr\xe8me")).text,
        "café crème"
    );
    let mut utf16 = vec![0xFE, 0xFF];
    for unit in "{\"text\": \"wide\"}\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_be_bytes());
    }
    assert_eq!(single_doc(bytes_items(&utf16)).text, "wide");
}

#[test]
fn oversized_documents_name_size_and_limit() {
    let opts = ReadOptions {
        max_document_bytes: 100,
        ..ReadOptions::default()
    };
    let text = "word ".repeat(50);
    let items: Vec<Item> = read_bytes_input(text.as_bytes(), "body", &opts).collect();
    let e = single_err(items);
    assert!(e.message.contains("250 bytes"), "{e}");
    assert!(e.message.contains("limit of 100 bytes"), "{e}");
}
