//! Model-based property test: proptest draws random sequences of operations (`set`, `rotate`,
//! `generate`, `revoke`, `rm`, `import`, `get` of any version, `rekey`) over two environments
//! and a handful of names, with arbitrary UTF-8 values (control characters, newlines, quotes,
//! non-ASCII). Each operation is one run of the binary, so the vault is closed and reopened
//! between steps. An in-memory model predicts every exit code and every value printed; after
//! every step both environments are read back whole (`list --json --revoked` for names,
//! versions and statuses, `export --format json` for values) and must equal the model; at the
//! end of a sequence `audit verify` must pass. A failing sequence is shrunk by proptest to a
//! short one and printed.
//!
//! `TRESOR_MODEL_CASES` sets the number of sequences (default 64; each is up to 14 steps),
//! `TRESOR_MODEL_SEED` the seed (default fixed; printed so a failure can be repeated).

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

use crate::model::*;
use crate::support::*;

const ENVS: [&str; 2] = ["dev", "prod"];
const NAMES: [&str; 4] = ["API_KEY", "DB_PASSWORD", "token", "_X"];

#[derive(Clone, Debug)]
enum Op {
    Set {
        env: usize,
        name: usize,
        value: String,
    },
    /// `rotate --from-file -`: a new version read like `set`.
    Rotate {
        env: usize,
        name: usize,
        value: String,
    },
    /// `generate --print`: the model learns the value from stdout.
    Generate {
        env: usize,
        name: usize,
        length: usize,
    },
    Revoke {
        env: usize,
        name: usize,
    },
    Rm {
        env: usize,
        name: usize,
    },
    /// `get --version (latest - back)`, with or without `--allow-revoked`.
    Get {
        env: usize,
        name: usize,
        back: usize,
        allow_revoked: bool,
    },
    /// `import - --format json`, all or nothing.
    Import {
        env: usize,
        entries: BTreeMap<usize, String>,
        overwrite: bool,
    },
    Rekey,
}

/// Values as SPEC §3 allows them: 1 byte or more of UTF-8 without NUL; mostly short, with the
/// characters that break quoting elsewhere well represented.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\u{0}]{1,24}",
        "[a-z\"'\\\\$#= \n\t\r`]{1,12}",
        "[a-zA-Z0-9]{1,40}",
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let env = 0..ENVS.len();
    let name = 0..NAMES.len();
    prop_oneof![
        4 => (env.clone(), name.clone(), value()).prop_map(|(env, name, value)| Op::Set { env, name, value }),
        2 => (env.clone(), name.clone(), value()).prop_map(|(env, name, value)| Op::Rotate { env, name, value }),
        1 => (env.clone(), name.clone(), 12usize..40).prop_map(|(env, name, length)| Op::Generate { env, name, length }),
        2 => (env.clone(), name.clone()).prop_map(|(env, name)| Op::Revoke { env, name }),
        1 => (env.clone(), name.clone()).prop_map(|(env, name)| Op::Rm { env, name }),
        3 => (env.clone(), name.clone(), 0usize..4, any::<bool>()).prop_map(|(env, name, back, allow_revoked)| Op::Get { env, name, back, allow_revoked }),
        2 => (env, proptest::collection::btree_map(name, value(), 1..4), any::<bool>()).prop_map(|(env, entries, overwrite)| Op::Import { env, entries, overwrite }),
        1 => Just(Op::Rekey),
    ]
}

/// One version as the model knows it.
#[derive(Clone, Debug)]
struct Version {
    value: String,
    revoked: bool,
}

/// Every secret of every environment: name → versions, oldest first.
#[derive(Default, Debug)]
struct Model {
    envs: [BTreeMap<String, Vec<Version>>; 2],
}

impl Model {
    fn add(&mut self, env: usize, name: &str, value: String) {
        self.envs[env]
            .entry(name.to_string())
            .or_default()
            .push(Version {
                value,
                revoked: false,
            });
    }

    /// The model's view in the shape `observe_env` reads from the binary.
    fn visible(&self, env: usize) -> Secrets {
        self.envs[env]
            .iter()
            .map(|(name, versions)| {
                let last = versions.last().expect("a secret has a version");
                let secret = Secret {
                    version: versions.len() as u64,
                    revoked: last.revoked,
                    value: (!last.revoked).then(|| last.value.clone()),
                };
                (name.clone(), secret)
            })
            .collect()
    }
}

/// What the model expects of one command: its exit code, what stdout must be (when it is
/// known), and a text that stderr must contain when the code is not 0.
struct Expect {
    code: i32,
    stdout: Option<String>,
    because: &'static str,
}

impl Expect {
    fn ok() -> Expect {
        Expect {
            code: 0,
            stdout: None,
            because: "",
        }
    }

    fn fails(code: i32, because: &'static str) -> Expect {
        Expect {
            code,
            stdout: None,
            because,
        }
    }
}

fn check(
    tv: &TestVault,
    args: &[String],
    stdin: &str,
    expect: Expect,
) -> Result<Vec<u8>, TestCaseError> {
    let mut c = tv.std_cmd();
    c.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    prop_assert!(!err.contains("panicked"), "tresor {args:?} panicked: {err}");
    prop_assert_eq!(
        out.status.code(),
        Some(expect.code),
        "tresor {:?}: exit code (stderr: {})",
        args,
        err
    );
    if expect.code != 0 {
        prop_assert!(
            err.contains(expect.because),
            "tresor {args:?} exited {} but stderr does not say {:?}: {err}",
            expect.code,
            expect.because
        );
    }
    if let Some(want) = expect.stdout {
        prop_assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            want,
            "tresor {:?}: stdout",
            args
        );
    }
    Ok(out.stdout)
}

fn args(env: usize, rest: &[&str]) -> Vec<String> {
    let mut a = vec!["-q".to_string(), "-e".into(), ENVS[env].into()];
    a.extend(rest.iter().map(|s| s.to_string()));
    a
}

/// Runs one operation through the binary and applies it to the model.
fn step(tv: &TestVault, model: &mut Model, op: &Op) -> Result<(), TestCaseError> {
    match op {
        Op::Set { env, name, value } => {
            let name = NAMES[*name];
            // stdin loses one trailing newline (SPEC §3): add one so that the value's own last
            // byte, newline or not, survives.
            check(
                tv,
                &args(*env, &["set", name]),
                &format!("{value}\n"),
                Expect::ok(),
            )?;
            model.add(*env, name, value.clone());
        }
        Op::Rotate { env, name, value } => {
            let name = NAMES[*name];
            let a = args(*env, &["rotate", name, "--from-file", "-"]);
            if model.envs[*env].contains_key(name) {
                check(tv, &a, &format!("{value}\n"), Expect::ok())?;
                model.add(*env, name, value.clone());
            } else {
                check(tv, &a, &format!("{value}\n"), Expect::fails(1, name))?;
            }
        }
        Op::Generate { env, name, length } => {
            let name = NAMES[*name];
            let len = length.to_string();
            let out = check(
                tv,
                &args(
                    *env,
                    &["generate", name, "--length", &len, "--print", "--force"],
                ),
                "",
                Expect::ok(),
            )?;
            let printed = String::from_utf8(out).unwrap();
            let value = printed.strip_suffix('\n').unwrap_or(&printed).to_string();
            prop_assert_eq!(value.chars().count(), *length, "generated length");
            prop_assert!(value.chars().all(|c| c.is_ascii_alphanumeric()));
            model.add(*env, name, value);
        }
        Op::Revoke { env, name } => {
            let name = NAMES[*name];
            let a = args(*env, &["revoke", name, "--reason", "model test"]);
            match model.envs[*env].get_mut(name) {
                None => {
                    check(tv, &a, "", Expect::fails(1, name))?;
                }
                Some(versions) if versions.iter().all(|v| v.revoked) => {
                    check(tv, &a, "", Expect::fails(1, "already revoked"))?;
                }
                Some(versions) => {
                    check(tv, &a, "", Expect::ok())?;
                    versions.iter_mut().for_each(|v| v.revoked = true);
                }
            }
        }
        Op::Rm { env, name } => {
            let name = NAMES[*name];
            let a = args(*env, &["rm", name]);
            if model.envs[*env].remove(name).is_some() {
                check(tv, &a, "", Expect::ok())?;
            } else {
                check(tv, &a, "", Expect::fails(1, name))?;
            }
        }
        Op::Get {
            env,
            name,
            back,
            allow_revoked,
        } => {
            let name = NAMES[*name];
            let Some(versions) = model.envs[*env].get(name) else {
                check(tv, &args(*env, &["get", name]), "", Expect::fails(1, name))?;
                return Ok(());
            };
            let index = versions.len() - 1 - back % versions.len();
            let number = (index + 1).to_string();
            let mut a = args(*env, &["get", name, "-n", "--version", &number]);
            if *allow_revoked {
                a.push("--allow-revoked".into());
            }
            let v = &versions[index];
            if v.revoked && !allow_revoked {
                check(tv, &a, "", Expect::fails(5, "revoked"))?;
            } else {
                let expect = Expect {
                    stdout: Some(v.value.clone()),
                    ..Expect::ok()
                };
                check(tv, &a, "", expect)?;
            }
        }
        Op::Import {
            env,
            entries,
            overwrite,
        } => {
            let named: BTreeMap<&str, &String> =
                entries.iter().map(|(n, v)| (NAMES[*n], v)).collect();
            let json = serde_json::to_string(&named).unwrap();
            let mut a = args(*env, &["import", "-", "--format", "json"]);
            if *overwrite {
                a.push("--overwrite".into());
            }
            let clash = named.keys().any(|n| model.envs[*env].contains_key(*n));
            if clash && !overwrite {
                check(tv, &a, &json, Expect::fails(1, "already in"))?;
            } else {
                check(tv, &a, &json, Expect::ok())?;
                for (n, v) in named {
                    model.add(*env, n, v.clone());
                }
            }
        }
        Op::Rekey => {
            check(tv, &["-q".to_string(), "rekey".into()], "", Expect::ok())?;
        }
    }
    Ok(())
}

fn run_sequence(ops: &[Op]) -> Result<(), TestCaseError> {
    let tv = TestVault::new();
    let mut model = Model::default();
    for (i, op) in ops.iter().enumerate() {
        step(&tv, &mut model, op)?;
        for (e, env) in ENVS.iter().enumerate() {
            let got = observe_env(&tv, env)
                .map_err(|e| TestCaseError::fail(format!("after step {i} ({op:?}): {e}")))?;
            let want = model.visible(e);
            prop_assert!(
                got == want,
                "after step {i} ({op:?}), {env} differs from the model: {}",
                diff(&want, &got)
            );
        }
    }
    audit_verifies(&tv).map_err(TestCaseError::fail)?;
    Ok(())
}

#[test]
fn random_operation_sequences_match_an_in_memory_model() {
    let cases = count_from_env("TRESOR_MODEL_CASES", 64) as u32;
    // A fixed default, as the other seeded tests have: CI runs the same sequences every time,
    // so a failure belongs to the change that caused it. Other seeds through the variable.
    let seed = seed_from_env("TRESOR_MODEL_SEED", 0x7e50_0e5e);
    let mut seed_bytes = [0u8; 32];
    let mut rng = crate::model::Rng::new(seed);
    for chunk in seed_bytes.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    let config = Config {
        cases,
        max_shrink_iters: 200,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    let steps = std::cell::Cell::new(0usize);
    let result = runner.run(&proptest::collection::vec(op(), 1..15), |ops| {
        steps.set(steps.get() + ops.len());
        run_sequence(&ops)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "{cases} sequences, {} steps, all matching the model",
        steps.get()
    );
}
