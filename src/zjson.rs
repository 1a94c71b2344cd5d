//! Typed JSON for secret-bearing documents, written into one zeroizing buffer sized ahead.
//!
//! `serde_json::to_vec` grows its `Vec` as it writes: each reallocation leaves a copy of what
//! was written so far in freed memory, where no `Zeroizing` reaches it. Here the document is
//! first serialized into a byte counter, then once into a `Zeroizing<Vec<u8>>` of exactly that
//! capacity (plus `extra` bytes the caller appends, such as a newline), so the bytes exist in
//! one place and are zeroed when it is dropped.

use serde::Serialize;
use zeroize::Zeroizing;

/// Counts the bytes written to it and keeps none of them.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The length of `value` as compact JSON, without writing it anywhere.
pub fn len<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<usize> {
    let mut count = Counter(0);
    serde_json::to_writer(&mut count, value)?;
    Ok(count.0)
}

/// `value` as compact JSON in a zeroizing buffer with room for `extra` more bytes; the buffer
/// never reallocates while it is written.
pub fn to_vec<T: Serialize + ?Sized>(
    value: &T,
    extra: usize,
) -> serde_json::Result<Zeroizing<Vec<u8>>> {
    let n = len(value)?;
    let mut buf = Zeroizing::new(Vec::with_capacity(n + extra));
    serde_json::to_writer(&mut *buf, value)?;
    debug_assert_eq!(buf.len(), n, "the second pass wrote what the first counted");
    Ok(buf)
}

/// `to_vec`, pretty-printed (two-space indents, as `serde_json::to_vec_pretty`).
pub fn to_vec_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Zeroizing<Vec<u8>>> {
    let pretty = || serde_json::ser::PrettyFormatter::with_indent(b"  ");
    let mut count = Counter(0);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut count,
        pretty(),
    ))?;
    let mut buf = Zeroizing::new(Vec::with_capacity(count.0));
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut *buf,
        pretty(),
    ))?;
    debug_assert_eq!(
        buf.len(),
        count.0,
        "the second pass wrote what the first counted"
    );
    Ok(buf)
}

/// A JSON object `{"NAME": "value", …}` serialized straight from borrowed pairs, in their
/// order: no `serde_json::Value` or `Map` holds a copy of the values.
pub struct StrMap<'a>(pub &'a [(&'a str, &'a str)]);

impl Serialize for StrMap<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffer_is_sized_once_and_exactly() {
        let pairs = [("B", "two \"quoted\"\n"), ("A", "one"), ("C", "ünï")];
        let buf = to_vec(&StrMap(&pairs), 1).unwrap();
        assert_eq!(buf.capacity(), buf.len() + 1);
        let text = std::str::from_utf8(&buf).unwrap();
        assert_eq!(text, r#"{"B":"two \"quoted\"\n","A":"one","C":"ünï"}"#);
        let back: std::collections::BTreeMap<String, String> = serde_json::from_str(text).unwrap();
        assert_eq!(back["B"], "two \"quoted\"\n");
    }
}
