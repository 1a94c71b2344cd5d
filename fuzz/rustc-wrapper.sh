#!/usr/bin/env bash
# RUSTC_WRAPPER for fuzz builds (set by run.sh). For the cryptographic primitive crates below,
# it drops libFuzzer's coverage instrumentation and debug assertions from the flags cargo fuzz
# adds; every other crate (tresor, age, serde_json, rusqlite, ...) is built exactly as cargo fuzz
# asks. Those primitives are not under test, they hold no parsing of untrusted structure, and
# instrumented (subtle's debug_assert on every `Choice`, a traced comparison on every
# field-arithmetic overflow check) they made the targets that encrypt or decrypt with age about
# twice as slow (measured: bundle_open_plain 2.0 ms -> 0.9 ms CPU per run, slot_unwrap_payload
# 2.2 ms -> 1.1 ms).
# The sanitizer flag is kept: all crates must agree on it.
rustc="$1"
shift
crate=""
prev=""
for a in "$@"; do
    if [ "$prev" = "--crate-name" ]; then
        crate="$a"
        break
    fi
    prev="$a"
done
case "$crate" in
    curve25519_dalek | x25519_dalek | ed25519_dalek | ed25519 | subtle | chacha20 | \
    chacha20poly1305 | poly1305 | universal_hash | aead | cipher | sha2 | sha1 | hkdf | hmac | \
    digest | block_buffer | crypto_common | generic_array | scrypt | pbkdf2 | salsa20 | \
    argon2 | blake2 | rand | rand_core | rand_chacha | ppv_lite86 | getrandom | zeroize | cpufeatures)
        args=()
        skip=0
        for a in "$@"; do
            if [ $skip = 1 ]; then
                skip=0
                case "$a" in
                    passes=sancov-module | llvm-args=-sanitizer-coverage* | debug-assertions*) continue ;;
                    *) args+=("-C" "$a"); continue ;;
                esac
            fi
            case "$a" in
                -C) skip=1 ;;
                -Cpasses=sancov-module | -Cllvm-args=-sanitizer-coverage* | -Cdebug-assertions*) ;;
                *) args+=("$a") ;;
            esac
        done
        exec "$rustc" "${args[@]}"
        ;;
    *)
        exec "$rustc" "$@"
        ;;
esac
