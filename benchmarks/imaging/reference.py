#!/usr/bin/python3
"""The scikit-image / scipy side of benchmarks/imaging (run by ./run with Debian's /usr/bin/python3).

    reference.py prepare PHOTO MASK DIR      dump the photo's grey channel (float32, skimage rgb2gray) and its mask
                                             (uint8 0/1, grey >= 128) as raw row-major files; print WIDTH HEIGHT
    reference.py time DIR REPEATS            time the four operations (one untimed run, then the fastest of
                                             REPEATS, with its CPU time); print one JSON line of seconds
    reference.py compare DIR                 compare RootSeg's outputs (written by the C# side) with scikit-image's
    reference.py report TIMES.jsonl AGREEMENT.json PHOTO   print the final JSON line from the rounds' timings
"""
import json
import os
import sys
import time

import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
from skimage import color, filters, io, morphology

SIGMAS = [1, 2, 3]
MIN_SIZE = 64


def load(directory):
    with open(os.path.join(directory, 'shape.json')) as f:
        h, w = json.load(f)
    grey = np.fromfile(os.path.join(directory, 'grey.f32'), dtype=np.float32).reshape(h, w)
    mask = np.fromfile(os.path.join(directory, 'mask.u8'), dtype=np.uint8).reshape(h, w).astype(bool)
    return grey, mask


def operations(grey, mask):
    # scikit-image gets the grey values as float64: the type rgb2gray returns and the one it computes in for
    # integer images; RootSeg reads the same values as float32 and computes in float64 too.
    grey64 = grey.astype(np.float64)
    return {
        'frangi_s': lambda: filters.frangi(grey64, sigmas=SIGMAS),
        'skeleton_s': lambda: morphology.skeletonize(mask),
        'components_s': lambda: morphology.remove_small_objects(mask, MIN_SIZE),
        'edt_s': lambda: ndi.distance_transform_edt(mask),
    }


def prepare(photo, annotation, directory):
    rgb = io.imread(photo)
    grey = color.rgb2gray(rgb[..., :3]).astype(np.float32)
    mask_image = io.imread(annotation)
    if mask_image.ndim == 3:
        mask_image = (color.rgb2gray(mask_image[..., :3]) * 255).round()
    mask = (mask_image >= 128).astype(np.uint8)
    if grey.shape != mask.shape:
        sys.exit(f'{annotation}: mask is {mask.shape}, photo {photo} is {grey.shape}')
    grey.tofile(os.path.join(directory, 'grey.f32'))
    mask.tofile(os.path.join(directory, 'mask.u8'))
    with open(os.path.join(directory, 'shape.json'), 'w') as f:
        json.dump(list(grey.shape), f)
    print(grey.shape[1], grey.shape[0])


def timing(directory, repeats):
    grey, mask = load(directory)
    result = {}
    for name, operation in operations(grey, mask).items():
        operation()
        best, best_cpu = float('inf'), float('inf')
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            operation()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if elapsed < best:
                best, best_cpu = elapsed, cpu
        result[name] = best
        result[name.replace('_s', '_cpu_s')] = best_cpu
    print(json.dumps(result))


def compare(directory):
    grey, mask = load(directory)
    h, w = grey.shape
    ops = operations(grey, mask)

    def ours(name, dtype):
        return np.fromfile(os.path.join(directory, name), dtype=dtype).reshape(h, w)

    frangi_ref = ops['frangi_s']()
    frangi_rs = ours('frangi.rs.f32', np.float32).astype(np.float64)
    skeleton_ref = ops['skeleton_s']()
    components_ref = ops['components_s']()
    edt_ref = ops['edt_s']()
    agreement = {
        'frangi_max_abs_diff_over_max': float(np.abs(frangi_rs - frangi_ref).max() / frangi_ref.max()),
        'skeleton_pixels': int(skeleton_ref.sum()),
        'skeleton_differing_pixels': int((ours('skeleton.rs.u8', np.uint8).astype(bool) != skeleton_ref).sum()),
        'components_differing_pixels': int((ours('components.rs.u8', np.uint8).astype(bool) != components_ref).sum()),
        'edt_max_abs_diff': float(np.abs(ours('edt.rs.f64', np.float64) - edt_ref).max()),
    }
    print(json.dumps(agreement))


def report(times_path, agreement_path, photo):
    with open(times_path) as f:
        rounds = [json.loads(line) for line in f if line.strip()]
    with open(agreement_path) as f:
        agreement = json.load(f)
    result = {'benchmark': 'imaging', 'photo': os.path.basename(photo), 'rounds': len(rounds) // 2,
              'versions': {'skimage': skimage.__version__, 'scipy': scipy.__version__, 'numpy': np.__version__},
              'cpus': os.cpu_count(), 'load_average_1min': round(os.getloadavg()[0], 2)}
    for key, short in [('frangi_s', 'frangi'), ('skeleton_s', 'skeleton'), ('components_s', 'components'),
                       ('edt_s', 'edt')]:
        reference = float(np.median([r[key] for r in rounds if r['side'] == 'skimage']))
        rootseg = float(np.median([r[key] for r in rounds if r['side'] == 'rootseg']))
        result[f'{short}_skimage_s'] = round(reference, 5)
        result[f'{short}_rootseg_s'] = round(rootseg, 5)
        result[f'{short}_ratio'] = round(rootseg / reference, 4)
        for side in ('skimage', 'rootseg'):
            cpu = float(np.median([r[key.replace('_s', '_cpu_s')] for r in rounds if r['side'] == side]))
            result[f'{short}_{side}_cpu_s'] = round(cpu, 5)
    result['agreement'] = agreement
    print(json.dumps(result))


if __name__ == '__main__':
    command = sys.argv[1] if len(sys.argv) > 1 else ''
    if command == 'prepare' and len(sys.argv) == 5:
        prepare(*sys.argv[2:5])
    elif command == 'time' and len(sys.argv) == 4:
        timing(sys.argv[2], int(sys.argv[3]))
    elif command == 'compare' and len(sys.argv) == 3:
        compare(sys.argv[2])
    elif command == 'report' and len(sys.argv) == 5:
        report(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
