#!/usr/bin/python3
"""Collects one segroot-experiment run into summary.json: the settings, the training photos, the test F1 (pooled and
per photo), the validation F1 of every epoch against cumulative wall-clock minutes (the F1-versus-minutes curve), the
test F1 of the run as it stood at earlier minutes (RUN/at-Tmin, where scored), and the correlation of segmented with
hand-traced skeleton length. Reads RUN/train/log.csv, RUN/train/best.json, RUN/test/evaluation.json and
RUN/test/correlation.json; writes --out atomically.

With --best-epoch-by T it only prints the epoch with the best validation F1 among those finished within T minutes
(the model a run would have kept had it stopped then), or nothing when none had finished."""
import argparse
import csv
import json
import os
import sys

parser = argparse.ArgumentParser()
parser.add_argument("--run", required=True)
parser.add_argument("--best-epoch-by", type=float)
for flag in ("--recipe", "--train-args", "--out", "--split"):
    parser.add_argument(flag)
parser.add_argument("--minutes", type=float)
parser.add_argument("--seed", type=int)
args = parser.parse_args()

with open(os.path.join(args.run, "train", "log.csv")) as f:
    epochs = list(csv.DictReader(f))


def best_epoch_by(minutes):
    """The first epoch with the highest validation F1 among those finished within the minutes, as the trainer keeps it."""
    best, best_f1, elapsed = None, None, 0.0
    for row in epochs:
        elapsed += float(row["seconds"])
        f1 = float(row["val_f1"])
        if elapsed > minutes * 60:
            break
        if f1 == f1 and (best_f1 is None or f1 > best_f1):
            best, best_f1 = int(row["epoch"]), f1
    return best


if args.best_epoch_by is not None:
    epoch = best_epoch_by(args.best_epoch_by)
    print("" if epoch is None else epoch)
    sys.exit(0)
for flag in ("recipe", "train_args", "out", "split", "minutes", "seed"):
    if getattr(args, flag) is None:
        parser.error(f"--{flag.replace('_', '-')} is required")
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

at_minutes = {}
for entry in sorted(os.listdir(args.run)):
    if entry.startswith("at-") and entry.endswith("min") and os.path.exists(os.path.join(args.run, entry, "evaluation.json")):
        with open(os.path.join(args.run, entry, "evaluation.json")) as f:
            scored = json.load(f)
        with open(os.path.join(args.run, entry, "epoch")) as f:
            epoch = int(f.read())
        at_minutes[entry[3:-3]] = {"epoch": epoch, "val_f1": float(epochs[epoch - 1]["val_f1"]),
                                   "test_f1": scored["pooled"]["f1"],
                                   "test_per_image_f1_mean": scored["per_image"]["f1"]["mean"]}
with open(args.split) as f:
    train_photos = sorted(json.load(f)["train"])


def processor():
    """The processor's model name and the vector extensions that decide RootSeg's kernels and bf16."""
    model_name, flags = "unknown", set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip() == "model name" and model_name == "unknown":
                model_name = value.strip()
            elif key.strip() == "flags" and not flags:
                flags = set(value.split())
    extensions = [e for e in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if e in flags]
    return {"model": model_name, "cores": os.cpu_count(), "extensions": extensions,
            "bf16_native": "avx512_bf16" in flags or "amx_bf16" in flags}


summary = {
    "schema": "rootseg.segroot-experiment/1",
    "recipe": args.recipe,
    "budget_minutes": args.minutes,
    "seed": args.seed,
    "processor": processor(),
    "train_args": " ".join(args.train_args.split()),
    "train_photos": train_photos,
    "model": {k: model.get(k) for k in ("network", "baseWidth", "groups", "depth", "norm", "residual", "inputTile",
                                        "outputTile", "epoch", "threshold", "encoderWeights")},
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
    "test_at_minutes": at_minutes,
    "length_correlation": {"spearman": correlation["spearman"], "regression": correlation.get("regression")},
}
tmp = args.out + ".tmp"
with open(tmp, "w") as f:
    json.dump(summary, f, indent=1)
os.replace(tmp, args.out)
print(f"{args.out}: test F1 {evaluation['pooled']['f1']:.4f} after {elapsed / 60:.1f} min ({len(epochs)} epochs)")
