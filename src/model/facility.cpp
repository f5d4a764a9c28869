#include "dayafter/model/facility.hpp"

#include <algorithm>

namespace dayafter::model {
namespace {

constexpr std::array<std::string_view, kFacilityTypeCount> kTypeNames = {
    "hospital",    "clinic",          "doctors",     "school",     "bakery",      "water_point",
    "water_works", "pumping_station", "water_tower", "substation", "power_plant", "generator"};

constexpr std::array<FacilityType, 3> kHealth = {FacilityType::Hospital, FacilityType::Clinic,
                                                 FacilityType::Doctors};
constexpr std::array<FacilityType, 1> kHospital = {FacilityType::Hospital};
constexpr std::array<FacilityType, 1> kBread = {FacilityType::Bakery};
constexpr std::array<FacilityType, 1> kWater = {FacilityType::WaterPoint};
constexpr std::array<FacilityType, 1> kEducation = {FacilityType::School};

constexpr std::array<ServiceTypes, 5> kServices = {{
    {"health", kHealth},
    {"hospital", kHospital},
    {"bread", kBread},
    {"water", kWater},
    {"education", kEducation},
}};

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

std::span<const ServiceTypes> default_services() noexcept {
    return kServices;
}

const ServiceTypes* find_service(std::string_view name) noexcept {
    const auto* it = std::find_if(kServices.begin(), kServices.end(),
                                  [&](const ServiceTypes& s) { return s.name == name; });
    return it == kServices.end() ? nullptr : it;
}

} // namespace dayafter::model
