//! `memcpy`, `memmove`, `memset`, `memcmp` and `bcmp` for tresor's static musl build.
//!
//! musl's own are built for size: its `memcpy` starts a `rep movsq` for every copy, however
//! short, and its `memcmp` compares byte by byte. tresor makes thousands of short copies per
//! command (8 to 512 bytes: keys, names, rows) and sorts names: with musl's, `list` at 100,000
//! secrets took half as long again as with glibc (bench/README.md). These copy and compare in
//! 8- and 16-byte words. A static link takes them instead of libc.a's.
//!
//! Short lengths are done with two or four overlapping loads and stores and no loop; longer
//! ones in 64-byte blocks. Every path loads before it stores what could overlap, so `memcpy` is
//! also a correct `memmove` (C code that calls `memcpy` on overlapping regions gets the right
//! bytes instead of undefined ones).
//!
//! The crate is `no_builtins`, so the compiler cannot turn its loops back into calls to
//! `memcpy` itself; such a crate stays out of link-time optimisation, which is why it has no
//! dependencies and the allocator (which needs dlmalloc) is a crate of its own, `musl-malloc`.

#![no_builtins]
#![allow(clippy::missing_safety_doc)]

use core::ffi::c_int;
use core::ptr::{read_unaligned, write_unaligned};

/// Unaligned 16-byte load.
///
/// # Safety
/// `p..p + 16` is readable.
#[inline(always)]
unsafe fn load16(p: *const u8) -> u128 {
    // SAFETY: the caller's contract; `read_unaligned` needs no alignment.
    unsafe { read_unaligned(p.cast::<u128>()) }
}

/// Unaligned 16-byte store.
///
/// # Safety
/// `p..p + 16` is writable.
#[inline(always)]
unsafe fn store16(p: *mut u8, v: u128) {
    // SAFETY: the caller's contract.
    unsafe { write_unaligned(p.cast::<u128>(), v) }
}

/// Unaligned 64-byte load, all of it before anything is stored.
///
/// # Safety
/// `p..p + 64` is readable.
#[inline(always)]
unsafe fn load64(p: *const u8) -> [u128; 4] {
    // SAFETY: the caller's contract.
    unsafe {
        [
            load16(p),
            load16(p.add(16)),
            load16(p.add(32)),
            load16(p.add(48)),
        ]
    }
}

/// Unaligned 64-byte store.
///
/// # Safety
/// `p..p + 64` is writable.
#[inline(always)]
unsafe fn store64(p: *mut u8, block: [u128; 4]) {
    for (k, v) in block.into_iter().enumerate() {
        // SAFETY: the caller's contract; `16 * k` is below 64.
        unsafe { store16(p.add(16 * k), v) }
    }
}

/// Copies `n` bytes from `src` to `dest`; the regions may overlap.
///
/// # Safety
/// `src..src + n` readable, `dest..dest + n` writable.
#[inline(always)]
unsafe fn move_bytes(dest: *mut u8, src: *const u8, n: usize) {
    // SAFETY (whole body): every offset used is below `n`, so within both regions.
    unsafe {
        if n <= 16 {
            if n >= 8 {
                let a = read_unaligned(src.cast::<u64>());
                let b = read_unaligned(src.add(n - 8).cast::<u64>());
                write_unaligned(dest.cast::<u64>(), a);
                write_unaligned(dest.add(n - 8).cast::<u64>(), b);
            } else if n >= 4 {
                let a = read_unaligned(src.cast::<u32>());
                let b = read_unaligned(src.add(n - 4).cast::<u32>());
                write_unaligned(dest.cast::<u32>(), a);
                write_unaligned(dest.add(n - 4).cast::<u32>(), b);
            } else if n > 0 {
                let (a, b, c) = (*src, *src.add(n / 2), *src.add(n - 1));
                *dest = a;
                *dest.add(n / 2) = b;
                *dest.add(n - 1) = c;
            }
            return;
        }
        if n <= 32 {
            let (a, b) = (load16(src), load16(src.add(n - 16)));
            store16(dest, a);
            store16(dest.add(n - 16), b);
            return;
        }
        if n <= 64 {
            let (a, b) = (load16(src), load16(src.add(16)));
            let (c, d) = (load16(src.add(n - 32)), load16(src.add(n - 16)));
            store16(dest, a);
            store16(dest.add(16), b);
            store16(dest.add(n - 32), c);
            store16(dest.add(n - 16), d);
            return;
        }
        // More than 64 bytes: 64-byte blocks, plus one block overlapping the last full one.
        // `dest - src` (as unsigned) is at least `n` when `dest` comes before `src` or the
        // regions are apart: copying forwards then never overwrites a byte not yet read.
        if (dest as usize).wrapping_sub(src as usize) >= n {
            let last = n - 64;
            let tail = load64(src.add(last));
            let mut i = 0;
            while n - i > 64 {
                store64(dest.add(i), load64(src.add(i)));
                i += 64;
            }
            store64(dest.add(last), tail);
        } else {
            let head = load64(src);
            let mut end = n;
            while end > 64 {
                end -= 64;
                store64(dest.add(end), load64(src.add(end)));
            }
            store64(dest, head);
        }
    }
}

/// # Safety
/// As C's `memcpy` (overlapping regions are also copied correctly).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract.
    unsafe { move_bytes(dest, src, n) };
    dest
}

/// # Safety
/// As C's `memmove`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller's contract.
    unsafe { move_bytes(dest, src, n) };
    dest
}

/// # Safety
/// As C's `memset`: `dest..dest + n` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dest: *mut u8, c: c_int, n: usize) -> *mut u8 {
    let byte = c as u8;
    // SAFETY (whole body): every offset used is below `n`.
    unsafe {
        if n <= 16 {
            if n >= 8 {
                let w = u64::from_ne_bytes([byte; 8]);
                write_unaligned(dest.cast::<u64>(), w);
                write_unaligned(dest.add(n - 8).cast::<u64>(), w);
            } else if n >= 4 {
                let w = u32::from_ne_bytes([byte; 4]);
                write_unaligned(dest.cast::<u32>(), w);
                write_unaligned(dest.add(n - 4).cast::<u32>(), w);
            } else if n > 0 {
                *dest = byte;
                *dest.add(n / 2) = byte;
                *dest.add(n - 1) = byte;
            }
            return dest;
        }
        let w = u128::from_ne_bytes([byte; 16]);
        if n > 32 {
            let mut i = 0;
            while n - i > 32 {
                store16(dest.add(i), w);
                store16(dest.add(i + 16), w);
                i += 32;
            }
            store16(dest.add(n - 32), w);
        } else {
            store16(dest, w);
        }
        store16(dest.add(n - 16), w);
    }
    dest
}

/// # Safety
/// As C's `memcmp`: both regions readable for `n` bytes. Bytes compare as unsigned.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> c_int {
    let mut i = 0;
    // SAFETY (whole body): every offset read is below `n`.
    unsafe {
        while n - i >= 8 {
            let x = read_unaligned(a.add(i).cast::<u64>());
            let y = read_unaligned(b.add(i).cast::<u64>());
            if x != y {
                // Big-endian order makes the first differing byte the most significant.
                return if u64::from_be(x) < u64::from_be(y) {
                    -1
                } else {
                    1
                };
            }
            i += 8;
        }
        while i < n {
            let (x, y) = (*a.add(i), *b.add(i));
            if x != y {
                return c_int::from(x) - c_int::from(y);
            }
            i += 1;
        }
    }
    0
}

/// # Safety
/// As C's `bcmp`: zero when the regions are equal.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> c_int {
    // SAFETY: the caller's contract.
    unsafe { memcmp(a, b, n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes that differ at every position and between calls.
    fn pattern(len: usize, seed: u8) -> Vec<u8> {
        let mut v = Vec::with_capacity(len);
        let mut x = u32::from(seed).wrapping_mul(2654435761) | 1;
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            v.push(x as u8);
        }
        v
    }

    /// The reference: one byte at a time, through a temporary copy (loops, not
    /// `copy_from_slice`, which would call the functions under test).
    #[allow(clippy::needless_range_loop, clippy::manual_memcpy)]
    fn reference_move(buf: &mut [u8], from: usize, to: usize, n: usize) {
        let mut tmp = vec![0u8; n];
        for i in 0..n {
            tmp[i] = buf[from + i];
        }
        for i in 0..n {
            buf[to + i] = tmp[i];
        }
    }

    const LENGTHS: &[usize] = &[
        0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200, 255,
        256, 257, 511, 1000, 4096, 4097,
    ];

    #[test]
    fn memmove_and_memcpy_copy_every_length_and_overlap_like_the_reference() {
        for &n in LENGTHS {
            for &(from, to) in &[
                (0, 300),
                (300, 0),
                (10, 11),
                (11, 10),
                (5, 69),
                (69, 5),
                (0, 0),
            ] {
                for f in [memmove, memcpy] {
                    let mut got = pattern(n + 400, n as u8);
                    let mut want = got.clone();
                    reference_move(&mut want, from, to, n);
                    let base = got.as_mut_ptr();
                    let ret = unsafe { f(base.wrapping_add(to), base.wrapping_add(from), n) };
                    assert_eq!(ret, base.wrapping_add(to));
                    assert!(got == want, "n={n} from={from} to={to}");
                }
            }
        }
    }

    /// A small deterministic generator for the randomised cases below.
    struct XorShift(u64);

    impl XorShift {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn random_lengths_and_overlaps_copy_set_and_compare_like_the_references() {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for case in 0..20_000 {
            let n = rng.below(if case % 10 == 0 { 5000 } else { 300 });
            let (from, to) = (rng.below(200), rng.below(200));
            let mut got = pattern(n + 200, case as u8);
            let mut want = got.clone();
            reference_move(&mut want, from, to, n);
            let base = got.as_mut_ptr();
            unsafe { memmove(base.wrapping_add(to), base.wrapping_add(from), n) };
            assert!(got == want, "memmove n={n} from={from} to={to}");

            let c = rng.below(256) as u8;
            for b in &mut want[to..to + n] {
                *b = c;
            }
            unsafe { memset(got.as_mut_ptr().add(to), c_int::from(c), n) };
            assert!(got == want, "memset n={n} at={to}");

            let a = pattern(n, case as u8);
            let mut b = a.clone();
            let mut expected = 0;
            if n > 0 && case % 3 != 0 {
                // Several bytes changed from a random one on: the first change decides.
                let at = rng.below(n);
                let end = n.min(at + 1 + rng.below(12));
                for byte in &mut b[at..end] {
                    *byte = rng.below(256) as u8;
                }
                let first = (at..n).find(|&i| a[i] != b[i]);
                expected = first.map_or(0, |i| (a[i] as i32 - b[i] as i32).signum());
            }
            let got_order = unsafe { memcmp(a.as_ptr(), b.as_ptr(), n) }.signum();
            assert_eq!(got_order, expected, "memcmp n={n}");
        }
    }

    #[test]
    fn memset_fills_exactly_the_range() {
        for &n in LENGTHS {
            for start in [0usize, 1, 7] {
                let mut got = pattern(n + 40, 3);
                let mut want = got.clone();
                for b in &mut want[start..start + n] {
                    *b = 0xC5;
                }
                let ret = unsafe { memset(got.as_mut_ptr().add(start), 0x1C5, n) };
                assert_eq!(ret, got.as_mut_ptr().wrapping_add(start));
                assert!(got == want, "n={n} start={start}");
            }
        }
    }

    #[test]
    fn memcmp_orders_as_unsigned_bytes_at_the_first_difference() {
        for &n in LENGTHS {
            let a = pattern(n, 9);
            assert_eq!(unsafe { memcmp(a.as_ptr(), a.clone().as_ptr(), n) }, 0);
            for at in [0, n / 2, n.saturating_sub(1)] {
                if n == 0 {
                    continue;
                }
                let mut b = a.clone();
                // One byte above (0xFF wraps to 0x00, which is below): a later byte never counts.
                b[at] = a[at].wrapping_add(1);
                if at + 1 < n {
                    b[at + 1] = a[at + 1].wrapping_sub(1);
                }
                let want = if b[at] > a[at] { -1 } else { 1 };
                let got = unsafe { memcmp(a.as_ptr(), b.as_ptr(), n) };
                assert_eq!(got.signum(), want, "n={n} at={at}");
                assert_eq!(unsafe { memcmp(b.as_ptr(), a.as_ptr(), n) }.signum(), -want);
                assert_ne!(unsafe { bcmp(a.as_ptr(), b.as_ptr(), n) }, 0);
            }
        }
        let (hi, lo) = ([0x80u8, 0], [0x7Fu8, 0xFF]);
        assert!(unsafe { memcmp(hi.as_ptr(), lo.as_ptr(), 2) } > 0);
    }
}
