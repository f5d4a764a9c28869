// Fixed-point geographic coordinates and distances on the sphere.
//
// Bulk storage keeps longitude and latitude as int32 degrees x 10^7 (the precision OSM itself
// stores); code converts to double only at the edges and in geometry. Distances are great-circle
// distances on a sphere of the mean Earth radius, in metres:
//
//     const Coord a = Coord::from_degrees(7.4246, 43.7384);
//     const double d = distance_m(a, b);
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace dayafter::geo {

inline constexpr double kCoordScale = 1e7;
/// Mean Earth radius (IUGG), metres.
inline constexpr double kEarthRadiusM = 6371008.8;
inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kDegToRad = kPi / 180.0;

struct Coord {
    std::int32_t lon_e7 = 0;
    std::int32_t lat_e7 = 0;

    /// Whether (lon, lat) are finite degrees on the globe: what readers check before from_degrees.
    [[nodiscard]] static bool valid_degrees(double lon, double lat) noexcept {
        return std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 180 &&
               std::abs(lat) <= 90;
    }
    /// Rounds to 1e-7 degree. Degrees off the globe are clamped onto it (NaN becomes 0) so the
    /// conversion is always defined; readers refuse such input first (valid_degrees).
    [[nodiscard]] static Coord from_degrees(double lon, double lat) noexcept {
        return {to_fixed(lon, 180), to_fixed(lat, 90)};
    }
    [[nodiscard]] double lon() const noexcept { return lon_e7 / kCoordScale; }
    [[nodiscard]] double lat() const noexcept { return lat_e7 / kCoordScale; }
    friend constexpr bool operator==(Coord, Coord) = default;

private:
    [[nodiscard]] static std::int32_t to_fixed(double degrees, double limit) noexcept {
        const double clamped = std::isnan(degrees) ? 0.0 : std::clamp(degrees, -limit, limit);
        return static_cast<std::int32_t>(std::lround(clamped * kCoordScale));
    }
};

/// Great-circle (haversine) distance in metres.
[[nodiscard]] double distance_m(Coord a, Coord b) noexcept;

/// Axis-aligned box in degrees; empty until extended.
struct BoundingBox {
    double min_lon = 180, min_lat = 90, max_lon = -180, max_lat = -90;
    void extend(Coord c) noexcept;
    [[nodiscard]] bool empty() const noexcept { return min_lon > max_lon; }
};

/// A local equirectangular projection to metres around a reference latitude: accurate to well
/// under 1% within a city (tens of km), which is all snapping and footprint areas need.
class LocalProjection {
public:
    explicit LocalProjection(double ref_lat_deg) noexcept
        : x_scale_(kEarthRadiusM * kDegToRad * std::cos(ref_lat_deg * kDegToRad)),
          y_scale_(kEarthRadiusM * kDegToRad) {}
    [[nodiscard]] double x(Coord c) const noexcept { return c.lon() * x_scale_; }
    [[nodiscard]] double y(Coord c) const noexcept { return c.lat() * y_scale_; }
    [[nodiscard]] Coord unproject(double x, double y) const noexcept {
        return Coord::from_degrees(x / x_scale_, y / y_scale_);
    }

private:
    double x_scale_;
    double y_scale_;
};

/// Position of a coordinate along a Hilbert curve over the whole globe (order 16 per axis).
/// Sorting nodes by it puts neighbours near each other in memory, which makes graph searches
/// touch fewer cache lines.
[[nodiscard]] std::uint64_t hilbert_index(Coord c) noexcept;

} // namespace dayafter::geo
