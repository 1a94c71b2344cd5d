//! What the audit log says about how keys are used: last use and use counts per secret, keys
//! never or long unused, and unusual use (a burst far above a key's usual rate, or a user or
//! host that never used the key before). Pure functions of the events and the time. Only the
//! owner's events count (see `counts`).

use std::collections::{BTreeMap, BTreeSet};

use crate::audit::Event;

/// Whether an event counts as a use: a read, not refused, written by the owner. Events of
/// grant holders and failed unlocks carry text chosen by whoever wrote them (a grant holder can
/// write any event under its environment's key, anyone who can write the file can add a
/// failed unlock), so they must not make a key look used, or unusually used.
fn counts(e: &Event) -> bool {
    e.origin == crate::audit::EventOrigin::Owner
        && crate::audit::Action::from_name(&e.action).is_some_and(|a| a.reads_values())
        && !e
            .detail
            .as_deref()
            .is_some_and(|d| d.starts_with("refused"))
}

/// One use of one secret.
#[derive(Debug, Clone)]
pub struct Use {
    pub time: i64,
    pub actor: String,
}

/// Where each secret's life in the log starts: the position of the last `rm` of its name, or
/// `env rm` of its environment, before it. Events carry names, not secret ids, so this is how
/// uses are keyed by secret: a secret removed and set again under the same name is a new
/// secret, and the reads of the old one are not its uses.
struct Lives {
    by_name: BTreeMap<(String, String), usize>,
    by_env: BTreeMap<String, usize>,
}

impl Lives {
    fn of(events: &[(i64, Event)]) -> Lives {
        let mut by_name = BTreeMap::new();
        let mut by_env = BTreeMap::new();
        for (i, (_, e)) in events.iter().enumerate() {
            if e.origin != crate::audit::EventOrigin::Owner
                || e.detail
                    .as_deref()
                    .is_some_and(|d| d.starts_with("refused"))
            {
                continue;
            }
            match (e.action.as_str(), &e.env, &e.name) {
                ("rm", Some(env), Some(name)) => {
                    by_name.insert((env.clone(), name.clone()), i + 1);
                }
                ("env-rm", Some(env), _) => {
                    by_env.insert(env.clone(), i + 1);
                }
                _ => {}
            }
        }
        Lives { by_name, by_env }
    }

    /// The index of the first event that can belong to this secret.
    fn start(&self, env: &str, name: &str) -> usize {
        let n = self
            .by_name
            .get(&(env.to_string(), name.to_string()))
            .copied()
            .unwrap_or(0);
        n.max(self.by_env.get(env).copied().unwrap_or(0))
    }
}

/// Uses per (environment, name) of the secret that holds that name now. A `get` uses its
/// secret; `run`, `export` and `bundle-export` use every secret of their environment that
/// existed at the time (`created` gives that).
pub fn uses(
    events: &[(i64, Event)],
    secrets: &[(String, String, i64)],
) -> BTreeMap<(String, String), Vec<Use>> {
    let lives = Lives::of(events);
    let mut out: BTreeMap<(String, String), Vec<Use>> = BTreeMap::new();
    let mut starts = BTreeMap::new();
    for (env, name, _) in secrets {
        out.entry((env.clone(), name.clone())).or_default();
        starts.insert((env.clone(), name.clone()), lives.start(env, name));
    }
    for (i, (time, e)) in events.iter().enumerate() {
        if !counts(e) {
            continue;
        }
        let Some(env) = &e.env else { continue };
        match (&e.name, e.action.as_str()) {
            (Some(name), _) => {
                let key = (env.clone(), name.clone());
                if starts.get(&key).is_some_and(|s| i >= *s) {
                    if let Some(v) = out.get_mut(&key) {
                        v.push(Use {
                            time: *time,
                            actor: e.actor.clone(),
                        });
                    }
                }
            }
            (None, _) => {
                for (senv, sname, created) in secrets {
                    let key = (senv.clone(), sname.clone());
                    let alive = *created < *time || (*created == *time && i >= starts[&key]);
                    if senv == env && alive {
                        out.get_mut(&key).expect("inserted above").push(Use {
                            time: *time,
                            actor: e.actor.clone(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// (last use, number of uses) per (environment, name), as `uses` counts them, in
/// O((events + secrets) log events): what `list` shows.
pub fn last_used(
    events: &[(i64, Event)],
    secrets: &[(String, String, i64)],
) -> BTreeMap<(String, String), (Option<i64>, usize)> {
    let lives = Lives::of(events);
    // Named uses with their position; environment-wide ones as (time, position), sorted.
    let mut named: BTreeMap<(String, String), Vec<(usize, i64)>> = BTreeMap::new();
    let mut env_wide: BTreeMap<String, Vec<(i64, usize)>> = BTreeMap::new();
    for (i, (time, e)) in events.iter().enumerate() {
        if !counts(e) {
            continue;
        }
        let Some(env) = &e.env else { continue };
        match &e.name {
            Some(name) => named
                .entry((env.clone(), name.clone()))
                .or_default()
                .push((i, *time)),
            None => env_wide.entry(env.clone()).or_default().push((*time, i)),
        }
    }
    for times in env_wide.values_mut() {
        times.sort_unstable();
    }
    secrets
        .iter()
        .map(|(env, name, created)| {
            let start = lives.start(env, name);
            let mut last = None;
            let mut count = 0;
            if let Some(list) = named.get(&(env.clone(), name.clone())) {
                // Positions are increasing: the uses of this secret are a suffix.
                let from = list.partition_point(|(i, _)| *i < start);
                count += list.len() - from;
                last = list[from..].iter().map(|(_, t)| *t).max();
            }
            if let Some(times) = env_wide.get(env) {
                // Uses after the creation time, and those at that very second that come after
                // the secret's start in the log (a clock that does not move between commands).
                let at = times.partition_point(|(t, _)| t < created);
                let after = times.partition_point(|(t, _)| t <= created);
                let same_second = times[at..after].iter().filter(|(_, i)| *i >= start);
                let n_same = same_second.clone().count();
                count += n_same + (times.len() - after);
                if times.len() > after {
                    last = last.max(times.last().map(|(t, _)| *t));
                } else if n_same > 0 {
                    last = last.max(Some(*created));
                }
            }
            ((env.clone(), name.clone()), (last, count))
        })
        .collect()
}

/// How far back a key's first use must be before a burst can be told from its usual rate.
pub const MIN_HISTORY: i64 = 7 * 24 * 3600;

/// Something odd about one key's use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unusual {
    pub env: String,
    pub name: String,
    pub what: String,
}

/// A burst: at least 10 uses in the last hour and more than 10 times the key's usual hourly
/// rate (over the 30 days before that hour), once the key has a usual rate: its first use is
/// at least `MIN_HISTORY` old. A new key (or a new vault) used heavily is not unusual. A new actor: a use in the last 24 hours by a
/// user@host that had not used the key before, when others had.
pub fn unusual(uses: &BTreeMap<(String, String), Vec<Use>>, now: i64) -> Vec<Unusual> {
    const HOUR: i64 = 3600;
    const WINDOW: i64 = 30 * 24 * HOUR;
    let mut out = Vec::new();
    for ((env, name), list) in uses {
        let history = list
            .iter()
            .map(|u| u.time)
            .min()
            .is_some_and(|first| first <= now - MIN_HISTORY);
        let last_hour = list
            .iter()
            .filter(|u| u.time > now - HOUR && u.time <= now)
            .count();
        let before: Vec<&Use> = list
            .iter()
            .filter(|u| u.time <= now - HOUR && u.time > now - HOUR - WINDOW)
            .collect();
        let first = before.iter().map(|u| u.time).min();
        let hours = first
            .map(|f| ((now - HOUR - f) as f64 / HOUR as f64).max(1.0))
            .unwrap_or(1.0);
        let usual = before.len() as f64 / hours;
        if history && last_hour >= 10 && last_hour as f64 > 10.0 * usual {
            out.push(Unusual {
                env: env.clone(),
                name: name.clone(),
                what: format!("{last_hour} uses in the last hour (usually {usual:.2} an hour)"),
            });
        }
        let earlier: BTreeSet<&str> = list
            .iter()
            .filter(|u| u.time <= now - 24 * HOUR)
            .map(|u| u.actor.as_str())
            .collect();
        if !earlier.is_empty() {
            let new: BTreeSet<&str> = list
                .iter()
                .filter(|u| u.time > now - 24 * HOUR && !earlier.contains(u.actor.as_str()))
                .map(|u| u.actor.as_str())
                .collect();
            for actor in new {
                out.push(Unusual {
                    env: env.clone(),
                    name: name.clone(),
                    what: format!("used by {actor} for the first time"),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(action: &str, env: &str, name: Option<&str>, actor: &str) -> Event {
        Event {
            actor: actor.into(),
            action: action.into(),
            env: Some(env.into()),
            name: name.map(String::from),
            origin: crate::audit::EventOrigin::Owner,
            ..Event::default()
        }
    }

    #[test]
    fn only_the_owners_events_count() {
        let secrets = vec![("dev".to_string(), "A".to_string(), 0)];
        let mut events = vec![(10, ev("get", "dev", Some("A"), "u@h"))];
        use crate::audit::EventOrigin;
        for origin in [
            EventOrigin::Grant,
            EventOrigin::GrantUnverified,
            EventOrigin::Unauthenticated,
            EventOrigin::Other,
        ] {
            let mut e = ev("get", "dev", Some("A"), "x@y");
            e.origin = origin;
            events.push((20, e.clone()));
            let mut run = ev("run", "dev", None, "x@y");
            run.origin = origin;
            events.push((30, run));
        }
        assert_eq!(
            uses(&events, &secrets)[&("dev".into(), "A".into())].len(),
            1
        );
        assert_eq!(
            last_used(&events, &secrets)[&("dev".into(), "A".into())],
            (Some(10), 1)
        );
    }

    #[test]
    fn gets_use_one_key_runs_use_the_environment() {
        let secrets = vec![
            ("dev".to_string(), "A".to_string(), 0),
            ("dev".to_string(), "B".to_string(), 50),
            ("prod".to_string(), "C".to_string(), 0),
        ];
        let events = vec![
            (10, ev("get", "dev", Some("A"), "u@h")),
            (20, ev("run", "dev", None, "u@h")),
            (60, ev("export", "dev", None, "u@h")),
            (70, ev("set", "dev", Some("A"), "u@h")),
        ];
        let u = uses(&events, &secrets);
        assert_eq!(u[&("dev".into(), "A".into())].len(), 3);
        assert_eq!(
            u[&("dev".into(), "B".into())].len(),
            1,
            "B did not exist at the run"
        );
        assert!(u[&("prod".into(), "C".into())].is_empty());
    }

    #[test]
    fn last_used_agrees_with_uses() {
        let secrets = vec![
            ("dev".to_string(), "A".to_string(), 0),
            ("dev".to_string(), "B".to_string(), 50),
        ];
        let events = vec![
            (10, ev("get", "dev", Some("A"), "u@h")),
            (20, ev("run", "dev", None, "u@h")),
            (60, ev("export", "dev", None, "u@h")),
        ];
        let l = last_used(&events, &secrets);
        assert_eq!(l[&("dev".into(), "A".into())], (Some(60), 3));
        assert_eq!(l[&("dev".into(), "B".into())], (Some(60), 1));
    }

    #[test]
    fn a_name_removed_and_set_again_is_a_new_secret() {
        let mut rm = ev("rm", "dev", Some("NX"), "u@h");
        rm.action = "rm".into();
        let events = vec![
            (10, ev("get", "dev", Some("NX"), "u@h")),
            (10, ev("get", "dev", Some("NX"), "u@h")),
            (10, ev("run", "dev", None, "u@h")),
            (10, rm),
        ];
        // Set again in the same second: nothing before the rm is its use.
        let secrets = vec![("dev".to_string(), "NX".to_string(), 10)];
        assert_eq!(
            last_used(&events, &secrets)[&("dev".into(), "NX".into())],
            (None, 0)
        );
        assert!(uses(&events, &secrets)[&("dev".into(), "NX".into())].is_empty());
    }

    #[test]
    fn a_new_key_used_heavily_is_not_unusual() {
        let now = 100 * 24 * 3600;
        let list: Vec<Use> = (0..28)
            .map(|i| Use {
                time: now - i * 60,
                actor: "u@h".into(),
            })
            .collect();
        let mut m = BTreeMap::new();
        m.insert(("dev".to_string(), "K".to_string()), list);
        assert!(unusual(&m, now).is_empty());
    }

    #[test]
    fn bursts_and_new_actors_are_unusual() {
        let now = 100 * 24 * 3600;
        let mut list: Vec<Use> = (0..30)
            .map(|d| Use {
                time: now - (d + 2) * 24 * 3600,
                actor: "ci@runner".into(),
            })
            .collect();
        let mut m = BTreeMap::new();
        m.insert(("prod".to_string(), "K".to_string()), list.clone());
        assert!(unusual(&m, now).is_empty());
        for i in 0..12 {
            list.push(Use {
                time: now - i * 60,
                actor: "ci@runner".into(),
            });
        }
        list.push(Use {
            time: now - 30,
            actor: "mallory@laptop".into(),
        });
        m.insert(("prod".to_string(), "K".to_string()), list);
        let found = unusual(&m, now);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].what.contains("13 uses in the last hour"));
        assert!(found[1].what.contains("mallory@laptop"));
    }
}
