"""CTGAN (sdv-dev/CTGAN, its defaults) on the bench's training splits, for comparison.

`npm run bench:small -- --export DIR` writes DIR/<table>.csv and .json; this trains CTGAN on
each and writes DIR/<table>.synth.csv (as many rows as the split) and DIR/<table>.many.csv
(20,000 rows); `npm run bench:small -- --synth DIR` judges them. Needs PyTorch, pandas and
scikit-learn, and the CTGAN and RDT sources on PYTHONPATH (see docs/benchmarks.md).

    python3 bench/ctgan/run.py DIR [--epochs 300] [--tables a,b] [--seed 26]
"""
import argparse
import json
import os
import time

import numpy as np
import pandas as pd
import torch
from ctgan import CTGAN

parser = argparse.ArgumentParser()
parser.add_argument('dir')
parser.add_argument('--epochs', type=int, default=300)
parser.add_argument('--tables', default='customers,orders,patients,employees,adult')
parser.add_argument('--seed', type=int, default=26)
args = parser.parse_args()

for name in args.tables.split(','):
    base = os.path.join(args.dir, name)
    with open(base + '.json') as f:
        meta = json.load(f)
    discrete = meta['discrete']
    data = pd.read_csv(base + '.csv', dtype={c: str for c in discrete}, keep_default_na=False, na_values=[''])
    for c in discrete:
        data[c] = data[c].fillna('(missing)')
    # CTGAN refuses missing numbers; as SDV does, a discrete column says which are missing.
    gaps = [c for c in data.columns if c not in discrete and data[c].isna().any()]
    for c in gaps:
        data[c + '.is_null'] = data[c].isna().map({True: 'yes', False: 'no'})
        data[c] = data[c].fillna(data[c].mean())
    discrete = discrete + [c + '.is_null' for c in gaps]
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    t0 = time.time()
    model = CTGAN(epochs=args.epochs)
    model.fit(data, discrete)
    seconds = time.time() - t0
    for kind, rows in (('synth', meta['rows']), ('many', 20_000)):
        out = model.sample(rows)
        for c in gaps:
            out.loc[out[c + '.is_null'] == 'yes', c] = np.nan
            out = out.drop(columns=c + '.is_null')
        for c in meta['discrete']:
            out[c] = out[c].replace('(missing)', '')
        out.to_csv(f'{base}.{kind}.csv', index=False)
    print(f'{name}: {args.epochs} epochs in {seconds:.0f} s', flush=True)
