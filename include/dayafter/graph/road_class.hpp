// Road classes (OSM highway=* values), travel modes and the speed table that turns a road
// segment's length into a travel time per mode.
//
// A class is usable in a mode when its speed there is above zero. Defaults and their sources:
// - drive: OSRM car profile, `speeds.highway` (Project-OSRM/osrm-backend profiles/car.lua,
//   unchanged v5.22.0 to v26.8.0); `road` uses that profile's `default_speed` of 10 km/h; tracks
//   and paths are not drivable, as in that profile.
// - walk: 5 km/h on every walkable class (OSRM profiles/foot.lua `walking_speed = 5`; Tobler's
//   hiking function gives 5.04 km/h on the flat). Motorways are not walkable.
// (Both quoted in ../shared/REFERENCE-FIGURES.md, B5.) A project can override any entry.
//
//     SpeedTable speeds = SpeedTable::defaults();
//     speeds.set(TravelMode::Drive, RoadClass::Track, 15.0);
//     if (speeds.usable(TravelMode::Walk, RoadClass::Steps)) { ... }
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dayafter::graph {

enum class TravelMode : std::uint8_t { Walk, Drive };
inline constexpr std::array<TravelMode, 2> kTravelModes = {TravelMode::Walk, TravelMode::Drive};

[[nodiscard]] std::string_view to_string(TravelMode mode) noexcept;
[[nodiscard]] std::optional<TravelMode> parse_travel_mode(std::string_view text) noexcept;

enum class RoadClass : std::uint8_t {
    Motorway,
    MotorwayLink,
    Trunk,
    TrunkLink,
    Primary,
    PrimaryLink,
    Secondary,
    SecondaryLink,
    Tertiary,
    TertiaryLink,
    Unclassified,
    Residential,
    LivingStreet,
    Service,
    Road,
    Track,
    Pedestrian,
    Footway,
    Path,
    Steps,
    Cycleway,
    Bridleway,
};
inline constexpr std::size_t kRoadClassCount = 22;

/// The OSM highway=* value of a class ("primary_link").
[[nodiscard]] std::string_view to_string(RoadClass road_class) noexcept;
/// The class of an OSM highway=* value, or nothing for values that are not roads people use
/// (proposed, construction, platform, raceway, bus_stop, ...).
[[nodiscard]] std::optional<RoadClass> parse_road_class(std::string_view highway) noexcept;

class SpeedTable {
public:
    /// The sourced defaults described at the top of this file.
    [[nodiscard]] static SpeedTable defaults() noexcept;

    [[nodiscard]] double speed_kmh(TravelMode mode, RoadClass road_class) const noexcept {
        return kmh_[static_cast<std::size_t>(mode)][static_cast<std::size_t>(road_class)];
    }
    [[nodiscard]] bool usable(TravelMode mode, RoadClass road_class) const noexcept {
        return speed_kmh(mode, road_class) > 0;
    }
    /// Sets a speed; 0 makes the class unusable in that mode.
    void set(TravelMode mode, RoadClass road_class, double kmh) noexcept {
        kmh_[static_cast<std::size_t>(mode)][static_cast<std::size_t>(road_class)] = kmh;
    }
    friend bool operator==(const SpeedTable&, const SpeedTable&) = default;

private:
    std::array<std::array<double, kRoadClassCount>, 2> kmh_{};
};

/// Travel times are whole milliseconds: exact integer sums, deterministic ties, and room for
/// 49 days in 32 bits.
using Millis = std::uint32_t;
/// A segment not usable in a mode.
inline constexpr Millis kNotUsable = 0xFFFF'FFFFU;

/// Milliseconds to cover length_m at kmh, rounded to the nearest millisecond and at least 1 so
/// every arc has a positive cost. kNotUsable when kmh <= 0.
[[nodiscard]] Millis travel_time_ms(double length_m, double kmh) noexcept;

} // namespace dayafter::graph
