//! Which customer ids occur on more than one row (the snapshots early warnings compare). Most
//! files hold one row per customer, so this is a search for rare duplicates among a million ids.
//! A hash map of every id spends its time on cache misses; instead each id is hashed to 64 bits,
//! the (hash, row) pairs are scattered into 1,024 partitions by their top bits (sequential writes),
//! and each partition — small enough for the L1 cache — is sorted. Only equal hashes are then
//! compared as strings, so a collision never merges two customers.

use crate::text_column::TextColumn;
use std::hash::Hasher;

/// A 64-bit hash of an id, well mixed in the top bits (the partition key).
pub fn hash_id(id: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(id.as_bytes());
    // MurmurHash3's finaliser: every input bit reaches the top bits.
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

const PARTITION_BITS: u32 = 10;

/// Each id that is on two rows or more, with its rows in increasing order; sorted by id.
pub fn repeated_ids(ids: &TextColumn) -> Vec<(&str, Vec<usize>)> {
    repeated_by(ids, hash_id)
}

fn repeated_by(ids: &TextColumn, hash: impl Fn(&str) -> u64) -> Vec<(&str, Vec<usize>)> {
    let n = ids.len();
    let hashes: Vec<u64> = ids.iter().map(hash).collect();
    let partition = |h: u64| (h >> (64 - PARTITION_BITS)) as usize;
    let mut starts = vec![0usize; (1 << PARTITION_BITS) + 1];
    for &h in &hashes {
        starts[partition(h) + 1] += 1;
    }
    for p in 1..starts.len() {
        starts[p] += starts[p - 1];
    }
    let mut next = starts.clone();
    let mut pairs = vec![(0u64, 0u32); n];
    for (row, &h) in hashes.iter().enumerate() {
        let slot = &mut next[partition(h)];
        pairs[*slot] = (h, row as u32);
        *slot += 1;
    }
    drop(hashes);
    let mut found: Vec<(&str, Vec<usize>)> = Vec::new();
    for p in 0..1 << PARTITION_BITS {
        let part = &mut pairs[starts[p]..starts[p + 1]];
        part.sort_unstable();
        for run in part.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
            // Equal hashes: group the rows by the id itself, keeping row order in each group.
            let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
            for &(_, row) in run {
                let id = &ids[row as usize];
                match groups.iter_mut().find(|(g, _)| *g == id) {
                    Some((_, rows)) => rows.push(row as usize),
                    None => groups.push((id, vec![row as usize])),
                }
            }
            found.extend(groups.into_iter().filter(|(_, rows)| rows.len() > 1));
        }
    }
    found.sort_unstable_by(|a, b| a.0.cmp(b.0));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn by_map(ids: &TextColumn) -> Vec<(&str, Vec<usize>)> {
        let mut map: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (row, id) in ids.iter().enumerate() {
            map.entry(id).or_default().push(row);
        }
        map.into_iter().filter(|(_, rows)| rows.len() > 1).collect()
    }

    #[test]
    fn repeated_ids_equal_a_plain_map_on_random_ids() {
        let mut rng = crate::rng::SeededRng::new(3);
        for (n, distinct) in [(0, 1), (1, 1), (50, 10), (5000, 4000), (20_000, 100_000)] {
            let ids: TextColumn = (0..n)
                .map(|_| format!("C{:06}", rng.below(distinct)))
                .collect();
            let found = repeated_ids(&ids);
            assert_eq!(found, by_map(&ids), "{n} ids of {distinct}");
            if n == 5000 {
                assert!(found.len() > 100);
            }
        }
    }

    #[test]
    fn a_hash_collision_never_merges_two_ids() {
        // Every id gets the same hash: ids that differ must still come out as separate groups,
        // and ids on one row must not come out at all.
        let ids: TextColumn = ["b", "a", "b", "c", "a", "a", ""].into_iter().collect();
        let want = vec![("a", vec![1, 4, 5]), ("b", vec![0, 2])];
        assert_eq!(repeated_by(&ids, |_| 42), want);
        assert_eq!(repeated_ids(&ids), want);
    }
}
