"""scikit-learn KMeans(n_clusters=k, n_init=1, algorithm="lloyd") on the blobs written by
gen_blobs.py, limited to 2 threads (OpenMP/BLAS, set before numpy loads and by threadpoolctl).

  python sklearn_kmeans.py [prefix] [runs=3] [k=8]

Runs use random_state 0..runs-1. Prints one JSON line: median/min seconds of `fit`, the worst
inertia and ARI over the runs (ARI vs the true labels with sklearn's adjusted_rand_score), and
the iteration count of the last run. Adapted from the clustering helper's bench/sklearn_kmeans.py."""
import os

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(v, "2")

import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

prefix = sys.argv[1] if len(sys.argv) > 1 else "/tmp/lendseg-learn/blobs_1m"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
k = int(sys.argv[3]) if len(sys.argv) > 3 else 8
meta = json.load(open(prefix + ".json"))
X = np.fromfile(prefix + ".f64", dtype="<f8").reshape(meta["n"], meta["d"])
truth = np.fromfile(prefix + ".labels", dtype="<u4")

times, inertias, aris = [], [], []
with threadpool_limits(limits=2):
    for r in range(runs):
        km = KMeans(n_clusters=k, n_init=1, algorithm="lloyd", random_state=r)
        t0 = time.perf_counter()
        km.fit(X)
        times.append(time.perf_counter() - t0)
        inertias.append(float(km.inertia_))
        aris.append(float(adjusted_rand_score(truth, km.labels_)))
        print(f"sklearn run {r + 1}/{runs}: {times[-1]:.3f} s, inertia {inertias[-1]:.6f}, "
              f"{km.n_iter_} iterations", file=sys.stderr, flush=True)
print(json.dumps({
    "tool": f"scikit-learn {sklearn.__version__} KMeans lloyd n_init=1 (2 threads)",
    "seconds": statistics.median(times), "min_seconds": min(times), "times": times,
    "inertia": max(inertias), "inertias": inertias, "ari": min(aris), "n_iter": int(km.n_iter_),
}), flush=True)
