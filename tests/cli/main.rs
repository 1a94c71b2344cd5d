//! End-to-end tests of the `tresor` binary against temporary vaults: one test binary, one
//! module per command family, and the shared `TestVault` helper.

mod support;

/// These suites run on the SQLite file; `tests/postgres/main.rs` runs the shared ones on
/// PostgreSQL.
pub const BACKEND: support::Backend = support::Backend::Sqlite;

mod access;
mod agent;
mod argv;
mod attacks;
mod audit;
mod child;
mod clip;
mod concurrency;
mod config;
mod copy;
mod core;
mod crash;
mod docs;
mod edit;
mod faults;
mod files;
mod find;
mod formats;
mod hardening;
mod keys;
mod leaks;
mod lifecycle;
mod mask_pty;
mod model;
mod newuser;
mod project;
mod protect;
mod protected_identity;
mod run;
mod stateful;
mod tamper;
mod transfer;
