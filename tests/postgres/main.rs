//! The suites that must hold on both backends (core, lifecycle, run, access, audit, tamper,
//! concurrency), run through the binary against a PostgreSQL vault: one fresh database per
//! test on the server `tests/pg_server.sh` starts (`TRESOR_TEST_POSTGRES`), plus what only a
//! server has (`server`). Tests of the file itself (its mode, its WAL, its bytes) return early
//! here.

#[path = "../cli/support.rs"]
mod support;

pub const BACKEND: support::Backend = support::Backend::Postgres;

#[path = "../cli/access.rs"]
mod access;
#[path = "../cli/audit.rs"]
mod audit;
#[path = "../cli/concurrency.rs"]
mod concurrency;
#[path = "../cli/core.rs"]
mod core;
#[path = "../cli/lifecycle.rs"]
mod lifecycle;
#[allow(dead_code)] // the helpers the other cli suites use
#[path = "../cli/model.rs"]
mod model;
#[path = "../cli/run.rs"]
mod run;
mod server;
#[path = "../cli/tamper.rs"]
mod tamper;
