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

impl Dates {
    /// When the secret next needs attention: the earlier of its expiry and its rotation date;
    /// never once revoked. What a secret row keeps as `due_at` and reminders count.
    pub fn due_at(&self) -> Option<i64> {
        if self.revoked {
            return None;
        }
        match (self.expires_at, self.rotate_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
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

/// The state of one version in `history`: `revoked`, `current` (the latest), `previous-in-grace`
/// (the version just before the latest, replaced but valid until its grace period ends) or
/// `superseded`. Only the version just before the latest can be in grace: that is the one
/// `run` injects as `NAME_PREVIOUS`, and a later rotation ends an older version's grace.
pub fn version_state(
    revoked: bool,
    version: i64,
    latest: i64,
    grace_until: Option<i64>,
    now: i64,
) -> &'static str {
    if revoked {
        "revoked"
    } else if version == latest {
        "current"
    } else if version == latest - 1 && grace_until.is_some_and(|g| g > now) {
        "previous-in-grace"
    } else {
        "superseded"
    }
}

/// Why a secret shows in `due`, and the date that puts it there.
pub fn due_reason(d: Dates, now: i64, within: i64) -> Option<(Status, i64)> {
    match status(d, now, within) {
        Status::Expired => d.expires_at.map(|t| (Status::Expired, t)),
        Status::Overdue => d.rotate_at.map(|t| (Status::Overdue, t)),
        Status::Due => {
            let soonest = [d.expires_at, d.rotate_at].into_iter().flatten().min()?;
            Some((Status::Due, soonest))
        }
        Status::Active | Status::Revoked => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn due_at_is_the_earlier_date_and_never_once_revoked() {
        let d = |revoked, expires_at, rotate_at| Dates {
            revoked,
            expires_at,
            rotate_at,
        };
        assert_eq!(d(false, Some(5), Some(3)).due_at(), Some(3));
        assert_eq!(d(false, Some(2), Some(3)).due_at(), Some(2));
        assert_eq!(d(false, None, Some(3)).due_at(), Some(3));
        assert_eq!(d(false, Some(5), None).due_at(), Some(5));
        assert_eq!(d(false, None, None).due_at(), None);
        assert_eq!(d(true, Some(5), Some(3)).due_at(), None);
    }

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
    fn version_states() {
        assert_eq!(version_state(true, 2, 2, None, 0), "revoked");
        assert_eq!(version_state(false, 2, 2, None, 0), "current");
        assert_eq!(version_state(false, 1, 2, Some(10), 5), "previous-in-grace");
        assert_eq!(version_state(false, 1, 2, Some(10), 10), "superseded");
        assert_eq!(version_state(false, 1, 2, None, 0), "superseded");
        // After a second rotation, the first version's grace no longer counts.
        assert_eq!(version_state(false, 1, 3, Some(10), 5), "superseded");
    }

    #[test]
    fn due_reasons_name_the_deciding_date() {
        let d = Dates {
            revoked: false,
            expires_at: Some(100),
            rotate_at: Some(50),
        };
        assert_eq!(due_reason(d, 0, 10), None);
        assert_eq!(due_reason(d, 45, 10), Some((Status::Due, 50)));
        assert_eq!(due_reason(d, 60, 10), Some((Status::Overdue, 50)));
        assert_eq!(due_reason(d, 100, 10), Some((Status::Expired, 100)));
        assert_eq!(due_reason(Dates { revoked: true, ..d }, 100, 10), None);
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
