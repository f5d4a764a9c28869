#include "dayafter/model/facility.hpp"

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
