//! Lifecycle decisions as pure functions of a version's dates and the time: whether a secret
//! is active, due (expiry or rotation within the reminder window), overdue for rotation,
//! expired or revoked.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Due,
    Overdue,
    Expired,
    Revoked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Due => "due",
            Status::Overdue => "overdue",
            Status::Expired => "expired",
            Status::Revoked => "revoked",
        }
    }
}

/// The dates that decide a version's status.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dates {
    pub revoked: bool,
    pub expires_at: Option<i64>,
    pub rotate_at: Option<i64>,
}

/// The status at `now`, with `within` seconds of warning before expiry or rotation. The most
/// severe condition wins: revoked, expired, overdue, due, active.
pub fn status(d: Dates, now: i64, within: i64) -> Status {
    if d.revoked {
        return Status::Revoked;
    }
    if d.expires_at.is_some_and(|t| t <= now) {
        return Status::Expired;
    }
    if d.rotate_at.is_some_and(|t| t <= now) {
        return Status::Overdue;
    }
    let soon = |t: Option<i64>| t.is_some_and(|t| t <= now.saturating_add(within));
    if soon(d.expires_at) || soon(d.rotate_at) {
        return Status::Due;
    }
    Status::Active
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn rotation_schedule_over_time() {
        // Created on day 0, rotate every 30 days, remind 14 days ahead.
        let d = Dates {
            rotate_at: Some(30 * DAY),
            ..Dates::default()
        };
        assert_eq!(status(d, DAY, 14 * DAY), Status::Active);
        assert_eq!(status(d, 16 * DAY, 14 * DAY), Status::Due);
        assert_eq!(status(d, 20 * DAY, 14 * DAY), Status::Due);
        assert_eq!(status(d, 30 * DAY, 14 * DAY), Status::Overdue);
        assert_eq!(status(d, 31 * DAY, 14 * DAY), Status::Overdue);
    }

    #[test]
    fn severity_order() {
        let d = Dates {
            revoked: false,
            expires_at: Some(10),
            rotate_at: Some(5),
        };
        assert_eq!(status(d, 11, 0), Status::Expired);
        assert_eq!(status(d, 6, 0), Status::Overdue);
        assert_eq!(status(d, 0, 100), Status::Due);
        assert_eq!(status(Dates { revoked: true, ..d }, 11, 0), Status::Revoked);
        assert_eq!(status(Dates::default(), i64::MAX, i64::MAX), Status::Active);
    }
}
