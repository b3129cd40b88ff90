"""Seeded Gaussian blobs for the k-means benchmark (like scikit-learn's make_blobs: centres uniform
in [-10, 10]^d, standard deviation 1, each row's centre drawn uniformly), written once so that every
tool reads the same bytes:

  <prefix>.f64     n*d little-endian f64, row-major
  <prefix>.labels  n little-endian u32 (the true centre of each row)
  <prefix>.json    {"n", "d", "centres", "seed", "std"}

Usage: python gen_blobs.py [prefix] [n] [d] [centres] [seed] [std]
Defaults: /tmp/lendseg-learn/blobs_1m 1000000 10 8 42 1.0. Does nothing when the files exist
with the same parameters. numpy's PCG64 stream, so the bytes differ from the Rust generator the
earlier scratch measurements used (same distribution)."""
import json
import os
import sys

import numpy as np

args = sys.argv[1:]
prefix = args[0] if len(args) > 0 else "/tmp/lendseg-learn/blobs_1m"
n = int(args[1]) if len(args) > 1 else 1_000_000
d = int(args[2]) if len(args) > 2 else 10
k = int(args[3]) if len(args) > 3 else 8
seed = int(args[4]) if len(args) > 4 else 42
std = float(args[5]) if len(args) > 5 else 1.0
meta = {"n": n, "d": d, "centres": k, "seed": seed, "std": std, "generator": "numpy PCG64"}

try:
    with open(prefix + ".json") as f:
        if json.load(f) == meta and os.path.getsize(prefix + ".f64") == n * d * 8 \
                and os.path.getsize(prefix + ".labels") == n * 4:
            print(f"{prefix}.* already there ({n} x {d}, {k} centres, seed {seed})", file=sys.stderr)
            sys.exit(0)
except (OSError, ValueError):
    pass

os.makedirs(os.path.dirname(prefix) or ".", exist_ok=True)
rng = np.random.default_rng(seed)
centres = rng.uniform(-10.0, 10.0, size=(k, d))
labels = rng.integers(0, k, size=n).astype("<u4")
X = centres[labels] + std * rng.standard_normal((n, d))
X.astype("<f8").tofile(prefix + ".f64")
labels.tofile(prefix + ".labels")
with open(prefix + ".json", "w") as f:
    json.dump(meta, f)
    f.write("\n")
print(f"wrote {prefix}.f64 / .labels / .json ({n} x {d}, {k} centres, seed {seed})", file=sys.stderr)
