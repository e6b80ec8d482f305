#!/usr/bin/python3
"""Collects one segroot-experiment run into summary.json: the settings, the test F1 (pooled and per photo), the
validation F1 of every epoch against cumulative wall-clock minutes (the F1-versus-minutes curve), and the
correlation of segmented with hand-traced skeleton length. Reads RUN/train/log.csv, RUN/train/best.json,
RUN/test/evaluation.json and RUN/test/correlation.json; writes --out atomically."""
import argparse
import csv
import json
import os

parser = argparse.ArgumentParser()
for flag in ("--run", "--recipe", "--train-args", "--out"):
    parser.add_argument(flag, required=True)
parser.add_argument("--minutes", type=float, required=True)
parser.add_argument("--seed", type=int, required=True)
args = parser.parse_args()

with open(os.path.join(args.run, "train", "log.csv")) as f:
    epochs = list(csv.DictReader(f))
with open(os.path.join(args.run, "train", "best.json")) as f:
    model = json.load(f)
with open(os.path.join(args.run, "test", "evaluation.json")) as f:
    evaluation = json.load(f)
with open(os.path.join(args.run, "test", "correlation.json")) as f:
    correlation = json.load(f)

curve, elapsed = [], 0.0
for row in epochs:
    elapsed += float(row["seconds"])
    curve.append({"epoch": int(row["epoch"]), "minutes": round(elapsed / 60, 3), "val_f1": float(row["val_f1"]),
                  "train_f1": float(row["train_f1"]), "lr": float(row["lr"])})

summary = {
    "schema": "rootseg.segroot-experiment/1",
    "recipe": args.recipe,
    "budget_minutes": args.minutes,
    "seed": args.seed,
    "train_args": args.train_args.strip(),
    "model": {k: model.get(k) for k in ("network", "baseWidth", "groups", "depth", "norm", "residual", "inputTile",
                                        "outputTile", "epoch", "threshold")},
    "threshold": model.get("threshold", 0.5),
    "trained_minutes": round(elapsed / 60, 3),
    "epochs": len(epochs),
    "best_epoch": model.get("epoch"),
    "test": {
        "pooled": evaluation["pooled"],
        "per_image_f1": {"mean": evaluation["per_image"]["f1"]["mean"], "sd": evaluation["per_image"]["f1"]["sd"]},
        "per_photo": [{"image": i["image"], "f1": i["metrics"]["f1"]} for i in evaluation["images"]],
    },
    "validation_curve": curve,
    "length_correlation": {"spearman": correlation["spearman"], "regression": correlation.get("regression")},
}
tmp = args.out + ".tmp"
with open(tmp, "w") as f:
    json.dump(summary, f, indent=1)
os.replace(tmp, args.out)
print(f"{args.out}: test F1 {evaluation['pooled']['f1']:.4f} after {elapsed / 60:.1f} min ({len(epochs)} epochs)")
