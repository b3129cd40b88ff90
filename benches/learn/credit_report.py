"""Summary of the scorecard-quality benchmark: mean test AUC per data set and tool/variant, and
the paired difference to a reference (mean ± standard error over the splits).

  python credit_report.py RESULTS.jsonl… [--ref default] [--metric auc|ks] [--markdown]"""
import argparse
import collections
import json
import math

ap = argparse.ArgumentParser()
ap.add_argument("files", nargs="+")
ap.add_argument("--ref", default="default")
ap.add_argument("--metric", default="auc")
ap.add_argument("--part", default="test")
ap.add_argument("--markdown", action="store_true")
a = ap.parse_args()

val = collections.defaultdict(dict)     # (data, tool) -> {split: value}
feats = collections.defaultdict(list)
tools, datas = [], []
for f in a.files:
    for line in open(f):
        r = json.loads(line)
        data = r["split"].rsplit("_k", 1)[0]
        key = (data, r["tool"])
        val[key][r["split"]] = r[a.part][a.metric]
        feats[key].append(r["features"])
        if r["tool"] not in tools:
            tools.append(r["tool"])
        if data not in datas:
            datas.append(data)
order = ["german", "credit", "lending", "hmda", "synth", "taiwan"]
datas.sort(key=lambda d: order.index(d) if d in order else len(order))


def cell(data, tool):
    v = val.get((data, tool))
    if not v:
        return "", None
    mean = sum(v.values()) / len(v)
    ref = val.get((data, a.ref), {})
    common = [s for s in v if s in ref]
    txt = f"{mean:.4f}"
    if tool != a.ref and len(common) > 1:
        d = [v[s] - ref[s] for s in common]
        m = sum(d) / len(d)
        se = math.sqrt(sum((x - m) ** 2 for x in d) / (len(d) - 1) / len(d))
        txt += f" ({m:+.4f}±{se:.4f})"
    elif tool != a.ref and len(common) == 1:
        txt += f" ({v[common[0]] - ref[common[0]]:+.4f})"
    nf = sum(feats[(data, tool)]) / len(feats[(data, tool)])
    return txt + f" [{nf:.1f}]", mean


head = ["tool"] + [f"{d} ({len(val.get((d, a.ref), {}))})" for d in datas]
rows = [[t] + [cell(d, t)[0] for d in datas] for t in tools]
if a.markdown:
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")
else:
    w = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(str(x).ljust(w[i]) for i, x in enumerate(r)))
print(f"\n{a.part} {a.metric}: mean over splits (paired difference to '{a.ref}', mean ± SE) "
      "[mean features kept]")
