// Whether a GeoJSON polygon is a valid polygon (OGC simple features: no self-intersections, holes
// inside the outer ring, no spikes), judged with Boost.Geometry without this header pulling it in.
// Positions are plain degrees, not fixed-point Coord, so the check sees the file's own numbers.
//
//     const std::vector<geo::LonLatRing> rings = {{{7.0, 43.0}, {7.1, 43.1}, ...}};
//     if (const auto reason = geo::polygon_invalidity(rings)) { ... *reason ... }
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace dayafter::geo {

/// A position in degrees, in GeoJSON's order.
struct LonLat {
    double lon = 0;
    double lat = 0;
};
using LonLatRing = std::vector<LonLat>;

/// Why `rings` (the outer ring, then its holes; each closed, in any orientation) do not form a
/// valid polygon, as Boost.Geometry's first sentence ("Geometry has invalid self-intersections.");
/// nothing when they do.
[[nodiscard]] std::optional<std::string> polygon_invalidity(std::span<const LonLatRing> rings);

} // namespace dayafter::geo
