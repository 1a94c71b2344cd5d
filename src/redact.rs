//! Keeping key-looking text out of error messages. A user who types a secret where a name,
//! recipient or flag value belongs (`tresor get sk_live_…`, `--recipient AGE-SECRET-KEY-1…`)
//! must not see it echoed on stderr, where terminals, CI logs and screen shares keep it.
//! [`looks_like_secret`] is the heuristic; [`redact_message`] is applied to every error tresor
//! prints (clap's included), against the arguments it was given.

/// What replaces a key-looking text in a message.
pub const REDACTED: &str = "[redacted]";

/// Beginnings of well-known token formats (besides age identities and PEM private keys).
const SECRET_PREFIXES: &[&str] = &[
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "rk_test_",
    "whsec_",
    "sk-",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "npm_",
    "pypi-",
    "AIza",
];

/// Beginnings of public keys, which are high-entropy but fine to show.
const PUBLIC_PREFIXES: &[&str] = &["age1", "ssh-", "tresor-vk1-"];

/// Whether `s` looks like a secret: a well-known key format, or a long, high-entropy run of
/// letters and digits (16 or more, digits and letters mixed, and either both cases, hex of 20
/// or more, or 24 or more of any case). Paths, public keys (`age1…`, `ssh-…`, vault keys) and
/// names such as `STRIPE_SECRET_KEY_2024` are not secrets.
pub fn looks_like_secret(s: &str) -> bool {
    let s = s.trim();
    if known_format(s) {
        return true;
    }
    if s.contains('/') || s.contains(char::is_whitespace) {
        return false;
    }
    if PUBLIC_PREFIXES.iter().any(|p| s.starts_with(p)) {
        return false;
    }
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .any(high_entropy_run)
}

/// A well-known key format (no entropy guess, so it is safe to look for in any text, and it
/// is never a name someone chose).
pub fn known_format(s: &str) -> bool {
    // age identities, in either case (bech32 allows both); plugin identities
    // (`AGE-PLUGIN-NAME-1…`, upper case only: `age-plugin-NAME` is the plugin's program).
    if s.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-1") && s.len() >= 24 {
        return true;
    }
    if s.strip_prefix("AGE-PLUGIN-")
        .and_then(|rest| rest.split_once("-1"))
        .is_some_and(|(_, data)| data.len() >= 16)
    {
        return true;
    }
    if s.starts_with("-----BEGIN") && s.contains("PRIVATE KEY") {
        return true;
    }
    // A token prefix, then at least 16 characters with a digit among them (so that a name
    // such as `npm_registry_url_for_ci` is not one).
    if SECRET_PREFIXES.iter().any(|p| {
        s.strip_prefix(p)
            .is_some_and(|body| body.len() >= 16 && body.bytes().any(|b| b.is_ascii_digit()))
    }) {
        return true;
    }
    // AWS access key ids: AKIA/ASIA and 16 upper-case letters and digits.
    s.len() == 20
        && (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn high_entropy_run(run: &str) -> bool {
    let len = run.len();
    if len < 16 {
        return false;
    }
    let digits = run.bytes().filter(u8::is_ascii_digit).count();
    let lower = run.bytes().filter(u8::is_ascii_lowercase).count();
    let upper = run.bytes().filter(u8::is_ascii_uppercase).count();
    if digits == 0 || lower + upper == 0 {
        return false;
    }
    let hex = run.bytes().all(|b| b.is_ascii_hexdigit()) && (lower == 0 || upper == 0);
    let shaped = (lower > 0 && upper > 0) || (hex && len >= 20) || len >= 24;
    shaped && entropy(run) >= 3.0
}

/// Shannon entropy in bits per character.
fn entropy(s: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// The parts of the command line that look like secrets: whole arguments, and what follows
/// `=` in `NAME=value` or `--flag=value`.
pub fn secret_arguments(args: &[std::ffi::OsString]) -> Vec<String> {
    let mut found = Vec::new();
    for a in args {
        let a = a.to_string_lossy();
        let mut parts = vec![a.as_ref()];
        if let Some((_, after)) = a.split_once('=') {
            parts.push(after);
        }
        for p in parts {
            if looks_like_secret(p) && !found.iter().any(|f: &String| f == p) {
                found.push(p.to_string());
            }
        }
    }
    // Longest first, so a part inside another is not redacted on its own first.
    found.sort_by_key(|f| std::cmp::Reverse(f.len()));
    found
}

/// `text` with every occurrence of a `secrets` entry replaced by [`REDACTED`], also when the
/// message shortened it (any 12 or more of its first characters), and with every word that
/// has a well-known secret format replaced too.
pub fn redact_message(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for s in secrets {
        out = redact_prefixes(&out, s);
    }
    // Words in a well-known key format, wherever they came from (a file, a variable).
    let mut result = String::with_capacity(out.len());
    let mut word = String::new();
    let flush = |word: &mut String, result: &mut String| {
        let mut bare = word.trim_matches(|c: char| "\"'`()[]{}<>,;:".contains(c));
        if let Some((_, after)) = bare.split_once('=') {
            if known_format(after) {
                bare = after;
            }
        }
        if !bare.is_empty() && known_format(bare) {
            result.push_str(&word.replace(bare, REDACTED));
        } else {
            result.push_str(word);
        }
        word.clear();
    };
    for c in out.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut result);
            result.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut result);
    result
}

/// Replaces in `text` every stretch that equals the beginning of `secret`: at least 12
/// characters of it, and 6 past a well-known prefix (so that a hint naming the format,
/// `AGE-SECRET-KEY-1…`, stays), or all of a shorter one.
fn redact_prefixes(text: &str, secret: &str) -> String {
    let upper = secret.to_ascii_uppercase();
    let prefix = ["AGE-SECRET-KEY-1", "AGE-PLUGIN-"]
        .iter()
        .chain(SECRET_PREFIXES)
        .filter(|p| upper.starts_with(&p.to_ascii_uppercase()))
        .map(|p| p.len())
        .max()
        .unwrap_or(0);
    let min = secret.len().min(12.max(prefix + 6));
    let head = &secret[..floor_char_boundary(secret, min)];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(head) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let common = tail
            .char_indices()
            .zip(secret.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((j, a), _)| j + a.len_utf8())
            .last()
            .unwrap_or(head.len());
        out.push_str(REDACTED);
        rest = &tail[common..];
    }
    out.push_str(rest);
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built at run time: no real-looking key sits in the source.
    fn fake(prefix: &str, body_len: usize) -> String {
        let alphabet = b"Ab3Xk9Qz7Lm2Pw5Rt8Vn4Hy6";
        let body: String = (0..body_len)
            .map(|i| alphabet[(i * 7 + i / 3) % alphabet.len()] as char)
            .collect();
        format!("{prefix}{body}")
    }

    #[test]
    fn key_formats_are_secrets() {
        assert!(looks_like_secret(&format!(
            "AGE-SECRET-KEY-1{}",
            "QZ".repeat(29)
        )));
        assert!(looks_like_secret(&format!(
            "age-secret-key-1{}",
            "qz".repeat(29)
        )));
        for prefix in [
            "sk_live_",
            "sk_test_",
            "ghp_",
            "xoxb-",
            "glpat-",
            "github_pat_",
        ] {
            assert!(looks_like_secret(&fake(prefix, 24)), "{prefix}");
        }
        assert!(looks_like_secret(&format!("AKIA{}", "Q7".repeat(8))));
        assert!(looks_like_secret("-----BEGIN OPENSSH PRIVATE KEY-----"));
        // A prefix alone, or before a name, is not enough.
        assert!(!looks_like_secret("npm_registry_url_for_ci"));
        assert!(!looks_like_secret("sk-learn"));
    }

    #[test]
    fn long_high_entropy_tokens_are_secrets() {
        assert!(looks_like_secret(&fake("", 32)));
        assert!(looks_like_secret(&fake("", 16)));
        // Hex, as a canary or a hex-encoded key.
        assert!(looks_like_secret("canary_0f3a9c2e7b1d4f6a8c0e2b4d6f8a1c3e"));
        assert!(looks_like_secret(
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"
        ));
        // Base64 with its punctuation.
        assert!(looks_like_secret(
            "dGhpcyBpcyBhIHRlc3Qga2V5IDEyMzQ1Njc4OTA+="
        ));
    }

    #[test]
    fn names_paths_and_public_keys_are_not() {
        for not in [
            "API_KEY",
            "STRIPE_SECRET_KEY_2024",
            "DATABASE_URL_REPLICA_2",
            "AWS_SECRET_ACCESS_KEY",
            "dev",
            "prod-eu_1",
            "/tmp/.tmpAbC123xyz/identity9Qx7.txt",
            "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
            "ssh-ed25519",
            "tresor-vk1-Ab3Xk9Qz7Lm2Pw5Rt8Vn4Hy6Ab3Xk9Qz7Lm2",
            "2026-01-31T12:00:00Z",
            "550e8400-e29b-41d4-a716-446655440000",
            "sk_live_",
            "",
            "hello world this is a sentence",
        ] {
            assert!(!looks_like_secret(not), "{not}");
        }
    }

    #[test]
    fn messages_lose_the_secret_even_shortened() {
        let secret = fake("sk_live_", 40);
        let args = vec![
            std::ffi::OsString::from("set"),
            std::ffi::OsString::from(format!("API_KEY={secret}")),
        ];
        let found = secret_arguments(&args);
        assert!(found.contains(&secret));
        let shortened: String = format!("API_KEY={secret}").chars().take(40).collect();
        for text in [
            format!("invalid secret name \"API_KEY={secret}\""),
            format!("invalid secret name \"{shortened}…\""),
            format!("not found: {secret}, twice {secret}"),
        ] {
            let out = redact_message(&text, &found);
            assert!(!out.contains(&secret[..16]), "{out}");
            assert!(out.contains(REDACTED), "{out}");
        }
        // A hint that names the format stays readable.
        let key = format!("AGE-SECRET-KEY-1{}", "QZ".repeat(29));
        let found = secret_arguments(&[std::ffi::OsString::from(&key)]);
        let hint = "an age identity is a line AGE-SECRET-KEY-1…";
        assert_eq!(redact_message(hint, &found), hint);
        // A key in a known format is redacted even when it is not an argument.
        let key = format!("AGE-SECRET-KEY-1{}", "QZ".repeat(29));
        let out = redact_message(&format!("not an age recipient: \"{key}\""), &[]);
        assert_eq!(out, format!("not an age recipient: \"{REDACTED}\""));
        // Other text is left alone.
        let plain = "secret API_KEY not found in dev";
        assert_eq!(redact_message(plain, &found), plain);
    }
}
