//! Process hardening done first thing (DESIGN "Runtime rules"): not dumpable (no core files,
//! no ptrace attach or /proc/PID/mem reads by same-user processes), core size 0, umask 077.
//! Failures are ignored: none of these may stop the user from reaching their secrets, and a
//! platform without prctl still gets the rest.

use rustix::fs::Mode;
use rustix::process::{
    DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit, umask,
};

pub fn harden_process() {
    let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
    umask(Mode::from_raw_mode(0o077));
}
