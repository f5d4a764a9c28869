// Footprint areas, centroids and line crossings, computed with Boost.Geometry in a local
// metric projection (see LocalProjection).
//
//     const Footprint f = footprint({{outer_ring, {hole}}});
//     f.area_m2; f.centroid;
//     if (lines_cross(bridge_line, river_line)) { ... }
#pragma once

#include <span>
#include <vector>

#include "dayafter/geo/coord.hpp"

namespace dayafter::geo {

using Ring = std::vector<Coord>;

/// One polygon: an outer ring and the holes inside it. Rings may be open or closed.
struct PolygonRings {
    Ring outer;
    std::vector<Ring> inners;
};

struct Footprint {
    double area_m2 = 0;
    Coord centroid;
};

/// Area (outer rings minus holes) and area-weighted centroid of a multipolygon. For a degenerate
/// shape of zero area the centroid is the mean of the outer vertices.
[[nodiscard]] Footprint footprint(std::span<const PolygonRings> polygons);

/// OGC Well-Known Binary (little-endian) of a MultiPolygon in lon/lat; rings are closed on the
/// way out if they are open. Readable by GDAL, GEOS and SQLite/SpatiaLite tools.
[[nodiscard]] std::vector<unsigned char> multipolygon_wkb(std::span<const PolygonRings> polygons);

/// True when the two polylines touch or cross (planar test on lon/lat, fine at city scale).
[[nodiscard]] bool lines_cross(std::span<const Coord> a, std::span<const Coord> b);

} // namespace dayafter::geo
