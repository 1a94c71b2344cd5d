//! Set digests (vault format 3): how a set of rows is summarised so that a MAC over the summary
//! covers exactly that set.
//!
//! Formats 1 and 2 summarised a set by the XOR of its members' MACs. XOR is linear: with an old
//! copy of the file, any subset of old rows whose MAC changes XOR to zero can be put back
//! (Gaussian elimination over GF(2) finds one once more rows changed than the MAC has bits),
//! a grant holder who can compute row MACs can re-seal rows until the XOR matches, and two
//! copies of one row cancel. A digest here is SHA-256 over the members in a canonical order
//! (sorted by id, each of fixed length) followed by their count, under a tag that names the set
//! and its owner; finding another set with the same digest means finding a SHA-256 collision.
//! The digests are in turn covered by a keyed MAC (secret row, environment row, header), so
//! no key is needed here.
//!
//! An environment's secrets are summarised in two levels so that a write re-hashes only one
//! bucket (the secrets whose random id starts with one byte: about N/256 of them) and 256
//! small digests, and a `get` checks one bucket instead of the whole environment.

use sha2::{Digest, Sha256};

use super::store::{BucketRow, Id, Mac};

/// Which bucket a secret belongs to: the first byte of its random id.
pub fn bucket_of(id: &Id) -> i64 {
    i64::from(id[0])
}

fn hasher(tag: &str, owner: &[&[u8]]) -> Sha256 {
    let mut h = Sha256::new();
    h.update((tag.len() as u64).to_be_bytes());
    h.update(tag.as_bytes());
    for part in owner {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part);
    }
    h
}

fn finish(mut h: Sha256, count: u64) -> Mac {
    h.update(count.to_be_bytes());
    h.finalize().into()
}

/// The versions of one secret: (version, MAC) pairs in version order.
pub fn versions(vault_id: &Id, secret_id: &Id, members: &[(i64, Mac)]) -> Mac {
    let mut h = hasher("tresor/versions/v3", &[vault_id, secret_id]);
    for (version, mac) in members {
        h.update(version.to_be_bytes());
        h.update(mac);
    }
    finish(h, members.len() as u64)
}

/// One bucket of an environment's secrets: (id, MAC) pairs in id order.
pub fn bucket(vault_id: &Id, env_id: &Id, epoch: i64, bucket: i64, members: &[(Id, Mac)]) -> Mac {
    let mut d = BucketDigest::new(vault_id, env_id, epoch, bucket);
    for (id, mac) in members {
        d.add(id, mac);
    }
    d.finish().1
}

/// `bucket`, fed one member at a time (in id order), for checks that stream an environment.
pub struct BucketDigest {
    h: Sha256,
    n: u64,
}

impl BucketDigest {
    pub fn new(vault_id: &Id, env_id: &Id, epoch: i64, bucket: i64) -> Self {
        let h = hasher(
            "tresor/bucket/v3",
            &[
                vault_id,
                env_id,
                &epoch.to_be_bytes(),
                &bucket.to_be_bytes(),
            ],
        );
        BucketDigest { h, n: 0 }
    }

    pub fn add(&mut self, id: &Id, mac: &Mac) {
        self.h.update(id);
        self.h.update(mac);
        self.n += 1;
    }

    /// (count, digest).
    pub fn finish(self) -> (i64, Mac) {
        (self.n as i64, finish(self.h, self.n))
    }
}

/// An environment's secrets: its non-empty buckets' (bucket, count, digest) in bucket order.
pub fn environment(vault_id: &Id, env_id: &Id, epoch: i64, buckets: &[BucketRow]) -> Mac {
    let mut h = hasher(
        "tresor/environment/v3",
        &[vault_id, env_id, &epoch.to_be_bytes()],
    );
    for b in buckets {
        h.update(b.bucket.to_be_bytes());
        h.update(b.count.to_be_bytes());
        h.update(b.digest);
    }
    finish(h, buckets.len() as u64)
}

/// The header's sets: slots and environments, each as (id, MAC) pairs in id order, each
/// list preceded by its length.
pub fn header(vault_id: &Id, slots: &[(Id, Mac)], envs: &[(Id, Mac)]) -> Mac {
    let mut h = hasher("tresor/header-sets/v3", &[vault_id]);
    for list in [slots, envs] {
        h.update((list.len() as u64).to_be_bytes());
        for (id, mac) in list {
            h.update(id);
            h.update(mac);
        }
    }
    finish(h, (slots.len() + envs.len()) as u64)
}

/// The total count of a set of buckets.
pub fn count(buckets: &[BucketRow]) -> i64 {
    buckets.iter().map(|b| b.count).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(b: u8) -> Id {
        [b; 16]
    }

    #[test]
    fn a_repeated_member_changes_the_digest_and_order_matters() {
        let v = id(1);
        let s = id(2);
        let one = versions(&v, &s, &[(1, [7; 32])]);
        let twice = versions(&v, &s, &[(1, [7; 32]), (1, [7; 32])]);
        assert_ne!(one, twice, "duplicates must not cancel");
        assert_ne!(versions(&v, &s, &[]), one);
        let ab = bucket(&v, &s, 1, 0, &[(id(0), [1; 32]), (id(0), [2; 32])]);
        let ba = bucket(&v, &s, 1, 0, &[(id(0), [2; 32]), (id(0), [1; 32])]);
        assert_ne!(ab, ba);
    }

    #[test]
    fn digests_are_bound_to_their_owner() {
        let m = [(id(9), [3; 32])];
        assert_ne!(
            bucket(&id(1), &id(2), 1, 9, &m),
            bucket(&id(1), &id(3), 1, 9, &m)
        );
        assert_ne!(
            bucket(&id(1), &id(2), 1, 9, &m),
            bucket(&id(1), &id(2), 2, 9, &m)
        );
        assert_ne!(
            bucket(&id(1), &id(2), 1, 9, &m),
            bucket(&id(1), &id(2), 1, 8, &m)
        );
    }

    #[test]
    fn the_header_digest_tells_slots_from_environments() {
        let a = [(id(1), [1; 32])];
        assert_ne!(header(&id(0), &a, &[]), header(&id(0), &[], &a));
    }

    #[test]
    fn xor_cancellation_does_not_carry_over() {
        // Two sets whose MACs XOR to the same value (the format-2 weakness) digest apart.
        let (x, y) = ([0x0f; 32], [0xf0; 32]);
        let z: Mac = [0xff; 32];
        let a = bucket(&id(1), &id(2), 1, 0, &[(id(0), x), (id(1), y)]);
        let b = bucket(&id(1), &id(2), 1, 0, &[(id(0), z), (id(1), [0; 32])]);
        assert_ne!(a, b);
    }
}
