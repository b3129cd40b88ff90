"""Scorecard peers on a train/test split: OptBinning (BinningProcess + Scorecard with scikit-learn's
LogisticRegression) and scorecardpy (woebin + woebin_ply + scikit-learn LogisticRegression +
scorecard), each with default settings. Adapted from the training helper's peers/peers.py.

  python scorecard_peers.py TRAIN.csv TEST.csv --target default [--exclude bad] [--runs 5]
                            [--tools optb,optb_iv,scp] [--dataset NAME]

Timed (median of --runs, wall clock, data already in a DataFrame): for OptBinning `Scorecard.fit`
(binning every column + the regression + the points table); for scorecardpy `woebin` on the
train rows, `woebin_ply` on them, the regression and `scorecard`. Test AUC/KS from the scores of
the last fit (risk = -score). Prints one JSON line per tool. Threads limited to 2."""
import os

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(v, "2")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score, roc_curve  # noqa: E402

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)   # cvxpy's solver-import noise


def metrics(y, risk):
    fpr, tpr, _ = roc_curve(y, risk)
    return {"auc": float(roc_auc_score(y, risk)), "ks": float(np.max(np.abs(tpr - fpr)))}


ap = argparse.ArgumentParser()
ap.add_argument("train")
ap.add_argument("test")
ap.add_argument("--target", required=True)
ap.add_argument("--exclude", default="")
ap.add_argument("--runs", type=int, default=5)
ap.add_argument("--tools", default="optb,optb_iv,scp")
ap.add_argument("--dataset", default="")
a = ap.parse_args()

tr = pd.read_csv(a.train)
te = pd.read_csv(a.test)
ytr = tr[a.target].astype(int).to_numpy()
yte = te[a.target].astype(int).to_numpy()
excl = set(c for c in a.exclude.split(",") if c) | {a.target}
feats = [c for c in tr.columns if c not in excl]
cats = [c for c in feats if tr[c].dtype == object]
Xtr, Xte = tr[feats], te[feats]


def emit(tool, version, times, test, selected, note):
    print(json.dumps({
        "dataset": a.dataset, "tool": tool, "version": version, "runs": len(times),
        "fit_s": statistics.median(times), "min_s": min(times), "times": times,
        "test": test, "selected": selected, "note": note,
    }), flush=True)


tools = a.tools.split(",")
if any(t.startswith("optb") for t in tools):
    import optbinning
    from optbinning import BinningProcess, Scorecard
    for tool in [t for t in tools if t.startswith("optb")]:
        sel = {"iv": {"min": 0.02}} if tool == "optb_iv" else None
        times = []
        for _ in range(a.runs):
            bp = BinningProcess(feats, categorical_variables=cats, selection_criteria=sel)
            sc = Scorecard(binning_process=bp, estimator=LogisticRegression(),
                           scaling_method="pdo_odds",
                           scaling_method_params={"pdo": 50, "odds": 19, "scorecard_points": 600})
            t0 = time.perf_counter()
            sc.fit(Xtr, ytr)
            times.append(time.perf_counter() - t0)
        selected = [n for n in feats if n in sc.binning_process_.get_support(names=True)]
        emit(tool, optbinning.__version__, times, metrics(yte, -sc.score(Xte)), selected,
             "BinningProcess defaults" + (" + IV >= 0.02" if sel else " (no selection)"))

if "scp" in tools:
    import scorecardpy as scp
    from importlib.metadata import version as pkg_version
    dtr = Xtr.copy()
    dtr["y"] = ytr
    dte = Xte.copy()
    dte["y"] = yte
    xcols = [c + "_woe" for c in feats]
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            bins = scp.woebin(dtr, y="y", x=feats)
            wtr = scp.woebin_ply(dtr, bins)
            lr = LogisticRegression().fit(wtr[xcols], wtr["y"])
            card = scp.scorecard(bins, lr, xcols, points0=600, odds0=1 / 19, pdo=50)
        times.append(time.perf_counter() - t0)
    with contextlib.redirect_stdout(io.StringIO()):
        s_te = scp.scorecard_ply(dte, card, only_total_score=True)["score"].to_numpy()
    emit("scp", pkg_version("scorecardpy"), times, metrics(yte, -s_te), feats,
         "woebin defaults, no var_filter")
