#include "dayafter/geo/polygon_validity.hpp"

#include <cmath>

#include "dayafter/geo/geojson_shape.hpp"

namespace dayafter::geo {

std::optional<std::string> polygon_invalidity(std::span<const LonLatRing> rings) {
    Polygon shape;
    for (std::size_t r = 0; r < rings.size(); ++r) {
        auto& target =
            r == 0 ? shape.outer() : (shape.inners().emplace_back(), shape.inners().back());
        for (const LonLat& p : rings[r]) {
            // Degrees scaled by the latitude's cosine: planar enough to judge validity.
            target.emplace_back(p.lon * std::cos(p.lat * kDegToRad), p.lat);
        }
    }
    bg::correct(shape);
    std::string reason;
    if (bg::is_valid(shape, reason)) {
        return std::nullopt;
    }
    // Boost's details (after the first full stop) are in the scaled units above, which would
    // only confuse. Some reasons have no full stop, and the reason is never left empty.
    const std::size_t stop = reason.find('.');
    std::string first = stop == std::string::npos ? reason : reason.substr(0, stop + 1);
    return first.empty() ? std::string("Boost.Geometry finds it invalid") : first;
}

} // namespace dayafter::geo
