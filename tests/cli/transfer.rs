//! export and import: formats, round trips of awkward values (through our own parser, the
//! shells and python-dotenv), the regular-file refusal, and all-or-nothing imports.

use std::io::Write;

use crate::support::*;

/// Deterministic awkward values: control characters, newlines, quotes, backslashes, `$`, `#`,
/// `=`, spaces at the ends, non-ASCII. No NUL (values never hold one).
fn awkward_values(n: usize, mut seed: u64) -> Vec<String> {
    let pieces = [
        "\n", "\r\n", "\r", "\t", "'", "\"", "\\", "$", "${HOME}", "$HOME", "#", "=", " ", "  ",
        "`", "é", "日本", "🔑", "\x01", "\x1b[31m", "\x7f", "a", "Z", "0", "export ", "\\n", "''",
        "\"\"", "\\'", "\\\"",
    ];
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|_| {
            let len = 1 + next() % 12;
            (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect::<String>()
        })
        .collect()
}

fn fill(tv: &TestVault, env: &str, values: &[String]) {
    let map: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("V{i:04}"), serde_json::Value::String(v.clone())))
        .collect();
    let json = serde_json::Value::Object(map).to_string();
    tv.ok(&["import", "-", "--format", "json", "-e", env], &json);
}

fn check_all(tv: &TestVault, env: &str, values: &[String]) {
    let out: serde_json::Value =
        serde_json::from_str(&tv.ok(&["export", "--format", "json", "-e", env], "")).unwrap();
    for (i, v) in values.iter().enumerate() {
        assert_eq!(
            out[format!("V{i:04}")].as_str(),
            Some(v.as_str()),
            "value {i}: {v:?}"
        );
    }
}

#[test]
fn dotenv_export_import_round_trips_1000_awkward_values() {
    let tv = TestVault::new();
    let values = awkward_values(1000, 0x9e37_79b9_7f4a_7c15);
    fill(&tv, "dev", &values);
    check_all(&tv, "dev", &values);
    let dotenv = tv.ok(&["export", "--format", "dotenv"], "");
    tv.ok(&["import", "-", "-e", "test"], &dotenv);
    check_all(&tv, "test", &values);
}

#[test]
fn shell_export_evals_identically_in_bash_and_dash() {
    let tv = TestVault::new();
    let values = awkward_values(300, 0x1234_5678_9abc_def1);
    fill(&tv, "dev", &values);
    let script = tv.ok(&["export", "--format", "shell"], "");
    let file = tv.dir.path().join("exports.sh");
    std::fs::write(&file, &script).unwrap();
    for shell in ["bash", "dash"] {
        // Print every variable NUL-separated so newlines survive the comparison.
        let prog = format!(
            "eval \"$(cat '{}')\"; for i in $(seq 0 299); do n=$(printf 'V%04d' $i); eval \"printf '%s\\0' \\\"\\${{$n}}\\\"\"; done",
            file.display()
        );
        let out = std::process::Command::new(shell)
            .arg("-c")
            .arg(&prog)
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let got: Vec<&[u8]> = out.stdout.split(|b| *b == 0).collect();
        for (i, v) in values.iter().enumerate() {
            assert_eq!(got[i], v.as_bytes(), "{shell}: value {i}: {v:?}");
        }
    }
}

#[test]
fn python_dotenv_reads_the_dotenv_export_identically() {
    let tv = TestVault::new();
    // python-dotenv reads `\"` (and `\'`) as an escaped quote even after another
    // backslash, so a quoted value ending in a backslash runs on to the next quote in the file.
    // No quoting avoids that; such values are left out here (our own parser reads them, see
    // the round trip above) and the limitation is in the README.
    let values: Vec<String> = awkward_values(500, 0x0ddb_a11c_afe0_f00d)
        .into_iter()
        .map(|v| v.trim_end_matches('\\').to_string())
        .filter(|v| !v.is_empty())
        .collect();
    fill(&tv, "dev", &values);
    let file = tv.dir.path().join("exported.env");
    std::fs::write(&file, tv.ok(&["export", "--format", "dotenv"], "")).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dotenv_python_check.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .arg("--no-interpolate")
        .output()
        .expect("python3 is installed");
    assert_eq!(
        code(&out),
        0,
        "python-dotenv (installed by .ci/run): {}",
        stderr(&out)
    );
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (i, v) in values.iter().enumerate() {
        assert_eq!(
            read[format!("V{i:04}")].as_str(),
            Some(v.as_str()),
            "value {i}: {v:?}"
        );
    }
}

#[test]
fn export_formats_and_only() {
    let tv = TestVault::new();
    tv.set("A", "simple");
    tv.set("B", "two words");
    assert_eq!(tv.ok(&["export", "--only", "A"], ""), "A=simple\n");
    assert_eq!(
        tv.ok(&["export", "--format", "json"], ""),
        "{\"A\":\"simple\",\"B\":\"two words\"}\n"
    );
    assert_eq!(
        tv.ok(&["export", "--format", "shell", "--only", "B"], ""),
        "export B='two words'\n"
    );
    assert_eq!(code(&tv.run(&["export", "--only", "C"], "")), 1);
    tv.ok(&["revoke", "B", "--reason", "r"], "");
    let out = tv.run(&["export"], "");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "A=simple\n");
    assert!(stderr(&out).contains("warning:"));
}

#[test]
fn export_refuses_a_regular_file_unless_allowed() {
    let tv = TestVault::new();
    let value = canary();
    tv.set("A", &value);
    let path = tv.dir.path().join("out.env");
    let f = std::fs::File::create(&path).unwrap();
    let out = tv.std_cmd().arg("export").stdout(f).output().unwrap();
    assert_eq!(code(&out), 5);
    assert!(stderr(&out).contains("--allow-file"));
    assert!(!std::fs::read_to_string(&path).unwrap().contains(&value));
    let f = std::fs::File::create(&path).unwrap();
    let out = tv
        .std_cmd()
        .args(["export", "--allow-file"])
        .stdout(f)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("A={value}\n")
    );
}

#[test]
fn import_is_all_or_nothing_and_never_echoes_values() {
    let tv = TestVault::new();
    let value = canary();
    let file = tv.dir.path().join("in.env");
    std::fs::write(
        &file,
        format!("GOOD=1\nexport ALSO={value}\nBAD-NAME={value}\n"),
    )
    .unwrap();
    let out = tv.run(&["import", file.to_str().unwrap()], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    assert!(!stderr(&out).contains(&value));
    assert_eq!(code(&tv.run(&["get", "GOOD"], "")), 1, "nothing imported");
    // A syntax error names file, line and column.
    std::fs::write(&file, format!("A=1\nB=\"{value}\\q\"\n")).unwrap();
    let out = tv.run(&["import", file.to_str().unwrap()], "");
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("in.env") && err.contains("line 2") && err.contains("column"),
        "{err}"
    );
    assert!(!err.contains(&value));
    // A good file imports, says the file still holds plaintext; a second import clashes.
    std::fs::write(&file, "# comment\n\nA='raw $x'\nB=\"multi\\nline\"\n").unwrap();
    let out = tv.run(&["import", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("plaintext"));
    assert_eq!(tv.get("A"), "raw $x");
    assert_eq!(tv.get("B"), "multi\nline");
    let out = tv.run(&["import", file.to_str().unwrap()], "");
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("--overwrite"));
    tv.ok(&["import", file.to_str().unwrap(), "--overwrite"], "");
    let h = tv.ok(&["history", "A", "--json"], "");
    assert!(
        h.contains("\"origin\":\"import\"") && h.contains("\"version\":2"),
        "{h}"
    );
    // JSON: by extension or flag; non-string values are refused without echo.
    let json = tv.dir.path().join("in.json");
    std::fs::write(&json, format!("{{\"J\": \"{value}\"}}")).unwrap();
    tv.ok(&["import", json.to_str().unwrap()], "");
    assert_eq!(tv.get("J"), value);
    std::fs::write(&json, "{\"N\": 12345678}").unwrap();
    let out = tv.run(&["import", json.to_str().unwrap()], "");
    assert_eq!(code(&out), 1);
    assert!(!stderr(&out).contains("12345678"));
    let mut f = std::fs::File::create(&json).unwrap();
    f.write_all(b"{\"X\": ").unwrap();
    assert_eq!(code(&tv.run(&["import", json.to_str().unwrap()], "")), 1);
}

/// node's `dotenv` (`tests/dotenv_node_check.js`), if node and the package are there: `.ci/run`
/// installs them; elsewhere the test says it skipped, unless CI is set.
fn node_dotenv(file: &std::path::Path) -> Option<serde_json::Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dotenv_node_check.js");
    let out = match std::process::Command::new("node")
        .arg(script)
        .arg(file)
        .output()
    {
        Ok(out) if code(&out) != 3 => out,
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "node and the dotenv package (installed by .ci/run, NODE_PATH) are missing"
            );
            eprintln!("skipped: node or its dotenv package is not installed (see .ci/run)");
            return None;
        }
    };
    assert_eq!(code(&out), 0, "node dotenv: {}", stderr(&out));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn node_dotenv_reads_the_node_dialect_identically() {
    let tv = TestVault::new();
    let values = awkward_values(500, 0x005e_ed0f_d07e_0e0e);
    fill(&tv, "dev", &values);
    let out = tv.run(&["export", "--format", "dotenv", "--dialect", "node"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    // The keys no quoting can carry to node dotenv are named on stderr (never their values).
    let warned: Vec<String> = stderr(&out)
        .lines()
        .find(|l| l.contains("node dotenv cannot read back exactly"))
        .map(|l| {
            l.rsplit_once(": ")
                .unwrap()
                .1
                .split(" (")
                .next()
                .unwrap()
                .split(", ")
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    // tresor reads every value back, the node dialect included.
    tv.ok(&["import", "-", "-e", "test"], &text);
    check_all(&tv, "test", &values);
    let file = tv.dir.path().join("node.env");
    std::fs::write(&file, &text).unwrap();
    let Some(read) = node_dotenv(&file) else {
        return;
    };
    let mut exact = 0;
    for (i, v) in values.iter().enumerate() {
        let key = format!("V{i:04}");
        if warned.contains(&key) {
            continue;
        }
        assert_eq!(read[&key].as_str(), Some(v.as_str()), "value {i}: {v:?}");
        exact += 1;
    }
    // Only values holding both a `'` and a backtick and a `\`, `"` or CR (or ending in `\`
    // with one of those quotes) have no form; the awkward generator makes many of them.
    for k in &warned {
        let v = &values[k[1..].parse::<usize>().unwrap()];
        assert!(
            (v.contains('\'') || v.ends_with('\\') || v.contains('\r'))
                && (v.contains('`') || v.ends_with('\\') || v.contains('\r'))
                && (v.contains(['\\', '"'])),
            "{k} was warned about but has a form: {v:?}"
        );
    }
    eprintln!(
        "node dotenv read {exact} of {} awkward values exactly",
        values.len()
    );
}

#[test]
fn node_dotenv_reads_the_default_export_where_one_form_suits_both() {
    // Values with a backslash, a tab or a double quote, but no single quote or line break:
    // single quotes (or a raw tab) suit python-dotenv and node dotenv alike.
    let tv = TestVault::new();
    let values = [
        "C:\\path\\to",
        "tab\there",
        "say \"hi\"",
        "a\\tb",
        "end \\ mid",
        "x=1;y=\"2\"",
    ];
    for (i, v) in values.iter().enumerate() {
        tv.set(&format!("V{i}"), v);
    }
    let file = tv.dir.path().join("default.env");
    std::fs::write(&file, tv.ok(&["export"], "")).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dotenv_python_check.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .expect("python3 is installed");
    assert_eq!(code(&out), 0, "python-dotenv: {}", stderr(&out));
    let py: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let node = node_dotenv(&file);
    for (i, v) in values.iter().enumerate() {
        assert_eq!(py[format!("V{i}")].as_str(), Some(*v), "python: {v:?}");
        if let Some(node) = &node {
            assert_eq!(node[format!("V{i}")].as_str(), Some(*v), "node: {v:?}");
        }
    }
}
