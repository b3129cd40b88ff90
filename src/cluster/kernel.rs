//! Distance kernel shared by k-means, k-means++ and assignment: squared Euclidean distance from
//! one row to a block of `L` centres stored transposed ("panel" layout: for each feature j the L
//! centre coordinates are contiguous). The inner loop runs over the L lanes, so it vectorises
//! without reassociating anything: every lane sums (x_j − c_j)² sequentially for j = 0..d, starting
//! from 0.0, exactly like [`sq_dist`]. Results are therefore bit-identical to the scalar formula,
//! whatever the target or SIMD width.

/// Squared Euclidean distance, summed in feature order (the reference order for the whole module).
#[inline(always)]
pub fn sq_dist(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = 0.0;
    for j in 0..n {
        let t = a[j] - b[j];
        acc += t * t;
    }
    acc
}

/// `sums[l] += min(v[l], cap)` for every lane (written out for L = 4 and 8).
#[inline(always)]
pub fn lane_min_add<const L: usize>(sums: &mut [f64; L], v: &[f64; L], cap: f64) {
    macro_rules! go {
        ($($l:literal)*) => { $( sums[$l] += if v[$l] < cap { v[$l] } else { cap }; )* };
    }
    if L == 8 {
        go!(0 1 2 3 4 5 6 7);
    } else if L == 4 {
        go!(0 1 2 3);
    } else {
        for l in 0..L {
            sums[l] += if v[l] < cap { v[l] } else { cap };
        }
    }
}

/// `sums[l] += v` for every lane.
#[inline(always)]
pub fn lane_add<const L: usize>(sums: &mut [f64; L], v: f64) {
    macro_rules! go {
        ($($l:literal)*) => { $( sums[$l] += v; )* };
    }
    if L == 8 {
        go!(0 1 2 3 4 5 6 7);
    } else if L == 4 {
        go!(0 1 2 3);
    } else {
        for s in sums.iter_mut() {
            *s += v;
        }
    }
}

/// `sums[l] += v[l]` for every lane.
#[inline(always)]
pub fn lane_add_all<const L: usize>(sums: &mut [f64; L], v: &[f64; L]) {
    for l in 0..L {
        sums[l] += v[l];
    }
}

/// k centres of dimension d in blocks of `L` lanes (padding lanes are zeros and never reported).
#[derive(Debug, Clone)]
pub struct Panel<const L: usize> {
    k: usize,
    d: usize,
    blocks: usize,
    /// `blocks × d` entries; entry `b·d + j` holds feature j of centres `b·L .. b·L+L`.
    data: Vec<[f64; L]>,
}

/// `acc[l] += (x − p[l])²` for the listed lanes, written out (no loop to unroll, so the kernel is
/// just as fast at `opt-level = "s"` and on wasm32 without SIMD).
macro_rules! lanes {
    ($acc:ident, $p:ident, $x:ident; $($l:literal)*) => {
        $( let t = $x - $p[$l]; $acc[$l] += t * t; )*
    };
}

impl<const L: usize> Panel<L> {
    /// An empty panel for `d` features; fill it with [`Panel::load`].
    pub fn new(d: usize) -> Self {
        Panel {
            k: 0,
            d,
            blocks: 0,
            data: Vec::new(),
        }
    }

    /// Replace the centres (row-major `k × d`), reusing the allocation.
    pub fn load(&mut self, centres: &[f64], k: usize) {
        let d = self.d;
        self.k = k;
        self.blocks = k.div_ceil(L);
        self.data.clear();
        self.data.resize(self.blocks * d, [0.0; L]);
        for c in 0..k {
            let (b, lane) = (c / L, c % L);
            for j in 0..d {
                self.data[b * d + j][lane] = centres[c * d + j];
            }
        }
    }

    /// Squared distances from `x` (length d) to the L centres of block `b`.
    #[inline(always)]
    pub fn block(&self, b: usize, x: &[f64]) -> [f64; L] {
        let d = self.d;
        let blk = &self.data[b * d..(b + 1) * d];
        let x = &x[..d];
        let mut acc = [0.0f64; L];
        if L == 8 {
            for j in 0..d {
                let (p, xj) = (&blk[j], x[j]);
                lanes!(acc, p, xj; 0 1 2 3 4 5 6 7);
            }
        } else if L == 4 {
            for j in 0..d {
                let (p, xj) = (&blk[j], x[j]);
                lanes!(acc, p, xj; 0 1 2 3);
            }
        } else {
            for j in 0..d {
                let (p, xj) = (&blk[j], x[j]);
                for l in 0..L {
                    let t = xj - p[l];
                    acc[l] += t * t;
                }
            }
        }
        acc
    }

    /// Index and squared distance of the nearest centre (lowest index on ties).
    #[inline]
    pub fn nearest(&self, x: &[f64]) -> (usize, f64) {
        let mut best = f64::INFINITY;
        let mut arg = 0;
        for b in 0..self.blocks {
            let acc = self.block(b, x);
            let lanes = L.min(self.k - b * L);
            for (l, &v) in acc.iter().enumerate().take(lanes) {
                if v < best {
                    best = v;
                    arg = b * L + l;
                }
            }
        }
        (arg, best)
    }

    /// Nearest centre index with its squared distance, and the second-smallest squared distance
    /// (+inf when k = 1).
    #[inline]
    pub fn nearest_two(&self, x: &[f64]) -> (usize, f64, f64) {
        let mut b1 = f64::INFINITY;
        let mut b2 = f64::INFINITY;
        let mut arg = 0;
        for b in 0..self.blocks {
            let acc = self.block(b, x);
            let lanes = L.min(self.k - b * L);
            for (l, &v) in acc.iter().enumerate().take(lanes) {
                if v < b1 {
                    b2 = b1;
                    b1 = v;
                    arg = b * L + l;
                } else if v < b2 {
                    b2 = v;
                }
            }
        }
        (arg, b1, b2)
    }

    /// Squared distances to all k centres, written to `out[..k]`.
    #[cfg(test)]
    pub fn all(&self, x: &[f64], out: &mut [f64]) {
        for b in 0..self.blocks {
            let acc = self.block(b, x);
            let lanes = L.min(self.k - b * L);
            for (o, &v) in out[b * L..b * L + lanes].iter_mut().zip(&acc) {
                *o = v;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_matches_scalar_bit_for_bit() {
        let d = 7;
        let k = 11;
        let centres: Vec<f64> = (0..k * d)
            .map(|i| ((i * 37 % 101) as f64) * 0.173 - 3.0)
            .collect();
        let x: Vec<f64> = (0..d).map(|j| j as f64 * 0.61 - 1.3).collect();
        let mut p8 = Panel::<8>::new(d);
        p8.load(&centres, k);
        let mut p4 = Panel::<4>::new(d);
        p4.load(&centres, k);
        let mut out8 = vec![0.0; 16];
        let mut out4 = vec![0.0; 12];
        p8.all(&x, &mut out8);
        p4.all(&x, &mut out4);
        for c in 0..k {
            let s = sq_dist(&x, &centres[c * d..(c + 1) * d]);
            assert_eq!(out8[c].to_bits(), s.to_bits());
            assert_eq!(out4[c].to_bits(), s.to_bits());
        }
        let (a, d1, d2) = p8.nearest_two(&x);
        let (a4, d14) = p4.nearest(&x);
        assert_eq!(a, a4);
        assert_eq!(d1, d14);
        let mut sorted: Vec<f64> = out8[..k].to_vec();
        sorted.sort_by(f64::total_cmp);
        assert_eq!((d1, d2), (sorted[0], sorted[1]));
    }
}
