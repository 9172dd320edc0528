"""The script an analyst would write instead of `assess`: pandas + scikit-criteria.

    python benchmarks/peer.py pool.csv criteria.yaml out.json

It reads the CSV with pandas, applies the criteria's goalpost normalisation and effective
weights (absent values count as 0, as `missing: zero` does), and ranks with scikit-criteria's
weighted sum. It validates nothing and checks no gates: it is the floor of what a ranking
costs, not a replacement. Requires the `bench` extra (pandas, scikit-criteria).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import skcriteria as skc
import yaml
from skcriteria.agg.simple import WeightedSumModel


def normalised_columns(
    df: pd.DataFrame, criteria: dict
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    factor_total = sum(f["weight"] for f in criteria["factors"])
    columns, weights, names = [], [], []
    for factor in criteria["factors"]:
        indicator_total = sum(i.get("weight", 1) for i in factor["indicators"])
        for ind in factor["indicators"]:
            name = f"{factor['id']}.{ind['id']}"
            raw = df[name]
            if ind["type"] == "boolean":
                v = raw.astype(str).str.lower().isin(["true", "yes", "ya", "1"]).astype(float)
            elif ind["type"] == "level":
                levels = ind["levels"]
                last = max(len(levels) - 1, 1)
                scores = {lv["id"]: lv.get("score", k / last) for k, lv in enumerate(levels)}
                v = raw.map(scores).astype(float)
            else:
                worst, best = ind["goalposts"]["worst"], ind["goalposts"]["best"]
                x = pd.to_numeric(raw).clip(min(worst, best), max(worst, best))
                if ind.get("transform") == "log":
                    x, worst, best = np.log(x), np.log(worst), np.log(best)
                v = (x - worst) / (best - worst)
            columns.append(v.fillna(0.0).to_numpy())
            weights.append(factor["weight"] / factor_total * ind.get("weight", 1) / indicator_total)
            names.append(name)
    return np.column_stack(columns), np.array(weights), names


def main() -> int:
    table, criteria_path, out = (Path(a) for a in sys.argv[1:4])
    criteria = yaml.load(criteria_path.read_bytes(), Loader=yaml.CSafeLoader)
    df = pd.read_csv(table, dtype={"code": str}, keep_default_na=True)
    matrix, weights, names = normalised_columns(df, criteria)
    dm = skc.mkdm(
        matrix * criteria.get("scale", 100),
        objectives=[max] * len(names),
        weights=weights,
        alternatives=list(df["code"]),
        criteria=names,
    )
    result = WeightedSumModel().evaluate(dm)
    scores = dict(zip(df["code"], (float(s) for s in result.e_.score), strict=True))
    out.write_text(json.dumps({"scores": scores, "rank": [int(r) for r in result.rank_]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
