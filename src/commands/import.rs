//! `tresor import FILE|-`: secrets from a dotenv or JSON file, all or nothing.

use std::io::Read;
use std::os::fd::AsFd;

use zeroize::Zeroizing;

use crate::cli::{ImportArgs, ImportFormat};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::names::check_secret_name;
use crate::vault::{NewVersion, Origin, VersionMeta};

pub fn cmd_import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let from_stdin = args.file.as_os_str() == "-";
    let what = if from_stdin {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let bytes = if from_stdin {
        // Straight from the descriptor: `Stdin`'s own buffer would keep a copy nobody zeroes.
        std::io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .and_then(|fd| read_all(&mut std::fs::File::from(fd), 64 * 1024))
    } else {
        std::fs::File::open(&args.file).and_then(|mut f| {
            let hint = f.metadata().map(|m| m.len() as usize + 1).unwrap_or(0);
            read_all(&mut f, hint)
        })
    }
    .map_err(|e| Error::io(&what, e))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| Error::general(format!("{what} is not UTF-8 text")))?;
    let format = args.format.unwrap_or(
        if args
            .file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            ImportFormat::Json
        } else {
            ImportFormat::Dotenv
        },
    );
    let entries = match format {
        ImportFormat::Dotenv => crate::dotenv::parse(text)
            .map_err(|e| Error::general(format!("{what}: {e}")))?
            .into_iter()
            .map(|e| (e.key, format!("line {}", e.line), e.value))
            .collect::<Vec<_>>(),
        ImportFormat::Json => parse_json(text, &what)?,
    };
    // Empty values (`EMPTY=`, common in real .env files as placeholders) are skipped with a
    // note that names them: a stored value is 1 byte or more.
    let (entries, empty): (Vec<_>, Vec<_>) =
        entries.into_iter().partition(|(_, _, v)| !v.is_empty());
    if !empty.is_empty() {
        ctx.ui.note(&format!(
            "skipped {} empty value{} (tresor stores values of 1 byte or more): {}",
            empty.len(),
            if empty.len() == 1 { "" } else { "s" },
            empty
                .iter()
                .map(|(n, _, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if entries.is_empty() {
        return Err(Error::general(format!(
            "{what} holds no variables{}",
            if empty.is_empty() {
                ""
            } else {
                " with a value"
            }
        )));
    }
    // Check everything before writing anything.
    let mut values = Vec::with_capacity(entries.len());
    for (name, place, value) in entries {
        check_secret_name(&name).map_err(|e| Error {
            message: format!("{what}, {place}: {}", e.message),
            ..e
        })?;
        let v =
            crate::input::check_value(Zeroizing::new(value.as_bytes().to_vec())).map_err(|e| {
                Error {
                    message: format!("{what}, {place}: {name}: {}", e.message),
                    ..e
                }
            })?;
        values.push((name, v));
    }
    let env = ctx.env_name()?;
    let mut vault = ctx.write_vault()?;
    if !args.overwrite {
        let names = vault.list(&env)?;
        let clashes: Vec<&str> = values
            .iter()
            .filter(|(n, _)| names.iter().any(|s| s.name == *n))
            .map(|(n, _)| n.as_str())
            .collect();
        if !clashes.is_empty() {
            return Err(
                Error::general(format!("already in {env}: {}", clashes.join(", ")))
                    .with_hint("nothing was imported; pass --overwrite to add new versions"),
            );
        }
    }
    let schedule = super::schedule(ctx, &crate::cli::ScheduleArgs::default(), None)?;
    for (name, value) in &values {
        vault.put(
            &env,
            name,
            value,
            NewVersion {
                origin: Origin::Import,
                expires_at: None,
                rotate_at: schedule.rotate_at,
                grace_until: None,
                meta: VersionMeta {
                    rotate_every: schedule.meta.rotate_every,
                    ..VersionMeta::default()
                },
            },
        )?;
    }
    vault.event(
        crate::audit::Event::new(crate::audit::Action::Import)
            .env(&env)
            .detail(format!(
                "{} from {what}",
                crate::ui::count(values.len(), "secret")
            )),
    );
    super::commit_write(ctx, &mut vault)?;
    super::remind(ctx, &vault, &env);
    ctx.ui.status(&format!(
        "Imported {} secret{} into {env}",
        values.len(),
        if values.len() == 1 { "" } else { "s" }
    ));
    if !from_stdin {
        ctx.ui.note(&format!(
            "{what} still holds the values in plaintext; delete it (for example with `shred -u`)"
        ));
    }
    Ok(())
}

/// Reads `r` to the end into one zeroizing buffer of `hint` bytes (a file's size, so usually
/// no growth). When it must grow, the bytes move to a buffer twice as large and the old one is
/// zeroed: `read_to_end` would leave each outgrown buffer behind unzeroed.
fn read_all(r: &mut impl Read, hint: usize) -> std::io::Result<Zeroizing<Vec<u8>>> {
    let mut buf = Zeroizing::new(vec![0u8; hint.max(4096)]);
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            let mut bigger = Zeroizing::new(vec![0u8; buf.len() * 2]);
            bigger[..filled].copy_from_slice(&buf[..filled]);
            buf = bigger;
        }
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    // Shortened in place: the allocation stays, the tail is zeros.
    buf.truncate(filled);
    Ok(buf)
}

/// One value of the JSON object: a string, kept in a zeroizing buffer of its size, or
/// something else, of which nothing is kept (nor quoted in an error).
enum JsonValue {
    Str(Zeroizing<String>),
    NotString,
}

impl<'de> serde::Deserialize<'de> for JsonValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = JsonValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::Str(Zeroizing::new(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::Str(Zeroizing::new(v)))
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::NotString)
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::NotString)
            }
            fn visit_u64<E>(self, _: u64) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::NotString)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::NotString)
            }
            fn visit_unit<E>(self) -> std::result::Result<JsonValue, E> {
                Ok(JsonValue::NotString)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<JsonValue, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(JsonValue::NotString)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<JsonValue, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(JsonValue::NotString)
            }
        }
        d.deserialize_any(V)
    }
}

/// The top-level object, in file order, keys kept as written (duplicates included, so that
/// they can be refused).
struct JsonObject(Vec<(String, JsonValue)>);

impl<'de> serde::Deserialize<'de> for JsonObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = JsonObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("one JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<JsonObject, A::Error> {
                // The entries are (pointer, length) pairs: growing this Vec moves no secret.
                let mut out = Vec::with_capacity(a.size_hint().unwrap_or(16));
                while let Some((k, v)) = a.next_entry::<String, JsonValue>()? {
                    out.push((k, v));
                }
                Ok(JsonObject(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// `{"NAME": "value", …}`, straight into zeroizing strings (no `serde_json::Value`, whose
/// strings nobody zeroes). Error messages give positions and names, never values (serde's own
/// type errors would quote them).
fn parse_json(text: &str, what: &str) -> Result<Vec<(String, String, Zeroizing<String>)>> {
    let doc: JsonObject = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            Error::general(format!(
                "{what}: expected one JSON object {{\"NAME\": \"value\", …}}"
            ))
        } else {
            Error::general(format!(
                "{what}: line {}, column {}: not valid JSON",
                e.line(),
                e.column()
            ))
        }
    })?;
    let mut out: Vec<(String, String, Zeroizing<String>)> = Vec::with_capacity(doc.0.len());
    for (k, v) in doc.0 {
        if out.iter().any(|(n, _, _)| *n == k) {
            return Err(Error::general(format!("{what}: {k} appears twice")));
        }
        match v {
            JsonValue::Str(s) => out.push((k.clone(), format!("key {k:?}"), s)),
            JsonValue::NotString => {
                return Err(Error::general(format!(
                    "{what}: the value of {k} is not a string"
                )));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_import_keeps_order_refuses_non_strings_and_duplicates_without_quoting() {
        let got = parse_json(r#"{"B": "two\n", "A": "one"}"#, "f").unwrap();
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["B", "A"]);
        assert_eq!(got[0].2.as_str(), "two\n");
        for (doc, want) in [
            (r#"{"A": 12345}"#, "the value of A is not a string"),
            (
                r#"{"A": {"x": "secretish"}}"#,
                "the value of A is not a string",
            ),
            (r#"{"A": "x", "A": "y"}"#, "A appears twice"),
            (r#"["x"]"#, "expected one JSON object"),
            (r#"{"A": "x""#, "not valid JSON"),
        ] {
            let e = parse_json(doc, "f").unwrap_err();
            assert!(e.message.contains(want), "{doc}: {}", e.message);
            assert!(!e.message.contains("12345") && !e.message.contains("secretish"));
        }
    }

    #[test]
    fn reading_grows_without_leaving_copies_and_keeps_every_byte() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let got = read_all(&mut &data[..], 10).unwrap();
        assert_eq!(&got[..], &data[..]);
        let got = read_all(&mut &data[..], data.len() + 1).unwrap();
        assert_eq!(
            got.capacity(),
            data.len() + 1,
            "a right-sized hint: one buffer"
        );
    }
}
