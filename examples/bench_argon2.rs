//! Benchmark helper: one Argon2id computation with tresor's default parameters (m = 64 MiB,
//! t = 3, p = 4), then exit. `bench/run.sh` times this process against
//! `tresor get --passphrase-file` so that the difference is what unlocking by passphrase costs
//! beyond the KDF itself (process start-up included on both sides). Not part of the product.

use std::process::ExitCode;

use tresor::crypto::{KdfParams, argon2id};

fn main() -> ExitCode {
    // Same shape of input as a real unlock: a passphrase of a few words, a 16-byte salt.
    let pass = b"correct horse battery staple";
    let salt = [0x5au8; 16];
    match argon2id(pass, &salt, KdfParams::DEFAULT) {
        Ok(key) => {
            // Use the output so the computation cannot be optimised away.
            std::hint::black_box(key.expose()[0]);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench_argon2: {e}");
            ExitCode::from(1)
        }
    }
}
