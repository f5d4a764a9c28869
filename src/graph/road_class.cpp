#include "dayafter/graph/road_class.hpp"

#include <algorithm>
#include <cmath>

namespace dayafter::graph {
namespace {

struct ClassInfo {
    RoadClass road_class;
    std::string_view name;
    double drive_kmh;
    double walk_kmh;
};

// Drive: OSRM car.lua speeds.highway; walk: OSRM foot.lua walking_speed (see the header).
constexpr double kWalk = 5.0;
constexpr std::array<ClassInfo, kRoadClassCount> kClasses = {{
    {RoadClass::Motorway, "motorway", 90, 0},
    {RoadClass::MotorwayLink, "motorway_link", 45, 0},
    {RoadClass::Trunk, "trunk", 85, kWalk},
    {RoadClass::TrunkLink, "trunk_link", 40, kWalk},
    {RoadClass::Primary, "primary", 65, kWalk},
    {RoadClass::PrimaryLink, "primary_link", 30, kWalk},
    {RoadClass::Secondary, "secondary", 55, kWalk},
    {RoadClass::SecondaryLink, "secondary_link", 25, kWalk},
    {RoadClass::Tertiary, "tertiary", 40, kWalk},
    {RoadClass::TertiaryLink, "tertiary_link", 20, kWalk},
    {RoadClass::Unclassified, "unclassified", 25, kWalk},
    {RoadClass::Residential, "residential", 25, kWalk},
    {RoadClass::LivingStreet, "living_street", 10, kWalk},
    {RoadClass::Service, "service", 15, kWalk},
    {RoadClass::Road, "road", 10, kWalk}, // OSRM car.lua default_speed
    {RoadClass::Track, "track", 0, kWalk},
    {RoadClass::Pedestrian, "pedestrian", 0, kWalk},
    {RoadClass::Footway, "footway", 0, kWalk},
    {RoadClass::Path, "path", 0, kWalk},
    {RoadClass::Steps, "steps", 0, kWalk},
    {RoadClass::Cycleway, "cycleway", 0, kWalk},
    {RoadClass::Bridleway, "bridleway", 0, kWalk},
}};

} // namespace

std::string_view to_string(TravelMode mode) noexcept {
    return mode == TravelMode::Walk ? "walk" : "drive";
}

std::optional<TravelMode> parse_travel_mode(std::string_view text) noexcept {
    if (text == "walk") {
        return TravelMode::Walk;
    }
    if (text == "drive") {
        return TravelMode::Drive;
    }
    return std::nullopt;
}

std::string_view to_string(RoadClass road_class) noexcept {
    return kClasses[static_cast<std::size_t>(road_class)].name;
}

std::optional<RoadClass> parse_road_class(std::string_view highway) noexcept {
    const auto* it = std::find_if(kClasses.begin(), kClasses.end(),
                                  [&](const ClassInfo& info) { return info.name == highway; });
    if (it == kClasses.end()) {
        return std::nullopt;
    }
    return it->road_class;
}

SpeedTable SpeedTable::defaults() noexcept {
    SpeedTable table;
    for (const ClassInfo& info : kClasses) {
        table.set(TravelMode::Drive, info.road_class, info.drive_kmh);
        table.set(TravelMode::Walk, info.road_class, info.walk_kmh);
    }
    return table;
}

Millis travel_time_ms(double length_m, double kmh) noexcept {
    if (!(kmh > 0)) {
        return kNotUsable;
    }
    const double ms = std::round(length_m / (kmh / 3.6) * 1000.0);
    return static_cast<Millis>(std::clamp(ms, 1.0, static_cast<double>(kNotUsable - 1)));
}

} // namespace dayafter::graph
