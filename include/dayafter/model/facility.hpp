// Essential-service facilities and the services they provide.
//
// A facility comes from an OSM node, way or relation (its code is n<id>, w<id> or r<id>), or later
// from a loaded file. Areas are placed at their centroid. Each facility is snapped to the nearest
// usable road node of each travel mode, and the snapping distance is kept.
//
// OSM tags read (first match wins, in this order):
//   hospital        amenity=hospital, healthcare=hospital
//   clinic          amenity=clinic, healthcare=clinic, healthcare=centre
//   doctors         amenity=doctors, healthcare=doctor
//   school          amenity=school
//   bakery          shop=bakery, craft=bakery
//   water_point     amenity=drinking_water|water_point, man_made=water_well|water_tap
//   water_works, pumping_station, water_tower   man_made=<same>
//   substation, power_plant, generator          power=substation|plant|generator
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dayafter/geo/coord.hpp"
#include "dayafter/util/ids.hpp"

namespace dayafter::model {

enum class FacilityType : std::uint8_t {
    Hospital,
    Clinic,
    Doctors,
    School,
    Bakery,
    WaterPoint,
    WaterWorks,
    PumpingStation,
    WaterTower,
    Substation,
    PowerPlant,
    Generator,
};
inline constexpr std::size_t kFacilityTypeCount = 12;

[[nodiscard]] std::string_view to_string(FacilityType type) noexcept;
[[nodiscard]] std::optional<FacilityType> parse_facility_type(std::string_view text) noexcept;

/// The facility type of an object with these OSM tags, or nothing. `get` returns the value of a
/// key or an empty view.
template <typename GetTag> [[nodiscard]] std::optional<FacilityType> facility_type_of(GetTag&& get);

struct Facility {
    std::string code; // n<id>, w<id> or r<id> for OSM objects
    FacilityType type = FacilityType::Clinic;
    std::string name; // empty when unnamed
    geo::Coord location;
    std::array<NodeId, 2> snap_node{};       // per TravelMode; invalid when no usable road exists
    std::array<double, 2> snap_distance_m{}; // per TravelMode
    /// From the registry (registry::situate): nothing while no status is known (the facility
    /// counts as functioning), false when reported not functioning or cut from power or water.
    std::optional<bool> functioning;
    std::string down_because; // why it is not functioning, for reports
    /// People it can serve, when reported (a field hospital's beds); none: the service's figure.
    std::optional<double> capacity_people;
};

// ---- implementation of the template ---------------------------------------------------------

template <typename GetTag> std::optional<FacilityType> facility_type_of(GetTag&& get) {
    const std::string_view amenity = get("amenity");
    const std::string_view healthcare = get("healthcare");
    if (amenity == "hospital" || healthcare == "hospital") {
        return FacilityType::Hospital;
    }
    if (amenity == "clinic" || healthcare == "clinic" || healthcare == "centre") {
        return FacilityType::Clinic;
    }
    if (amenity == "doctors" || healthcare == "doctor") {
        return FacilityType::Doctors;
    }
    if (amenity == "school") {
        return FacilityType::School;
    }
    if (get("shop") == "bakery" || get("craft") == "bakery") {
        return FacilityType::Bakery;
    }
    const std::string_view man_made = get("man_made");
    if (amenity == "drinking_water" || amenity == "water_point" || man_made == "water_well" ||
        man_made == "water_tap") {
        return FacilityType::WaterPoint;
    }
    if (man_made == "water_works") {
        return FacilityType::WaterWorks;
    }
    if (man_made == "pumping_station") {
        return FacilityType::PumpingStation;
    }
    if (man_made == "water_tower") {
        return FacilityType::WaterTower;
    }
    const std::string_view power = get("power");
    if (power == "substation") {
        return FacilityType::Substation;
    }
    if (power == "plant") {
        return FacilityType::PowerPlant;
    }
    if (power == "generator") {
        return FacilityType::Generator;
    }
    return std::nullopt;
}

} // namespace dayafter::model
