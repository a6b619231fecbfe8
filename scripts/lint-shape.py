"""Function lengths (universal-ctags JSON on stdin) and include directions between areas.

Called by scripts/lint with the repository's C++ sources as arguments. Prints one line per
fault and exits 1 if there is any.
"""
import json
import re
import sys

MAX_LINES = 80
MAX_LINES_SYNTH = 120


def long_functions(tags):
    faults = []
    for line in tags:
        tag = json.loads(line)
        if tag.get("kind") != "function" or "end" not in tag:
            continue
        length = tag["end"] - tag["line"] + 1
        limit = MAX_LINES_SYNTH if "/synth/" in tag["path"] else MAX_LINES
        if length > limit:
            name = tag.get("scope", "") + "::" + tag["name"] if tag.get("scope") else tag["name"]
            faults.append(f"{tag['path']}:{tag['line']}: {name} is {length} lines (limit {limit})")
    return faults


def area_dependencies(cmake_path="src/CMakeLists.txt"):
    """Area -> the areas it may use, read from the heatstreet_area() calls."""
    text = open(cmake_path).read()
    direct = {}
    for call in re.finditer(r"heatstreet_area\((\w+)(.*?)\)\n", text, re.S):
        name, body = call.group(1), call.group(2)
        area = name.removesuffix("_pure")
        deps = direct.setdefault(area, set())
        if "DEPENDS" in body:
            for dep in re.findall(r"heatstreet_(\w+)", body.split("DEPENDS", 1)[1]):
                if dep.removesuffix("_pure") != area:
                    deps.add(dep.removesuffix("_pure"))
    closed = {}

    def close(area, seen=()):
        if area in closed:
            return closed[area]
        if area in seen:
            raise SystemExit(f"lint: areas: circle through {area} in {cmake_path}")
        out = set(direct.get(area, ()))
        for dep in direct.get(area, ()):
            out |= close(dep, seen + (area,))
        closed[area] = out
        return out

    for area in direct:
        close(area)
    return closed


def area_of(path):
    m = re.match(r"(?:src|include/heatstreet|tests/(?:unit|mpi))/(\w+)/", path)
    return m.group(1) if m else None


def wrong_includes(paths, allowed):
    faults = []
    for path in paths:
        area = area_of(path)
        if area is None or area == "app" and path.startswith("src/app/main"):
            continue
        if area not in allowed:
            faults.append(f"{path}: area '{area}' is not declared in src/CMakeLists.txt")
            continue
        may = allowed.get(area, set()) | {area}
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            m = re.match(r'#include "heatstreet/(\w+)/', line)
            if m and m.group(1) not in may:
                faults.append(f"{path}:{n}: area '{area}' includes '{m.group(1)}', "
                              f"which it does not declare (src/CMakeLists.txt)")
    return faults


def main():
    faults = long_functions(sys.stdin)
    faults += wrong_includes(sys.argv[1:], area_dependencies())
    for f in faults:
        print("lint: " + f, file=sys.stderr)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
