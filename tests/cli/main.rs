//! End-to-end tests of the `tresor` binary against temporary vaults: one test binary, one
//! module per command family, and the shared `TestVault` helper.

mod support;

mod access;
mod agent;
mod argv;
mod attacks;
mod audit;
mod child;
mod concurrency;
mod config;
mod core;
mod crash;
mod docs;
mod faults;
mod formats;
mod hardening;
mod keys;
mod leaks;
mod lifecycle;
mod model;
mod newuser;
mod protect;
mod run;
mod stateful;
mod tamper;
mod transfer;
