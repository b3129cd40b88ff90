"""Seeded synthetic credit data for the scorecard benchmark: 20 candidate variables (13 numeric,
7 categorical) with missing values, a 0/1 label `default` drawn from a known logistic truth, and
an `id` column (excluded when training). Written as CSV.

  python gen_synth.py OUT.csv [rows=100000] [seed=1]

Truth (logit): monotone effects (utilisation, debt-to-income, inquiries, past-due count, income,
age, tenure), a U shape (loan term), missing values with their own risk (income, utilisation),
categorical effects (region, housing, employment with rare levels, purpose), and 5 pure-noise
variables (3 numeric, 2 categorical). About 12% bad."""
import os
import sys

import numpy as np
import pandas as pd

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/lendseg-learn/synth_100k.csv"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = np.random.default_rng(seed)


def levels(names, probs):
    return rng.choice(np.array(names, dtype=object), size=n, p=np.array(probs) / sum(probs))


age = np.clip(rng.normal(40, 11, n), 18, 80).round()
income = np.round(rng.lognormal(8.6, 0.55, n), -1)            # monthly, skewed
tenure = np.clip(rng.exponential(40, n), 0, 360).round()        # months on book
util = np.clip(rng.beta(1.6, 2.6, n) * 1.2, 0, 1.5).round(4)   # credit-line utilisation
debt = np.clip(rng.gamma(2.0, 0.18, n), 0, 4).round(4)          # debt-to-income (not `debt_ratio`: that name is a computed result in the built-in policies)
inq = rng.poisson(1.2, n).astype(float)                          # inquiries, 6 months
pastdue = np.where(rng.random(n) < 0.8, 0, rng.poisson(1.5, n) + 1).astype(float)  # zero-heavy
term = rng.choice([6, 12, 18, 24, 36, 48, 60], size=n, p=[.06, .2, .1, .25, .2, .1, .09]).astype(float)
amount = np.round(rng.lognormal(9.5, 0.8, n), -2)
cards = rng.poisson(2.5, n).astype(float)
noise1 = rng.normal(0, 1, n).round(4)
noise2 = rng.uniform(0, 1000, n).round(1)
noise3 = rng.poisson(3, n).astype(float)

region = levels([f"R{i}" for i in range(1, 9)], [20, 18, 15, 12, 10, 10, 8, 7])
housing = levels(["own", "mortgage", "rent"], [35, 30, 35])
employment = levels(["salaried", "civil", "self", "contract", "retired", "student", "farmer", "none"],
                    [40, 15, 15, 12, 8, 4, 3, 3])
purpose = levels(["car", "home", "education", "consumer", "business", "medical"], [20, 15, 10, 35, 12, 8])
channel = levels(["branch", "online", "agent", "partner"], [30, 40, 20, 10])       # noise
colour = levels(["a", "b", "c", "d", "e", "f"], [1, 1, 1, 1, 1, 1])                # noise
gender = levels(["F", "M"], [48, 52])                                             # noise-ish

income_missing = rng.random(n) < 0.10
util_missing = rng.random(n) < 0.06
emp_missing = rng.random(n) < 0.03
amount_missing = rng.random(n) < 0.02

logit = (-3.6
         + 1.6 * np.where(util_missing, 0.55, util)
         + 0.55 * np.minimum(debt, 2.5)
         + 0.18 * np.minimum(inq, 6)
         + 0.35 * np.minimum(pastdue, 4)
         - 0.45 * np.where(income_missing, -0.6, np.log(income) - 8.6)
         - 0.02 * (age - 40)
         - 0.004 * np.minimum(tenure, 120)
         + 0.00025 * (term - 28) ** 2
         + 0.05 * np.log(amount / 13000))
logit += pd.Series(region).map({"R1": -.2, "R2": -.1, "R3": 0, "R4": .1, "R5": .3, "R6": .15,
                                "R7": -.05, "R8": .4}).to_numpy()
logit += pd.Series(housing).map({"own": -.25, "mortgage": -.1, "rent": .25}).to_numpy()
logit += np.where(emp_missing, .5, pd.Series(employment).map(
    {"salaried": -.2, "civil": -.45, "self": .2, "contract": .3, "retired": 0, "student": .5,
     "farmer": .35, "none": .8}).to_numpy())
logit += pd.Series(purpose).map({"car": -.1, "home": -.3, "education": .1, "consumer": .15,
                                 "business": .3, "medical": .2}).to_numpy()
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

df = pd.DataFrame({
    "id": np.arange(1, n + 1),
    "age": age, "income": np.where(income_missing, np.nan, income), "tenure_months": tenure,
    "utilisation": np.where(util_missing, np.nan, util), "dti": debt, "inquiries_6m": inq,
    "past_due_count": pastdue, "term_months": term,
    "loan_amount": np.where(amount_missing, np.nan, amount), "open_cards": cards,
    "noise_normal": noise1, "noise_uniform": noise2, "noise_count": noise3,
    "region": region, "housing": housing, "employment": np.where(emp_missing, None, employment),
    "purpose": purpose, "channel": channel, "colour": colour, "gender": gender,
    "default": y,
})
os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
df.to_csv(out, index=False)
print(f"wrote {out}: {n} rows x 20 variables, bad rate {y.mean():.3f} (seed {seed})", file=sys.stderr)
