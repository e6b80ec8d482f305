#!/usr/bin/python3
"""Validation F1 against wall-clock minutes of training for several segroot runs, on one chart: each run's
summary.json (written by scripts/segroot-experiment) gives its curve, its label and its test F1 (the marker at the
end of the curve).
usage: /usr/bin/python3 scripts/plot_curves.py OUT.svg LABEL=SUMMARY.json [LABEL=SUMMARY.json ...]"""
import json
import sys

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

out, runs = sys.argv[1], sys.argv[2:]
figure, axes = plt.subplots(figsize=(7, 4.2))
longest = 60.0
for run in runs:
    label, path = run.split("=", 1)
    summary = json.load(open(path))
    curve = summary["validation_curve"]
    longest = max(longest, summary["trained_minutes"])
    minutes = [point["minutes"] for point in curve]
    f1 = [point["val_f1"] for point in curve]
    line, = axes.plot(minutes, f1, marker="o", markersize=3, label=f"{label}: test F1 {summary['test']['pooled']['f1']:.3f}")
    axes.plot([summary["trained_minutes"]], [summary["test"]["pooled"]["f1"]], marker="*", markersize=10,
              color=line.get_color(), linestyle="none")
axes.axhline(0.644, color="grey", linestyle=":", linewidth=1)
axes.text(1, 0.632, "SegRoot-8,5: 0.644 (its own split and training)", color="grey", fontsize=8)
axes.axhline(0.65, color="black", linestyle="--", linewidth=0.8)
axes.text(1, 0.655, "target: test F1 0.65 in 60 minutes", fontsize=8)
axes.set_xlabel("wall-clock minutes of training (2-core CPU)")
axes.set_ylabel("pooled F1 (lines: validation; stars: test)")
axes.set_xlim(0, longest + 2)
axes.set_ylim(0.15, 0.7)
axes.grid(alpha=0.3)
axes.legend(fontsize=8, loc="lower right")
axes.set_title("segroot, random 60/20/20 split (seed 1): F1 against training minutes", fontsize=10)
figure.tight_layout()
figure.savefig(out, metadata={"Date": None})
