//! End-to-end tests of the `tresor` binary against temporary vaults: one test binary, one
//! module per command family, and the shared `TestVault` helper.

mod support;

mod access;
mod agent;
mod audit;
mod config;
mod core;
mod docs;
mod keys;
mod lifecycle;
mod protect;
mod run;
mod tamper;
mod transfer;
