#!/usr/bin/python3
"""Independent reference counts for `dayafter import osm`, computed from osmium-tool's OPL output.

    osm_reference_counts.py FILE.osm.pbf        # prints one JSON object

A second implementation of the import's counting rules, sharing no code with the C++ importer:
- road ways: highway=<a road class> (see ROAD_CLASSES), not area=yes, at least 2 nodes, every
  node present in the file;
- edges: each road way is cut at its ends and at every node used twice or more by road ways;
- bridges: road ways with bridge=* other than "no";
- facilities: nodes, ways and multipolygon relations with the facility tags of DESIGN.md;
- buildings: closed ways (>= 4 refs) with building=* other than "no" and a non-zero area, plus
  multipolygon relations with building=* whose member ways are all present and form closed rings;
- waterways: waterway=river|canal|stream ways with every node present.
"""
import json
import math
import subprocess
import sys
from collections import Counter

ROAD_CLASSES = {
    "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link", "secondary",
    "secondary_link", "tertiary", "tertiary_link", "unclassified", "residential", "living_street",
    "service", "road", "track", "pedestrian", "footway", "path", "steps", "cycleway", "bridleway",
}


def unescape(text):
    """OPL escapes special characters as %hex%."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "%":
            j = text.index("%", i + 1)
            out.append(chr(int(text[i + 1:j], 16)))
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def parse_tags(field):
    tags = {}
    if field:
        for pair in field.split(","):
            key, _, value = pair.partition("=")
            tags[unescape(key)] = unescape(value)
    return tags


def facility_type(t):
    a, h, mm, p = t.get("amenity"), t.get("healthcare"), t.get("man_made"), t.get("power")
    if a == "hospital" or h == "hospital":
        return "hospital"
    if a == "clinic" or h in ("clinic", "centre"):
        return "clinic"
    if a == "doctors" or h == "doctor":
        return "doctors"
    if a == "school":
        return "school"
    if t.get("shop") == "bakery" or t.get("craft") == "bakery":
        return "bakery"
    if a in ("drinking_water", "water_point") or mm in ("water_well", "water_tap"):
        return "water_point"
    if mm in ("water_works", "pumping_station", "water_tower"):
        return mm
    return {"substation": "substation", "plant": "power_plant", "generator": "generator"}.get(p)


def read_opl(path):
    text = subprocess.run(["osmium", "cat", "-f", "opl,add_metadata=false", path],
                          check=True, capture_output=True, text=True).stdout
    nodes, ways, relations = {}, [], []
    for line in text.splitlines():
        fields = line.split(" ")
        kind, oid = fields[0][0], int(fields[0][1:])
        attrs = {f[0]: f[1:] for f in fields[1:] if f}
        tags = parse_tags(attrs.get("T", ""))
        if kind == "n":
            if attrs.get("x"):
                nodes[oid] = (float(attrs["x"]), float(attrs["y"]), tags)
        elif kind == "w":
            refs = [int(r[1:]) for r in attrs.get("N", "").split(",") if r]
            ways.append((oid, tags, refs))
        elif kind == "r":
            members = []
            for m in attrs.get("M", "").split(","):
                if m:
                    ref, _, role = m.partition("@")
                    members.append((ref[0], int(ref[1:]), role))
            relations.append((oid, tags, members))
    return nodes, ways, relations


def ring_area(nodes, refs):
    lat0 = math.radians(nodes[refs[0]][1])
    pts = [(nodes[r][0] * math.cos(lat0), nodes[r][1]) for r in refs]
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))) / 2


def main():
    nodes, ways, relations = read_opl(sys.argv[1])
    way_by_id = {w[0]: w for w in ways}
    present = lambda refs: all(r in nodes for r in refs)

    roads = []
    for oid, tags, refs in ways:
        dedup = [r for k, r in enumerate(refs) if k == 0 or r != refs[k - 1]]
        if tags.get("highway") in ROAD_CLASSES and tags.get("area") != "yes" and len(refs) >= 2:
            roads.append((oid, tags, dedup))
    missing = sum(1 for r in roads if not present(r[2]))
    roads = [r for r in roads if present(r[2]) and len(r[2]) >= 2]
    uses = Counter(n for _, _, refs in roads for n in refs)
    edges = 0
    junctions = set()
    for _, _, refs in roads:
        for k, n in enumerate(refs):
            if k == 0 or k == len(refs) - 1 or uses[n] >= 2:
                junctions.add(n)
                edges += k > 0
    bridges = sum(1 for _, t, _ in roads if t.get("bridge", "no") != "no")

    facilities = Counter()
    for _, _, tags in nodes.values():
        if (ft := facility_type(tags)):
            facilities[ft] += 1
    for _, tags, refs in ways:
        if (ft := facility_type(tags)) and any(r in nodes for r in refs):
            facilities[ft] += 1
    buildings = 0
    for _, tags, refs in ways:
        if tags.get("building", "no") != "no" and len(refs) >= 4 and refs[0] == refs[-1] \
                and present(refs) and ring_area(nodes, refs[:-1]) > 0:
            buildings += 1
    for _, tags, members in relations:
        if tags.get("type") != "multipolygon":
            continue
        member_ways = [way_by_id.get(ref) for kind, ref, _ in members if kind == "w"]
        complete = all(w is not None and present(w[2]) for w in member_ways) and member_ways
        if (ft := facility_type(tags)):
            if any(w is not None and any(r in nodes for r in w[2]) for w in member_ways):
                facilities[ft] += 1
        if tags.get("building", "no") != "no" and complete:
            ends = Counter()
            for w in member_ways:
                ends[w[2][0]] += 1
                ends[w[2][-1]] += 1
            buildings += all(c % 2 == 0 for c in ends.values())
    waterways = sum(1 for _, t, refs in ways
                    if t.get("waterway") in ("river", "canal", "stream") and present(refs)
                    and len(refs) >= 2)
    print(json.dumps({
        "road_ways": len(roads) + missing, "road_ways_missing_nodes": missing,
        "nodes": len(junctions), "edges": edges, "bridges": bridges,
        "facilities_by_type": dict(sorted(facilities.items())), "buildings": buildings,
        "waterways": waterways,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
