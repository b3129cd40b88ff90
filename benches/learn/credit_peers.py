"""OptBinning and scorecardpy on every split written by `credit_splits.py`, in one process: one
JSON line per (split, tool) with test AUC/KS (risk = -score), train AUC and the selected columns.
Same settings as `scorecard_peers.py` (defaults; `optb_iv` adds OptBinning's IV >= 0.02 screen).

  python credit_peers.py SPLITS_DIR [--tools optb,optb_iv,scp] [--only german,credit]"""
import os

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(v, "2")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score, roc_curve  # noqa: E402

warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

ap = argparse.ArgumentParser()
ap.add_argument("splits")
ap.add_argument("--tools", default="optb,optb_iv,scp")
ap.add_argument("--only", default="")
a = ap.parse_args()
only = [s for s in a.only.split(",") if s]


def metrics(y, risk):
    fpr, tpr, _ = roc_curve(y, risk)
    return {"auc": float(roc_auc_score(y, risk)), "ks": float(np.max(np.abs(tpr - fpr)))}


def optb(tr, te, feats, cats, ytr, yte, screen):
    from optbinning import BinningProcess, Scorecard
    sel = {"iv": {"min": 0.02}} if screen else None
    bp = BinningProcess(feats, categorical_variables=cats, selection_criteria=sel)
    sc = Scorecard(binning_process=bp, estimator=LogisticRegression(), scaling_method="pdo_odds",
                   scaling_method_params={"pdo": 50, "odds": 19, "scorecard_points": 600})
    sc.fit(tr[feats], ytr)
    chosen = list(sc.binning_process_.get_support(names=True))
    return -sc.score(tr[feats]), -sc.score(te[feats]), chosen


def scp_fit(tr, te, feats, cats, ytr, yte):
    import builtins
    import scorecardpy as scp
    # scorecardpy asks on stdin whether to go on when a text column has >= 50 levels: yes
    builtins.input = lambda prompt="": "1"
    dtr = tr[feats].copy()
    dtr["y"] = ytr
    dte = te[feats].copy()
    dte["y"] = yte
    with contextlib.redirect_stdout(io.StringIO()):
        bins = scp.woebin(dtr, y="y", x=feats)
        wtr = scp.woebin_ply(dtr, bins)
        xcols = [c + "_woe" for c in feats]
        lr = LogisticRegression().fit(wtr[xcols], wtr["y"])
        card = scp.scorecard(bins, lr, xcols, points0=600, odds0=1 / 19, pdo=50)
        s_tr = scp.scorecard_ply(dtr, card, only_total_score=True)["score"].to_numpy()
        s_te = scp.scorecard_ply(dte, card, only_total_score=True)["score"].to_numpy()
    return -s_tr, -s_te, feats


for split in sorted(os.listdir(a.splits)):
    d = os.path.join(a.splits, split)
    if not os.path.isdir(d) or (only and split.rsplit("_k", 1)[0] not in only):
        continue
    tr = pd.read_csv(f"{d}/train.csv")
    te = pd.read_csv(f"{d}/test.csv")
    ytr = tr["bad"].astype(int).to_numpy()
    yte = te["bad"].astype(int).to_numpy()
    feats = [c for c in tr.columns if c != "bad"]
    cats = [c for c in feats if tr[c].dtype == object]
    for tool in a.tools.split(","):
        if tool == "scp":
            r_tr, r_te, chosen = scp_fit(tr, te, feats, cats, ytr, yte)
        else:
            r_tr, r_te, chosen = optb(tr, te, feats, cats, ytr, yte, tool == "optb_iv")
        print(json.dumps({"split": split, "tool": tool, "test": metrics(yte, r_te),
                          "train": metrics(ytr, r_tr), "features": len(chosen)}), flush=True)
