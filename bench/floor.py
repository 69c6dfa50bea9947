"""The floor for `validate`: PyYAML's C loader plus a compiled validator, on all cores.

    python bench/floor.py bench/corpus

Prints the wall time of parsing and validating every file, measured inside this process after
the validator is compiled (so the floor is as low as it can honestly be).
"""

from __future__ import annotations

import json
import os
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import fastjsonschema
import yaml

from journeymap.schema import schema

_validate = fastjsonschema.compile(schema())


def _check(path: str) -> bool:
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    try:
        _validate(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def main() -> None:
    files = sorted(str(p) for p in Path(sys.argv[1]).glob("*.yaml"))
    cores = len(os.sched_getaffinity(0))
    start = time.perf_counter()
    with get_context("fork").Pool(cores) as pool:
        valid = sum(pool.map(_check, files, chunksize=max(1, len(files) // (cores * 4))))
    elapsed = time.perf_counter() - start
    print(json.dumps({"files": len(files), "valid": valid, "cores": cores, "seconds": elapsed}))


if __name__ == "__main__":
    main()
