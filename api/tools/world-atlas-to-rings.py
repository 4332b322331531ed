#!/usr/bin/env python3
"""Turns world-atlas's countries TopoJSON into the dashboard's map file (run once; see
api/src/main/resources/dev/ripeness/api/web/world-50m-PROVENANCE.md).

Usage: world-atlas-to-rings.py countries-50m.json > world-50m.json

Output: {"source": ..., "countries": [{"id", "name", "rings": [[lon, lat, lon, lat, ...], ...]}]}
with coordinates rounded to 0.01 degree (about 1 km, finer than a 1:50m map shows) and
repeated points dropped, so the page needs no TopoJSON decoder.
"""
import json
import sys


def main(path):
    topo = json.load(open(path, encoding="utf-8"))
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)

    def ring(indexes):
        out = []
        for i in indexes:
            points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            for p in (points if not out else points[1:]):
                if not out or out[-1] != p:
                    out.append(p)
        return [c for p in out for c in p]

    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        rings = [ring(r) for polygon in polygons for r in polygon]
        rings = [r for r in rings if len(r) >= 6]
        if rings:
            countries.append({"id": g.get("id"), "name": g.get("properties", {}).get("name"), "rings": rings})
    json.dump({"source": "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2 countries-50m.json",
               "countries": countries}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
