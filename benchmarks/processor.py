#!/usr/bin/python3
"""Records the processor every benchmark figure came from: benchmarks/run calls it after a benchmark, and it adds a
"processor" object (model, family and model numbers, vector extensions, and the limit the run was held to) to each
result file that the benchmark wrote, so that no figure is read without its processor.

With a limit (ROOTSEG_MAX_CPU_ISA=avx2) the file is kept as NAME.avx2.json instead, and the NAME.json of the
unlimited processor is put back as it was. Prints the stamped object of the last file on standard output (the
benchmark's closing JSON line, now with its processor).

Only the benchmark's own files count (NAME.json and NAME-*.json, written since SINCE_FILE), so that a result file
written by other work at the same time is left alone.

usage: processor.py NAME RESULTS_DIR SINCE_FILE SNAPSHOT_DIR LIMIT
"""
import json
import os
import sys

EXTENSIONS = [("AVX2", {"avx2", "fma"}), ("AVX-512F", {"avx512f", "avx512bw", "avx512vl", "avx512dq"}),
              ("AVX-512 BF16", {"avx512_bf16"}), ("AMX", {"amx_bf16", "amx_tile"})]


def processor(limit):
    fields = {}
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            key = key.strip()
            if key and key not in fields:
                fields[key] = value.strip()
            if not line.strip() and fields:
                break
    flags = set(fields.get("flags", "").split())
    present = [name for name, needs in EXTENSIONS if needs <= flags]
    used = [name for name in present if name == "AVX2"] if limit else present
    return {
        "model": fields.get("model name", "unknown"),
        "vendor": fields.get("vendor_id", "unknown"),
        "family": int(fields.get("cpu family", "0") or 0),
        "model_number": int(fields.get("model", "0") or 0),
        "extensions": present,
        "limit": limit or "none",
        "extensions_used": used,
        "bf16_native": "AVX-512 BF16" in used or "AMX" in used,
        "onednn_max_cpu_isa": os.environ.get("ONEDNN_MAX_CPU_ISA", "none"),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", "auto"),
    }


def main():
    benchmark, results, since, snapshot, limit = sys.argv[1:]
    start = os.path.getmtime(since)
    stamp = processor(limit)
    last = None
    for name in sorted(os.listdir(results)):
        path = os.path.join(results, name)
        own = name == f"{benchmark}.json" or (name.startswith(f"{benchmark}-") and name.endswith(".json"))
        if not own or os.path.getmtime(path) <= start or (limit and name.endswith(f".{limit}.json")):
            continue
        with open(path) as f:
            result = json.load(f)
        if not isinstance(result, dict):
            continue
        result["processor"] = stamp
        target = path
        if limit:
            target = os.path.join(results, name[:-len(".json")] + f".{limit}.json")
            saved = os.path.join(snapshot, name)
            if os.path.exists(saved):
                os.replace(saved, path)
            else:
                os.remove(path)
        tmp = target + ".tmp"
        with open(tmp, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
        os.replace(tmp, target)
        print(f"benchmarks: {os.path.relpath(target)}: {stamp['model']} ({', '.join(stamp['extensions'])}), "
              f"limit {stamp['limit']}", file=sys.stderr)
        last = result
    if last is not None:
        print(json.dumps(last))


if __name__ == "__main__":
    main()
