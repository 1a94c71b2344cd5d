//! Times and durations as users type them (doc/cli.md §3) and as tresor stores them (Unix seconds,
//! UTC). `TRESOR_NOW` replaces the clock so tests can move time, but only in a build made for
//! testing (debug assertions on, as `cargo test` builds, or the `test-clock` feature): the clock
//! decides policy (expired secrets, grants and bundles), and in a release build an environment
//! variable must not bring an expired grant or bundle back.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime, macros::format_description};

use crate::error::{Error, Result};

/// Whether this build lets `TRESOR_NOW` replace the clock.
pub const TEST_CLOCK: bool = cfg!(any(debug_assertions, feature = "test-clock"));

/// The current time in Unix seconds: `TRESOR_NOW` (RFC 3339) when set and this build honours
/// it, else the system clock. A release build ignores the variable and says so once.
pub fn now() -> Result<i64> {
    let set = std::env::var("TRESOR_NOW").ok();
    let (now, ignored) = choose_now(
        set.as_deref(),
        TEST_CLOCK,
        OffsetDateTime::now_utc().unix_timestamp(),
    )?;
    if ignored {
        eprintln!(
            "warning: TRESOR_NOW is ignored: this build of tresor uses the system clock \
             (only test builds honour it)"
        );
    }
    Ok(now)
}

/// The clock's choice, apart from the environment: `TRESOR_NOW`'s value if there is one and
/// `honoured`, else `system`; and whether a value was set but ignored.
pub fn choose_now(set: Option<&str>, honoured: bool, system: i64) -> Result<(i64, bool)> {
    match set {
        Some(s) if !s.is_empty() && honoured => {
            parse_rfc3339(s).map(|t| (t, false)).map_err(|_| {
                Error::general(format!("TRESOR_NOW is not an RFC 3339 time: {s:?}"))
                    .with_hint("for example TRESOR_NOW=2026-01-31T12:00:00Z")
            })
        }
        Some(s) if !s.is_empty() => Ok((system, true)),
        _ => Ok((system, false)),
    }
}

fn parse_rfc3339(s: &str) -> Result<i64, ()> {
    OffsetDateTime::parse(s, &Rfc3339)
        .map(|t| t.unix_timestamp())
        .map_err(|_| ())
}

/// `--expires`: `YYYY-MM-DD` (midnight UTC) or RFC 3339.
pub fn parse_date(s: &str) -> Result<i64> {
    if let Ok(t) = parse_rfc3339(s) {
        return Ok(t);
    }
    let fmt = format_description!("[year]-[month]-[day]");
    Date::parse(s, &fmt)
        .map(|d| d.midnight().assume_utc().unix_timestamp())
        .map_err(|_| {
            Error::general(format!("not a date: {s:?}"))
                .with_hint("use YYYY-MM-DD or an RFC 3339 time such as 2026-12-31T23:59:00Z")
        })
}

/// Durations such as `30s`, `15m`, `12h`, `90d`, `2w`, `1y`, or sums like `1d12h`.
/// A year is 365 days.
pub fn parse_duration(s: &str) -> Result<i64> {
    let bad = || {
        Error::general(format!("not a duration: {s:?}"))
            .with_hint("use a number and a unit: 30s, 15m, 12h, 90d, 2w, 1y")
    };
    let mut total: i64 = 0;
    let mut digits = String::new();
    let mut any = false;
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit: i64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            'y' => 365 * 86_400,
            _ => return Err(bad()),
        };
        let n: i64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .filter(|v| *v <= 1000 * 365 * 86_400)
            .ok_or_else(bad)?;
        any = true;
    }
    if !digits.is_empty() || !any || total == 0 {
        return Err(bad());
    }
    Ok(total)
}

/// RFC 3339 UTC, as JSON output shows times.
pub fn rfc3339(t: i64) -> String {
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&Rfc3339).ok())
        .unwrap_or_else(|| t.to_string())
}

/// `YYYY-MM-DD HH:MM +HH:MM` in local time (`TZ`, else `/etc/localtime`) with its offset, for
/// tables and messages people read. JSON keeps RFC 3339 UTC (`rfc3339`).
pub fn short(t: i64) -> String {
    let mut out = String::with_capacity(23);
    push_short(&mut out, t);
    out
}

/// [`short`], appended to `out`: a table of 100,000 rows writes its dates into one buffer.
pub fn push_short(out: &mut String, t: i64) {
    push_short_at(out, t, local_offset(t));
}

/// The local offset from UTC at `t`, in seconds. Offsets change only at quarter-hour
/// instants (DST and zone changes happen on the hour, the half or the quarter), so the last
/// answer is kept for its quarter hour: a table of 100,000 rows asks about three times each,
/// mostly the same few instants, and each lookup through the zone rules was a tenth of
/// `list` (bench/README.md, "list").
fn local_offset(t: i64) -> i32 {
    use chrono::{Offset, TimeZone};
    thread_local! {
        static LAST: std::cell::Cell<Option<(i64, i32)>> = const { std::cell::Cell::new(None) };
    }
    let quarter = t.div_euclid(900);
    if let Some((q, offset)) = LAST.get() {
        if q == quarter {
            return offset;
        }
    }
    let offset = chrono::Local
        .timestamp_opt(t, 0)
        .single()
        .map_or(0, |d| d.offset().fix().local_minus_utc());
    LAST.set(Some((quarter, offset)));
    offset
}

/// `short` at a given offset from UTC, in seconds (written out by hand: chrono's formatter was
/// most of the rest of that tenth; the calendar is the `time` crate's).
fn push_short_at(out: &mut String, t: i64, offset: i32) {
    let Some(local) = t
        .checked_add(i64::from(offset))
        .and_then(|l| time::OffsetDateTime::from_unix_timestamp(l).ok())
        .filter(|d| (0..=9999).contains(&d.year()))
    else {
        out.push_str(&rfc3339(t));
        return;
    };
    // Digit by digit: `format!` with seven padded fields was a third of this function, which
    // `list` calls up to three times per secret.
    let off = offset.unsigned_abs() / 60;
    let out = &mut *out;
    push_digits(out, local.year().unsigned_abs(), 4); // 0..=9999, checked above
    out.push('-');
    push_digits(out, u32::from(u8::from(local.month())), 2);
    out.push('-');
    push_digits(out, u32::from(local.day()), 2);
    out.push(' ');
    push_digits(out, u32::from(local.hour()), 2);
    out.push(':');
    push_digits(out, u32::from(local.minute()), 2);
    out.push(' ');
    out.push(if offset < 0 { '-' } else { '+' });
    push_digits(out, off / 60, 2);
    out.push(':');
    push_digits(out, off % 60, 2);
}

/// `n`'s last `width` decimal digits, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// A duration in its largest whole unit, for messages: `3d`, `2h`, `45s`.
pub fn human_duration(secs: i64) -> String {
    let secs = secs.abs();
    for (unit, n) in [
        ("y", 365 * 86_400),
        ("w", 7 * 86_400),
        ("d", 86_400),
        ("h", 3600),
        ("m", 60),
    ] {
        if secs >= n && secs % n == 0 {
            return format!("{}{unit}", secs / n);
        }
    }
    if secs >= 86_400 {
        return format!("{}d", secs / 86_400);
    }
    if secs >= 3600 {
        return format!("{}h", secs / 3600);
    }
    format!("{secs}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s").unwrap(), 30);
        assert_eq!(parse_duration("15m").unwrap(), 900);
        assert_eq!(parse_duration("12h").unwrap(), 43_200);
        assert_eq!(parse_duration("90d").unwrap(), 90 * 86_400);
        assert_eq!(parse_duration("2w").unwrap(), 14 * 86_400);
        assert_eq!(parse_duration("1y").unwrap(), 365 * 86_400);
        assert_eq!(parse_duration("1d12h").unwrap(), 36 * 3600);
        for bad in ["", "5", "d", "3x", "-1d", "0s", "99999999999999y", "1.5d"] {
            assert!(parse_duration(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn tresor_now_is_honoured_only_by_a_test_build() {
        let t = "2030-01-01T00:00:00Z";
        let at = parse_rfc3339(t).unwrap();
        assert_eq!(choose_now(Some(t), true, 5).unwrap(), (at, false));
        assert_eq!(choose_now(Some(t), false, 5).unwrap(), (5, true));
        assert_eq!(choose_now(Some("yesterday"), false, 5).unwrap(), (5, true));
        assert!(choose_now(Some("yesterday"), true, 5).is_err());
        for honoured in [true, false] {
            assert_eq!(choose_now(None, honoured, 5).unwrap(), (5, false));
            assert_eq!(choose_now(Some(""), honoured, 5).unwrap(), (5, false));
        }
        // `cargo test` builds with debug assertions: the test builds honour it.
        assert_eq!(
            TEST_CLOCK,
            cfg!(any(debug_assertions, feature = "test-clock"))
        );
    }

    fn short_at(t: i64, offset: i32) -> String {
        // Appended: what was in the buffer stays.
        let mut out = String::from("|");
        push_short_at(&mut out, t, offset);
        assert!(out.starts_with('|'), "{out}");
        out.split_off(1)
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-02").unwrap(), 86_400);
        assert_eq!(parse_date("1970-01-01T00:01:00Z").unwrap(), 60);
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00").unwrap(), 0);
        assert!(parse_date("2026-13-01").is_err());
        assert!(parse_date("tomorrow").is_err());
        assert_eq!(rfc3339(86_400), "1970-01-02T00:00:00Z");
        assert_eq!(short_at(86_460, 0), "1970-01-02 00:01 +00:00");
        assert_eq!(short_at(86_460, -5 * 3600), "1970-01-01 19:01 -05:00");
        assert_eq!(short_at(86_460, 19_800), "1970-01-02 05:31 +05:30");
        // Out of the four-digit years: RFC 3339, appended the same way.
        assert_eq!(short_at(300_000_000_000, 0), rfc3339(300_000_000_000));
        // The hand-written calendar agrees with chrono's over four centuries of instants.
        use chrono::TimeZone;
        let mut t = -2_208_988_800; // 1900-01-01
        while t < 10_000_000_000 {
            for offset in [0, 3600, -34_200, 45_900] {
                let o = chrono::FixedOffset::east_opt(offset).unwrap();
                let expected = o
                    .timestamp_opt(t, 0)
                    .unwrap()
                    .format("%Y-%m-%d %H:%M %:z")
                    .to_string();
                assert_eq!(short_at(t, offset), expected, "{t} {offset}");
            }
            t += 7_777_777;
        }
        assert_eq!(human_duration(14 * 86_400), "2w");
        assert_eq!(human_duration(90), "90s");
    }
}
