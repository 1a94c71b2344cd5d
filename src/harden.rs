//! Process hardening done first thing (doc/design.md "Runtime rules"): not dumpable (no core files,
//! no ptrace attach or /proc/PID/mem reads by same-user processes), soft core size 0, umask 077.
//! Failures are ignored: none of these may stop the user from reaching their secrets, and a
//! platform without prctl still gets the rest.
//!
//! The command that `run` starts is the user's, not tresor's: it gets back the umask and the
//! soft core limit the user had ([`for_child`]). So only the soft core limit is lowered here
//! and the hard one is left as it was: a hard limit lowered to 0 could never be raised again
//! by the command. That costs tresor nothing: the soft limit alone decides whether the kernel
//! writes a core file, and tresor never raises it except for the instant of starting the
//! command, while it is still not dumpable.

use std::sync::OnceLock;

use rustix::fs::Mode;
use rustix::process::{
    DumpableBehavior, Resource, Rlimit, getrlimit, set_dumpable_behavior, setrlimit, umask,
};

/// What the process had before [`harden_process`] changed it.
struct Original {
    umask: Mode,
    core: Rlimit,
    /// Whether `PR_SET_DUMPABLE 0` took: only then may the soft core limit go back up for the
    /// moment of starting the command.
    not_dumpable: bool,
}

static ORIGINAL: OnceLock<Original> = OnceLock::new();

const UMASK: u32 = 0o077;

pub fn harden_process() {
    let not_dumpable = set_dumpable_behavior(DumpableBehavior::NotDumpable).is_ok();
    let core = getrlimit(Resource::Core);
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: core.maximum,
        },
    );
    let old = umask(Mode::from_raw_mode(UMASK));
    let _ = ORIGINAL.set(Original {
        umask: old,
        core,
        not_dumpable,
    });
}

/// The user's umask and soft core limit, back in place while the value lives: take it just
/// before starting the command (execve, or spawn) and drop it right after a spawn. Dropping it
/// hardens the process again. Nothing is changed when [`harden_process`] did not run (tests).
pub struct ForChild {
    restored: bool,
}

pub fn for_child() -> ForChild {
    let Some(o) = ORIGINAL.get() else {
        return ForChild { restored: false };
    };
    umask(o.umask);
    if o.not_dumpable {
        let _ = setrlimit(Resource::Core, o.core);
    }
    ForChild { restored: true }
}

impl Drop for ForChild {
    fn drop(&mut self) {
        if !self.restored {
            return;
        }
        umask(Mode::from_raw_mode(UMASK));
        let core = getrlimit(Resource::Core);
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: core.maximum,
            },
        );
    }
}
