#include "dayafter/model/facility.hpp"
#include "dayafter/model/facility_status.hpp"

#include <algorithm>

namespace dayafter::model {
namespace {

constexpr std::array<std::string_view, kFacilityTypeCount> kTypeNames = {
    "hospital",    "clinic",          "doctors",     "school",     "bakery",      "water_point",
    "water_works", "pumping_station", "water_tower", "substation", "power_plant", "generator"};

} // namespace

std::string_view to_string(FacilityType type) noexcept {
    return kTypeNames[static_cast<std::size_t>(type)];
}

std::optional<FacilityType> parse_facility_type(std::string_view text) noexcept {
    const auto* it = std::find(kTypeNames.begin(), kTypeNames.end(), text);
    if (it == kTypeNames.end()) {
        return std::nullopt;
    }
    return static_cast<FacilityType>(it - kTypeNames.begin());
}

} // namespace dayafter::model

namespace dayafter::model {

std::string_view herams_code(Functionality functionality) noexcept {
    switch (functionality) {
    case Functionality::Fully:
        return "A1";
    case Functionality::Partially:
        return "A2";
    case Functionality::Not:
        break;
    }
    return "A3";
}

} // namespace dayafter::model
