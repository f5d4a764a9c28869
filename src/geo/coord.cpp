#include "dayafter/geo/coord.hpp"

#include <algorithm>

namespace dayafter::geo {

double distance_m(Coord a, Coord b) noexcept {
    const double lat1 = a.lat() * kDegToRad;
    const double lat2 = b.lat() * kDegToRad;
    const double dlat = lat2 - lat1;
    const double dlon = (b.lon() - a.lon()) * kDegToRad;
    const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(s)));
}

void BoundingBox::extend(Coord c) noexcept {
    min_lon = std::min(min_lon, c.lon());
    max_lon = std::max(max_lon, c.lon());
    min_lat = std::min(min_lat, c.lat());
    max_lat = std::max(max_lat, c.lat());
}

std::uint64_t hilbert_index(Coord c) noexcept {
    // Map both axes onto [0, 2^16) and walk the curve quadrant by quadrant (the classic xy2d).
    constexpr std::uint32_t kSide = 1U << 16;
    auto x = static_cast<std::uint32_t>((static_cast<std::int64_t>(c.lon_e7) + 1'800'000'000LL) *
                                        kSide / 3'600'000'001LL);
    auto y = static_cast<std::uint32_t>((static_cast<std::int64_t>(c.lat_e7) + 900'000'000LL) *
                                        kSide / 1'800'000'001LL);
    std::uint64_t d = 0;
    for (std::uint32_t s = kSide / 2; s > 0; s /= 2) {
        const std::uint32_t rx = (x & s) > 0 ? 1 : 0;
        const std::uint32_t ry = (y & s) > 0 ? 1 : 0;
        d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = kSide - 1 - x;
                y = kSide - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}

} // namespace dayafter::geo
