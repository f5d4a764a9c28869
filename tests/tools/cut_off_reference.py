#!/usr/bin/python3
"""People cut off from every source, computed with scipy on an exported graph.

    cut_off_reference.py DIR [--block-bridges ID,ID,...] [--unreachable-out FILE]

DIR holds what `dayafter export graph` writes (edges.csv `from,to,seconds`, sources.csv `id`,
bridges.csv `bridge_id,from,to`) and places.csv `node,population`, one row per place: the road
node the place is snapped to (-1: none usable) and its people. The arcs of the bridges named by
--block-bridges are taken out of the graph (one arc per bridges.csv row, as a multiset, so a
parallel arc that is not a bridge stays). Then, as ../shared/bench/anchors_py.py does, a
multi-source Dijkstra runs on the reversed graph (time from a node to its nearest source); a
place is cut off when its node is -1 or cannot reach any source. Shares no code with dayafter.

--unreachable-out writes the nodes that reach no source, one id a line, ascending.
Output (one JSON line): {"cut_off": people, "places_cut_off": n, "arcs": m, "arcs_removed": k,
         "nodes_unreachable": u}
Exit 3 when scipy is missing (the caller skips).
"""
import argparse
import csv
import json
import math
import sys
from collections import Counter

try:
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra
except ImportError:
    print("scipy is not installed", file=sys.stderr)
    sys.exit(3)


def rows(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return [r for r in reader if r]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--block-bridges", default="")
    ap.add_argument("--unreachable-out", default="")
    a = ap.parse_args()
    blocked_ids = {int(b) for b in a.block_bridges.split(",") if b}

    remove = Counter()
    for bridge_id, fr, to in rows(f"{a.dir}/bridges.csv"):
        if int(bridge_id) in blocked_ids:
            remove[(int(fr), int(to))] += 1

    fr_list, to_list, w_list = [], [], []
    removed = 0
    n = 0
    with open(f"{a.dir}/nodes.csv") as f:
        n = sum(1 for _ in f) - 1
    for fr, to, seconds in rows(f"{a.dir}/edges.csv"):
        key = (int(fr), int(to))
        if remove[key] > 0:
            remove[key] -= 1
            removed += 1
            continue
        fr_list.append(key[0])
        to_list.append(key[1])
        w_list.append(float(seconds))
    if sum(remove.values()) != 0:
        print("bridges.csv names arcs edges.csv does not have", file=sys.stderr)
        sys.exit(2)
    sources = np.array([int(r[0]) for r in rows(f"{a.dir}/sources.csv")], dtype=np.int64)

    # Reversed graph (to -> from), duplicates reduced to the smallest weight (coo->csr sums them).
    ru = np.array(to_list, dtype=np.int64)
    rv = np.array(fr_list, dtype=np.int64)
    w = np.array(w_list, dtype=np.float64)
    order = np.lexsort((w, rv, ru))
    ru, rv, w = ru[order], rv[order], w[order]
    first = np.ones(len(w), bool)
    first[1:] = (ru[1:] != ru[:-1]) | (rv[1:] != rv[:-1])
    graph = sp.csr_matrix((w[first], (ru[first], rv[first])), shape=(n, n))
    dist = dijkstra(graph, directed=True, indices=sources, min_only=True)

    if a.unreachable_out:
        with open(a.unreachable_out, "w") as f:
            f.writelines(f"{node}\n" for node in np.flatnonzero(np.isinf(dist)).tolist())
    people = 0.0
    places = 0
    for node, population in rows(f"{a.dir}/places.csv"):
        node = int(node)
        if node < 0 or math.isinf(dist[node]):
            people += float(population)
            places += 1
    print(json.dumps({"cut_off": people, "places_cut_off": places, "arcs": len(w_list) + removed,
                      "arcs_removed": removed,
                      "nodes_unreachable": int(np.isinf(dist).sum())}))


if __name__ == "__main__":
    main()
