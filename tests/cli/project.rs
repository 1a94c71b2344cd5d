//! Project files (`.tresor.toml`): ignored with a note until `tresor allow`, and again after
//! any change; then they set the default environment, the env file of `run` and the vault.

use std::path::Path;
use std::process::Output;

use crate::support::*;

fn at(tv: &TestVault, dir: &Path, args: &[&str]) -> Output {
    tv.cmd().current_dir(dir).args(args).output().unwrap()
}

fn ok_at(tv: &TestVault, dir: &Path, args: &[&str]) -> (String, String) {
    let out = at(tv, dir, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    let err = stderr(&out);
    (String::from_utf8(out.stdout).unwrap(), err)
}

#[test]
fn a_project_file_applies_only_while_allowed_and_unchanged() {
    let tv = TestVault::new();
    let (dev, test) = (canary(), canary());
    tv.ok(&["set", "API_KEY", "-e", "dev"], &dev);
    tv.ok(&["set", "API_KEY", "-e", "test"], &test);
    let project = tv.dir.path().join("project");
    let sub = project.join("src/deep");
    std::fs::create_dir_all(&sub).unwrap();
    let file = project.join(".tresor.toml");
    std::fs::write(&file, "env = \"test\"\n").unwrap();

    // Not allowed: one note, and the default environment.
    let (out, err) = ok_at(&tv, &sub, &["get", "-n", "API_KEY"]);
    assert_eq!(out, dev);
    assert!(
        err.contains("not allowed") && err.contains("tresor allow"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let (_, err) = ok_at(&tv, &sub, &["allow"]);
    assert!(
        err.contains("Allowed") && err.contains("environment test"),
        "{err}"
    );
    let (out, err) = ok_at(&tv, &sub, &["get", "-n", "API_KEY"]);
    assert_eq!(out, test);
    assert!(!err.contains("note:"), "{err}");
    // -e and TRESOR_ENV still win.
    assert_eq!(
        ok_at(&tv, &sub, &["get", "-n", "API_KEY", "-e", "dev"]).0,
        dev
    );

    // Changed: ignored until allowed again.
    std::fs::write(&file, "env = \"prod\"\n").unwrap();
    let (out, err) = ok_at(&tv, &sub, &["get", "-n", "API_KEY"]);
    assert_eq!(out, dev);
    assert!(err.contains("changed since it was allowed"), "{err}");
    std::fs::write(&file, "env = \"test\"\n").unwrap();
    assert_eq!(ok_at(&tv, &sub, &["get", "-n", "API_KEY"]).0, test);

    // deny: ignored again.
    ok_at(&tv, &project, &["deny"]);
    let (out, err) = ok_at(&tv, &sub, &["get", "-n", "API_KEY"]);
    assert_eq!(out, dev);
    assert!(err.contains("not allowed"), "{err}");
    // Outside the project nothing is said.
    let (_, err) = ok_at(&tv, tv.dir.path(), &["list"]);
    assert!(!err.contains(".tresor.toml"), "{err}");
}

#[test]
fn a_project_file_sets_the_env_file_of_run_and_the_vault() {
    let tv = TestVault::new();
    let (a, b) = (canary(), canary());
    tv.set("DB_PASSWORD", &a);
    // A second vault, for the project.
    let other = tv.dir.path().join("project/vault.db");
    tv.ok(
        &[
            "init",
            "--no-passphrase",
            "--recipient",
            &tv.recipient,
            "--vault",
            other.to_str().unwrap(),
        ],
        "",
    );
    tv.ok(
        &["set", "DB_PASSWORD", "--vault", other.to_str().unwrap()],
        &b,
    );
    let project = tv.dir.path().join("project");
    std::fs::write(
        project.join(".tresor.toml"),
        "vault = \"vault.db\"\nenv_file = \".env.tresor\"\n",
    )
    .unwrap();
    std::fs::write(
        project.join(".env.tresor"),
        "DATABASE_PASSWORD=tresor://DB_PASSWORD\nLOG_LEVEL=debug\n",
    )
    .unwrap();
    let show = [
        "run",
        "--",
        "sh",
        "-c",
        "printf '%s|%s|%s' \"$DATABASE_PASSWORD\" \"$LOG_LEVEL\" \"${DB_PASSWORD-unset}\"",
    ];
    // Not allowed: the user's vault, every secret.
    let (out, _) = ok_at(&tv, &project, &show);
    assert_eq!(out, format!("||{a}"));
    ok_at(&tv, &project, &["allow", ".tresor.toml"]);
    let (out, _) = ok_at(&tv, &project, &show);
    assert_eq!(out, format!("{b}|debug|unset"));
    // --vault still wins; --only skips the env file.
    assert_eq!(ok_at(&tv, &project, &["get", "-n", "DB_PASSWORD"]).0, b);
    let (out, _) = ok_at(
        &tv,
        &project,
        &[
            "run",
            "--only",
            "DB_PASSWORD",
            "--",
            "sh",
            "-c",
            "printf %s \"$DB_PASSWORD\"",
        ],
    );
    assert_eq!(out, b);
    let mine = tv.vault.to_str().unwrap().to_string();
    assert_eq!(
        ok_at(
            &tv,
            &project,
            &["get", "-n", "DB_PASSWORD", "--vault", &mine]
        )
        .0,
        a
    );
}

#[test]
fn allow_refuses_a_file_with_unknown_keys() {
    let tv = TestVault::new();
    let project = tv.dir.path().join("p");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join(".tresor.toml"), "environment = \"x\"\n").unwrap();
    let out = at(&tv, &project, &["allow"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("environment"), "{}", stderr(&out));
    let out = at(&tv, tv.dir.path(), &["deny"]);
    assert_eq!(code(&out), 1, "no project file here: {}", stderr(&out));
}
