//! The C allocator of tresor's static musl build: `malloc`, `free` and the rest, over dlmalloc.
//!
//! tresor ships as a static musl executable (doc/design.md, "Runtime rules"): glibc's
//! start-up detects the CPU's caches with dozens of `cpuid` instructions, each a trap to the
//! hypervisor on a virtual machine, and that alone was a quarter of a `tresor run` at 10 secrets
//! (bench/README.md). musl starts without them, but its allocator (mallocng) hands memory
//! back to the kernel eagerly: `munmap` churn and page faults in every command. The functions
//! here replace it with dlmalloc (Doug Lea's allocator, the one glibc's descends from, ported
//! to Rust; its `c_*` methods are made for this), for SQLite's allocations as well as Rust's:
//! Rust's `System` allocator calls `malloc`. A static link takes these definitions instead of
//! libc.a's; musl supports replacing its allocator that way. The memory functions are in the
//! `musl-mem` crate, which must be `no_builtins`; this one must not (see its module doc).
//!
//! One heap behind a spin lock on an atomic flag: it allocates nothing and works before `main`
//! and in any thread. tresor's threads rarely allocate at the same moment (the signal
//! forwarder and the output pipes of `run --mask`); a waiter yields to the scheduler. Like
//! any `malloc`, it is not for signal handlers; and unlike glibc's, it does not reset its lock
//! in a forked child, so a child must not allocate between `fork` and `exec` (std's `Command`,
//! including its `pre_exec` closures in `src/ptyrun.rs`, does not).

#![allow(clippy::missing_safety_doc)]

use core::cell::UnsafeCell;
use core::ffi::c_int;
use core::sync::atomic::{AtomicBool, Ordering};

use dlmalloc::Dlmalloc;

/// The process's heap; only ever reached through [`with_heap`].
struct Heap {
    locked: AtomicBool,
    heap: UnsafeCell<Dlmalloc>,
}

// SAFETY: the `Dlmalloc` inside is only touched by the thread that holds `locked`.
unsafe impl Sync for Heap {}

static HEAP: Heap = Heap {
    locked: AtomicBool::new(false),
    heap: UnsafeCell::new(Dlmalloc::new()),
};

/// Runs `f` on the heap while holding its lock.
fn with_heap<R>(f: impl FnOnce(&mut Dlmalloc) -> R) -> R {
    while HEAP
        .locked
        .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        std::thread::yield_now();
    }
    // SAFETY: the flag was false and is now ours: no other reference to the heap exists
    // until it is released below.
    let result = f(unsafe { &mut *HEAP.heap.get() });
    HEAP.locked.store(false, Ordering::Release);
    result
}

/// C's `ENOMEM`, which `posix_memalign` returns.
const ENOMEM: c_int = 12;
/// C's `EINVAL`.
const EINVAL: c_int = 22;

/// # Safety
/// As C's `malloc`: the result is uninitialised, or null when memory is exhausted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn malloc(size: usize) -> *mut u8 {
    // SAFETY: `c_malloc` has no preconditions.
    with_heap(|h| unsafe { h.c_malloc(size) })
}

/// # Safety
/// As C's `calloc`: zeroed memory for `count` items of `size` bytes, or null on overflow.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn calloc(count: usize, size: usize) -> *mut u8 {
    let Some(total) = count.checked_mul(size) else {
        return core::ptr::null_mut();
    };
    // SAFETY: the natural alignment (two words) is a power of two.
    with_heap(|h| unsafe { h.calloc(total, 2 * size_of::<usize>()) })
}

/// # Safety
/// As C's `free`: `ptr` is null or came from this allocator and was not freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn free(ptr: *mut u8) {
    if !ptr.is_null() {
        // SAFETY: the caller's contract.
        with_heap(|h| unsafe { h.c_free(ptr) })
    }
}

/// # Safety
/// As C's `realloc`: `ptr` is null or came from this allocator and was not freed. On failure
/// the result is null and `ptr` stays valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
    // SAFETY: the caller's contract; a null `ptr` is a `malloc`.
    with_heap(|h| unsafe { h.c_realloc(ptr, size) })
}

/// # Safety
/// As C's `memalign`: `align` must be a power of two (null otherwise).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memalign(align: usize, size: usize) -> *mut u8 {
    if !align.is_power_of_two() {
        return core::ptr::null_mut();
    }
    // SAFETY: `align` is a power of two.
    with_heap(|h| unsafe { h.c_memalign(align, size) })
}

/// # Safety
/// As C's `aligned_alloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn aligned_alloc(align: usize, size: usize) -> *mut u8 {
    // SAFETY: same contract as memalign.
    unsafe { memalign(align, size) }
}

/// # Safety
/// As C's `posix_memalign`: `out` must be valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn posix_memalign(out: *mut *mut u8, align: usize, size: usize) -> c_int {
    if !align.is_power_of_two() || align % size_of::<usize>() != 0 {
        return EINVAL;
    }
    // SAFETY: `align` is a power of two; `out` is the caller's contract.
    unsafe {
        let ptr = memalign(align, size);
        if ptr.is_null() {
            return ENOMEM;
        }
        *out = ptr;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hint::black_box;

    #[test]
    fn blocks_are_aligned_distinct_and_keep_their_bytes_through_realloc() {
        unsafe {
            let mut blocks = Vec::new();
            for size in [0usize, 1, 7, 16, 100, 4096, 100_000, 3_000_000] {
                let p = malloc(size);
                assert!(!p.is_null());
                assert_eq!(p as usize % 16, 0);
                for i in 0..size {
                    *p.add(i) = (i % 251) as u8;
                }
                blocks.push((p, size));
            }
            for (p, size) in &mut blocks {
                let grown = realloc(*p, *size * 2 + 10);
                assert!(!grown.is_null());
                for i in 0..*size {
                    assert_eq!(*grown.add(i), (i % 251) as u8);
                }
                *p = grown;
            }
            for (p, _) in blocks {
                free(p);
            }
            free(core::ptr::null_mut());
        }
    }

    #[test]
    fn calloc_zeroes_and_refuses_an_overflowing_size() {
        unsafe {
            let p = malloc(64);
            core::ptr::write_bytes(p, 0xAB, 64);
            free(p);
            let z = calloc(8, 8);
            assert!((0..64).all(|i| *z.add(i) == 0));
            free(z);
            // black_box: the compiler knows `calloc` by name and may fold an unused result.
            assert!(black_box(calloc(black_box(usize::MAX), 2)).is_null());
        }
    }

    #[test]
    fn aligned_allocations_honour_the_alignment_and_refuse_a_bad_one() {
        unsafe {
            for align in [16usize, 64, 4096] {
                let p = aligned_alloc(align, 100);
                assert_eq!(p as usize % align, 0);
                free(p);
                let mut out = core::ptr::null_mut();
                assert_eq!(posix_memalign(&mut out, align, 10), 0);
                assert_eq!(out as usize % align, 0);
                free(out);
            }
            let mut out = core::ptr::null_mut();
            assert_eq!(posix_memalign(&mut out, 24, 10), EINVAL);
            assert!(black_box(memalign(black_box(3), 10)).is_null());
        }
    }

    #[test]
    fn threads_allocating_at_once_get_distinct_blocks() {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || unsafe {
                    for i in 0..2000usize {
                        let p = malloc(16 + i % 300);
                        *p = t as u8;
                        *p.add(15) = t as u8;
                        assert_eq!((*p, *p.add(15)), (t as u8, t as u8));
                        free(p);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    }
}
