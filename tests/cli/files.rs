//! `run --file NAME[=VAR]` (a value as a private file in memory for the command's lifetime)
//! and `inject` (a template rendered with values).

use std::path::PathBuf;

use crate::support::*;

#[test]
fn run_file_gives_a_private_file_that_is_gone_afterwards() {
    let tv = TestVault::new();
    let (key, other) = (canary(), canary());
    tv.set("TLS_KEY", &key);
    tv.set("SA_JSON", &other);
    let out = tv.run(
        &[
            "run", "--file", "TLS_KEY", "--file", "SA_JSON=GOOGLE_APPLICATION_CREDENTIALS", "--",
            "sh", "-c",
            "printf '%s\\n' \"$TLS_KEY_FILE\" \"$GOOGLE_APPLICATION_CREDENTIALS\"; stat -c %a \"$TLS_KEY_FILE\" \"$(dirname \"$TLS_KEY_FILE\")\"; cat \"$TLS_KEY_FILE\"; echo; cat \"$GOOGLE_APPLICATION_CREDENTIALS\"; exit 3",
        ],
        "",
    );
    assert_eq!(code(&out), 3, "the command's status: {}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        &lines[2..],
        ["600", "700", key.as_str(), other.as_str()],
        "{text}"
    );
    for p in &lines[..2] {
        let p = PathBuf::from(p);
        assert!(p.starts_with("/dev/shm"), "{}", p.display());
        assert!(
            !p.exists() && !p.parent().unwrap().exists(),
            "{} is left",
            p.display()
        );
    }
}

#[test]
fn run_file_with_mask_masks_what_the_command_prints_from_it() {
    let tv = TestVault::new();
    let key = canary();
    tv.set("TLS_KEY", &key);
    let out = tv.run(
        &[
            "run",
            "--mask",
            "--only",
            "TLS_KEY",
            "--file",
            "TLS_KEY=KEY_PATH",
            "--",
            "sh",
            "-c",
            "cat \"$KEY_PATH\"",
        ],
        "",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "********");
}

#[test]
fn run_file_removes_the_file_when_tresor_is_terminated() {
    let tv = TestVault::new();
    tv.set("TLS_KEY", &canary());
    let log = tv.dir.path().join("path.txt");
    let script = format!(
        "printf %s \"$TLS_KEY_FILE\" > '{}'; exec sleep 30",
        log.display()
    );
    let child = tv
        .std_cmd()
        .args(["run", "--file", "TLS_KEY", "--", "sh", "-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while std::fs::read_to_string(&log).unwrap_or_default().is_empty()
        && start.elapsed().as_secs() < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let path = PathBuf::from(std::fs::read_to_string(&log).unwrap());
    assert!(path.exists());
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(128 + 15), "{}", stderr(&out));
    assert!(!path.exists() && !path.parent().unwrap().exists());
}

#[test]
fn run_file_refuses_bad_specs_and_revoked_values() {
    let tv = TestVault::new();
    tv.set("K", &canary());
    let out = tv.run(&["run", "--file", "K=not a name", "--", "true"], "");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = tv.run(&["run", "--file", "MISSING", "--", "true"], "");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    tv.ok(&["revoke", "K", "--reason", "test"], "");
    let out = tv.run(&["run", "--file", "K", "--", "true"], "");
    assert_eq!(code(&out), 5, "{}", stderr(&out));
}

#[test]
fn inject_renders_references_and_refuses_a_regular_file() {
    let tv = TestVault::new();
    let (a, b) = (canary(), canary());
    tv.ok(&["set", "DB_PASSWORD", "-e", "dev"], &a);
    tv.ok(&["set", "API_KEY", "-e", "prod"], &b);
    let template = "db:\n  password: {{ tresor://DB_PASSWORD }}\napi: {{tresor://prod/API_KEY}}\nkeep: {{ not.a.reference }}\n";
    let out = tv.run(&["inject"], template);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("db:\n  password: {a}\napi: {b}\nkeep: {{{{ not.a.reference }}}}\n")
    );
    // From a file too; the reads are in the audit log.
    let t = tv.dir.path().join("config.tmpl");
    std::fs::write(&t, "x={{ tresor://DB_PASSWORD }}").unwrap();
    assert_eq!(
        tv.ok(&["inject", t.to_str().unwrap()], ""),
        format!("x={a}")
    );
    let audit = tv.ok(&["audit", "--name", "API_KEY", "--json"], "");
    assert!(audit.contains("inject"), "{audit}");

    // Into a regular file: refused unless --allow-file.
    let target = tv.dir.path().join("out.yaml");
    let out = tv
        .std_cmd()
        .arg("inject")
        .arg(&t)
        .stdout(std::fs::File::create(&target).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(std::fs::read(&target).unwrap(), b"");
    let out = tv
        .std_cmd()
        .arg("inject")
        .arg("--allow-file")
        .arg(&t)
        .stdout(std::fs::File::create(&target).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), format!("x={a}"));
}

#[test]
fn inject_names_a_missing_reference_and_refuses_revoked_ones() {
    let tv = TestVault::new();
    let v = canary();
    tv.set("K", &v);
    let out = tv.run(&["inject"], "a\nb={{ tresor://NOPE }}\n");
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("line 2") && stderr(&out).contains("NOPE"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    tv.ok(&["revoke", "K", "--reason", "test"], "");
    let out = tv.run(&["inject"], "{{ tresor://K }}");
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(!contains(&out.stdout, v.as_bytes()) && !contains(&out.stderr, v.as_bytes()));
}

#[test]
fn run_file_refuses_a_folder_on_disk_unless_allowed() {
    let mut tv = TestVault::new();
    let v = canary();
    tv.set("K", &v);
    let run = tv.dir.path().join("run");
    std::fs::create_dir_all(&run).unwrap();
    let fs = std::process::Command::new("stat")
        .args(["-f", "-c", "%T"])
        .arg(&run)
        .output()
        .unwrap();
    if String::from_utf8_lossy(&fs.stdout).trim() == "tmpfs" {
        eprintln!("skipped: the test folder is on a tmpfs");
        return;
    }
    tv.set_env("XDG_RUNTIME_DIR", run.to_str().unwrap());
    let out = tv.run(&["run", "--file", "K", "--", "true"], "");
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let out = tv.run(
        &[
            "run",
            "--file",
            "K",
            "--allow-disk",
            "--",
            "sh",
            "-c",
            "cat \"$K_FILE\"",
        ],
        "",
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), v);
    assert_eq!(
        std::fs::read_dir(&run).unwrap().count(),
        0,
        "nothing is left"
    );
}
