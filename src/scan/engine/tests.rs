use std::path::{Path, PathBuf};

use aho_corasick::AhoCorasickKind;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::*;
use crate::scan::encodings::percent_encode;
use crate::scan::testutil::*;

#[test]
fn raw_and_encoded_canaries_with_positions() {
    let value = b"s3cr3t???value&= x".to_vec();
    let s = secret_scanner(&[("API_KEY (prod, version 3, active)", &value)]);
    let b64 = base64::engine::general_purpose::STANDARD.encode(&value);
    let b64url = URL_SAFE_NO_PAD.encode(&value);
    assert_ne!(
        b64.trim_end_matches('='),
        b64url,
        "the test needs + or / in the base64"
    );
    let hexu = hex::encode_upper(&value);
    let url = String::from_utf8(percent_encode(&value, true, false).to_vec()).unwrap();
    let text = format!(
        "first line\n  key = {}\nb: \"{b64}\"\nu={b64url};\n\th{hexu}\nq?x={url}&y=1\n",
        String::from_utf8_lossy(&value)
    );
    let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
    let l = "API_KEY (prod, version 3, active)";
    assert_eq!(
        found,
        vec![
            (2, 9, format!("{l}/raw")),
            (3, 5, format!("{l}/base64")),
            (4, 3, format!("{l}/base64url")),
            (5, 3, format!("{l}/hex")),
            (6, 5, format!("{l}/url")),
        ]
    );
}

#[test]
fn base64_found_inside_a_larger_blob_at_every_alignment() {
    let value = token(7, 40, ALNUM);
    let s = secret_scanner(&[("TOKEN (dev, version 1, active)", value.as_bytes())]);
    for prefix in ["", "A=", "AB=", "ABC=", "LONGER_NAME="] {
        let env_file = format!("# config\n{prefix}{value}\nOTHER=1\n");
        let blob = base64::engine::general_purpose::STANDARD.encode(&env_file);
        let found = s.scan_bytes(Path::new("k8s.yaml"), format!("data: {blob}\n").as_bytes());
        assert_eq!(found.len(), 1, "prefix {prefix:?}");
        assert!(matches!(
            found[0].what,
            FindingKind::Secret {
                encoding: "base64",
                ..
            }
        ));
        assert_eq!(found[0].line, 1);
    }
}

#[test]
fn hex_lower_case_and_url_lower_case() {
    let value = b"p@ss w0rd/!";
    let s = secret_scanner(&[("PW (prod, version 1, active)", value)]);
    let text = format!(
        "{}\n{}\n{}\n",
        hex::encode(value),
        String::from_utf8(percent_encode(value, false, false).to_vec()).unwrap(),
        String::from_utf8(percent_encode(value, true, true).to_vec()).unwrap()
    );
    let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
    let encs: Vec<&str> = found
        .iter()
        .map(|(_, _, w)| w.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(encs, ["hex", "url", "url"]);
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn short_values_are_skipped_and_counted() {
    let s = Scanner::new(
        &[Needle::new("A", b"12345"), Needle::new("B", b"123456")],
        false,
    );
    assert_eq!(s.skipped_short(), 1);
    assert_eq!(s.needle_count(), 1);
    assert_eq!(s.scan_bytes(Path::new("f"), b"x 12345 y").len(), 0);
    assert_eq!(s.scan_bytes(Path::new("f"), b"x 123456 y").len(), 1);
}

#[test]
fn shared_value_reports_every_label_and_columns_are_bytes() {
    let v = token(3, 32, ALNUM);
    let s = secret_scanner(&[
        ("K (prod, version 1, revoked)", v.as_bytes()),
        ("K (staging, version 2, active)", v.as_bytes()),
    ]);
    let text = format!("é = \"{v}\"");
    let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|(l, c, _)| (*l, *c) == (1, 7)));
}

#[test]
fn anchor_does_not_hide_a_needle_starting_inside_it() {
    // "eyJ" is a JWT anchor; the value starts one byte into it.
    let value = b"yJsecretvalue";
    let s = Scanner::new(&[Needle::new("V (p, version 1, active)", value)], true);
    let found = kinds(&s.scan_bytes(Path::new("f"), b"xeyJsecretvalue"));
    assert_eq!(
        found,
        vec![(1, 3, "V (p, version 1, active)/raw".to_string())]
    );
}

#[test]
fn longest_needle_wins_and_matches_do_not_overlap() {
    let s = secret_scanner(&[
        ("SHORT (p, version 1, active)", b"abcdef123"),
        ("LONG (p, version 2, active)", b"abcdef123456"),
    ]);
    let found = kinds(&s.scan_bytes(Path::new("f"), b"abcdef123456 abcdef1234"));
    assert_eq!(
        found,
        vec![
            (1, 1, "LONG (p, version 2, active)/raw".to_string()),
            (1, 14, "SHORT (p, version 1, active)/raw".to_string()),
        ]
    );
}

#[test]
fn a_prefix_repeated_everywhere_is_confirmed_in_batches() {
    let s = Scanner::new(
        &[Needle::new("A (p, version 1, active)", b"aaaaaaaaab")],
        true,
    );
    let aws = format!("AKIA{}", token(1, 16, UPPER32));
    let text = format!(
        "{}aaaaaaaaab\n{aws} {}\n",
        "a".repeat(20_000),
        "a".repeat(9_000)
    );
    let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
    assert_eq!(
        found,
        vec![
            (1, 20_001, "A (p, version 1, active)/raw".to_string()),
            (2, 1, "aws-access-key-id".to_string()),
        ]
    );
}

#[test]
fn many_needles_past_the_dfa_limit_still_found() {
    let values: Vec<String> = (0..4000).map(|i| token(1000 + i, 40, ALNUM)).collect();
    let needles: Vec<Needle> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Needle::new(format!("V{i} (p, version 1, active)"), v.as_bytes()))
        .collect();
    let s = Scanner::new(&needles, true);
    let kind = s.automaton.as_ref().unwrap().kind();
    assert_ne!(
        kind,
        AhoCorasickKind::DFA,
        "this test is about the fallback"
    );
    let small = Scanner::new(&needles[..1000], true);
    assert_eq!(
        small.automaton.as_ref().unwrap().kind(),
        AhoCorasickKind::DFA
    );
    let text = format!("a {}\nb {}\n", values[3999], hex::encode(&values[17]));
    let found = kinds(&s.scan_bytes(Path::new("f"), text.as_bytes()));
    assert_eq!(
        found,
        vec![
            (1, 3, "V3999 (p, version 1, active)/raw".to_string()),
            (2, 3, "V17 (p, version 1, active)/hex".to_string()),
        ]
    );
}

#[test]
fn no_patterns_means_no_rules() {
    let s = Scanner::new(&[], false);
    let key = format!("AKIA{}", token(1, 16, UPPER32));
    assert!(s.scan_bytes(Path::new("f"), key.as_bytes()).is_empty());
}

#[test]
fn a_vault_value_that_looks_like_a_key_is_reported_as_the_secret() {
    let key = format!("ghp_{}", token(2, 36, ALNUM));
    let s = Scanner::new(
        &[Needle::new("GH (ci, version 1, active)", key.as_bytes())],
        true,
    );
    let found = kinds(&s.scan_bytes(Path::new("f"), format!("t={key}").as_bytes()));
    assert_eq!(
        found,
        vec![(1, 3, "GH (ci, version 1, active)/raw".to_string())]
    );
}

#[test]
fn output_never_contains_the_value() {
    let value = token(9, 40, ALNUM);
    let s = Scanner::new(
        &[Needle::new(
            "K (prod, version 1, revoked)",
            value.as_bytes(),
        )],
        true,
    );
    let b64 = base64::engine::general_purpose::STANDARD.encode(&value);
    let aws = format!("AKIA{}", token(1, 16, UPPER32));
    let text = format!("{value}\n{b64}\n{}\n{aws}\n", hex::encode(&value));
    let found = s.scan_bytes(Path::new("a/b.txt"), text.as_bytes());
    assert_eq!(found.len(), 4);
    let shown: Vec<String> = found.iter().map(|f| f.to_string()).collect();
    assert_eq!(shown[0], "a/b.txt:1:1: K (prod, version 1, revoked)");
    assert_eq!(
        shown[1],
        "a/b.txt:2:1: K (prod, version 1, revoked) as base64"
    );
    assert_eq!(shown[3], "a/b.txt:4:1: pattern aws-access-key-id");
    let json = serde_json::to_string(&found).unwrap();
    assert!(json.contains(r#""kind":"secret""#) && json.contains(r#""id":"aws-access-key-id""#));
    let dbg = format!("{found:?} {s:?} {:?}", Needle::new("K", value.as_bytes()));
    for out in shown.iter().chain([&json, &dbg]) {
        for secret in [value.as_str(), &b64, &aws, &value[5..25]] {
            assert!(!out.contains(secret), "output leaks: {out}");
        }
    }
}

fn write(root: &Path, rel: &str, data: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, data).unwrap();
}

#[test]
fn walk_honours_gitignore_skips_binary_and_git_and_finds_nested() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let value = token(11, 40, ALNUM);
    let v = value.as_bytes();
    write(root, ".gitignore", b"ignored/\n*.log\n");
    write(root, "ignored/leak.txt", v);
    write(root, "debug.log", v);
    write(root, ".git/config", v);
    write(
        root,
        "a/b/c/deep.rs",
        format!("fn main() {{}}\n// {value}\n").as_bytes(),
    );
    write(root, ".env", format!("TOKEN={value}\n").as_bytes());
    let mut bin = b"\x7fELF\0\0\0".to_vec();
    bin.extend_from_slice(v);
    write(root, "a/tool.bin", &bin);
    write(root, "a/clean.txt", b"nothing here\n");

    let s = secret_scanner(&[("TOKEN (dev, version 1, active)", v)]);
    let report = s.scan_paths(&[root.to_path_buf()], false).unwrap();
    let paths: Vec<PathBuf> = report
        .findings
        .iter()
        .map(|f| f.path.strip_prefix(root).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        paths,
        [PathBuf::from(".env"), PathBuf::from("a/b/c/deep.rs")]
    );
    assert_eq!((report.findings[1].line, report.findings[1].column), (2, 4));
    assert_eq!(report.binary_skipped, 1);
    assert_eq!(
        report.files_scanned, 4,
        ".gitignore, .env, deep.rs, clean.txt"
    );
    assert!(report.errors.is_empty());

    // An ignored file named explicitly is scanned.
    let report = s.scan_paths(&[root.join("debug.log")], false).unwrap();
    assert_eq!(report.findings.len(), 1);
    // A missing path is an error naming it.
    let err = s.scan_paths(&[root.join("nope")], false).unwrap_err();
    assert!(err.to_string().contains("nope"));
}

#[test]
fn large_file_past_the_probe_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let value = token(12, 40, ALNUM);
    let mut data = "filler line of code;\n".repeat(2000).into_bytes();
    data.extend_from_slice(value.as_bytes());
    write(dir.path(), "big.txt", &data);
    let s = secret_scanner(&[("X (p, version 1, active)", value.as_bytes())]);
    let report = s.scan_paths(&[dir.path().to_path_buf()], false).unwrap();
    assert_eq!(report.findings.len(), 1);
    assert_eq!(
        (report.findings[0].line, report.findings[0].column),
        (2001, 1)
    );
    assert_eq!(report.bytes_scanned, data.len() as u64);
}

#[test]
fn a_line_marked_tresor_allow_is_counted_not_reported() {
    let value = token(31, 40, ALNUM);
    let s = Scanner::new(
        &[Needle::new("V (p, version 1, active)", value.as_bytes())],
        true,
    );
    let key = format!("AKIA{}", token(32, 16, UPPER32));
    // Several findings on one long line, one line allowed, one not.
    let text = format!(
        "a = \"{value}\" b = \"{key}\" c = {value} # tresor:allow\n{}\nd = \"{key}\"\n",
        "x ".repeat(50_000)
    );
    let mut out = Vec::new();
    let allowed = s.scan_into(Path::new("f"), text.as_bytes(), &mut Vec::new(), &mut out);
    assert_eq!(allowed, 3);
    assert_eq!(kinds(&out), [(3, 6, "aws-access-key-id".to_string())]);
}

#[test]
fn an_assignment_yields_to_a_key_format_inside_it() {
    let s = Scanner::new(&[], true);
    let key = format!("glpat-{}", token(33, 20, ALNUM));
    let found = kinds(&s.scan_bytes(
        Path::new("f"),
        format!("GITLAB_TOKEN=\"{key}\"\n").as_bytes(),
    ));
    assert_eq!(found, [(1, 15, "gitlab-pat".to_string())]);
    // Fingerprints do not depend on the line, and do on the path.
    let a = s.scan_bytes(Path::new("f"), format!("x\n\n{key}\n").as_bytes());
    let b = s.scan_bytes(Path::new("f"), format!("{key}\n").as_bytes());
    let c = s.scan_bytes(Path::new("g"), format!("{key}\n").as_bytes());
    assert_eq!(a[0].fingerprint, b[0].fingerprint);
    assert_ne!(a[0].fingerprint, c[0].fingerprint);
    assert_eq!(a[0].fingerprint.len(), 16);
}

/// Arbitrary text made of rule anchors, assignment pieces, newlines and random bytes, at the
/// start, the end and the middle of the buffer: the engine never panics (look-behind windows
/// at offset 0, windows cut by the end of the buffer), and every finding points inside it.
#[test]
fn arbitrary_text_around_anchors_never_panics() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let value = token(41, 24, ALNUM);
    let s = Scanner::new(
        &[Needle::new("V (p, version 1, active)", value.as_bytes())],
        true,
    );
    let pieces: Vec<String> = vec![
        "Q~".into(),
        "-us".into(),
        ":AA".into(),
        "_mmk".into(),
        "NRAL".into(),
        "AZDO".into(),
        "+ASt".into(),
        "ghp_".into(),
        "key".into(),
        "KEY".into(),
        "token".into(),
        "password".into(),
        " = ".into(),
        ": ".into(),
        "\"".into(),
        "'".into(),
        "\n".into(),
        "==".into(),
        ",".into(),
        "-----BEGIN RSA PRIVATE KEY-----\n".into(),
        "eyJ".into(),
        ".eyJ".into(),
        "https://".into(),
        "u:p@h".into(),
        "Basic ".into(),
        "tresor:allow".into(),
        value.clone(),
        token(42, 40, ALNUM),
        token(43, 64, b"0123456789abcdef"),
        "\0".into(),
        "é".into(),
    ];
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(
        prop_oneof![
            (0..pieces.len()).prop_map(|i| i.to_string()).boxed(),
            "[ -~]{0,12}".boxed(),
        ],
        0..40,
    );
    runner
        .run(&strategy, |parts| {
            let text: String = parts
                .iter()
                .map(|p| match p.parse::<usize>() {
                    Ok(i) if i < pieces.len() => pieces[i].clone(),
                    _ => p.clone(),
                })
                .collect();
            let data = text.as_bytes();
            let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
            for f in s.scan_bytes(Path::new("f"), data) {
                prop_assert!(f.line >= 1 && f.line <= lines);
                prop_assert!(f.column >= 1 && f.column <= data.len());
            }
            Ok(())
        })
        .unwrap();
}
