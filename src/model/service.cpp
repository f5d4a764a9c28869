#include "dayafter/model/service.hpp"

#include <algorithm>
#include <cmath>

namespace dayafter::model {

std::string_view to_string(Measure measure) noexcept {
    return measure == Measure::Time ? "time" : "distance";
}

bool Service::provides(FacilityType type) const noexcept {
    return std::find(types.begin(), types.end(), type) != types.end();
}

std::vector<Service> default_services() {
    using graph::TravelMode;
    using FT = FacilityType;
    std::vector<Service> services;
    // WHO "Health for All" indicator: local primary health care within one hour's walk or travel.
    // World Bank, World Development Indicators 1997, Table 2.12, citing WHO 1995 (quoted;
    // REFERENCE-FIGURES A2). Capacity: the Sphere 2018 figure of one primary health unit per
    // 10,000 people is UNVERIFIED, so no default capacity is set.
    services.push_back({.name = "health",
                        .types = {FT::Hospital, FT::Clinic, FT::Doctors},
                        .mode = TravelMode::Walk,
                        .measure = Measure::Time,
                        .threshold = 3600,
                        .threshold_source = "WHO Health for All indicator: primary health care "
                                            "within 1 hour's walk (WDI 1997 Table 2.12)",
                        .capacity_people = std::nullopt,
                        .capacity_source = "unknown: Sphere 2018 '1 primary health unit per "
                                           "10,000 people' is UNVERIFIED"});
    // No verified hospital travel norm: ASSUMPTION, the same one-hour WHO figure applied by road.
    services.push_back({.name = "hospital",
                        .types = {FT::Hospital},
                        .mode = TravelMode::Drive,
                        .measure = Measure::Time,
                        .threshold = 3600,
                        .threshold_source = "ASSUMPTION: no verified hospital norm; the WHO 1-hour "
                                            "primary-care figure applied by road",
                        .capacity_people = std::nullopt,
                        .capacity_source = "unknown: Sphere 2018 '1 district hospital per "
                                           "250,000 people' is UNVERIFIED"});
    // No verified norm for bread (REFERENCE-FIGURES A3): ASSUMPTION, 30 minutes on foot.
    services.push_back({.name = "bread",
                        .types = {FT::Bakery},
                        .mode = TravelMode::Walk,
                        .measure = Measure::Time,
                        .threshold = 1800,
                        .threshold_source = "ASSUMPTION: no verified norm (REFERENCE-FIGURES A3); "
                                            "30 min on foot",
                        .capacity_people = std::nullopt,
                        .capacity_source = "unknown: no verified figure"});
    // Sphere key indicator: no household more than 500 m from the nearest water point (quoted,
    // earlier edition; Sphere Handbook 2018, WASH chapter, Water supply standard 2.1). Capacity:
    // at most 250 people per tap (IndiKit citing Sphere; paraphrased, REFERENCE-FIGURES A1).
    services.push_back({.name = "water",
                        .types = {FT::WaterPoint},
                        .mode = TravelMode::Walk,
                        .measure = Measure::Distance,
                        .threshold = 500,
                        .threshold_source = "Sphere Handbook 2018, WASH, Water supply standard "
                                            "2.1: a water point within 500 m",
                        .capacity_people = 250,
                        .capacity_source = "Sphere via IndiKit: at most 250 people per tap"});
    // INEE defers to national standards (REFERENCE-FIGURES, Unverified): ASSUMPTION, 30 minutes.
    services.push_back({.name = "education",
                        .types = {FT::School},
                        .mode = TravelMode::Walk,
                        .measure = Measure::Time,
                        .threshold = 1800,
                        .threshold_source = "ASSUMPTION: INEE defers to national standards; "
                                            "30 min on foot",
                        .capacity_people = std::nullopt,
                        .capacity_source = "unknown: no verified figure"});
    return services;
}

const Service* find_service(std::span<const Service> services, std::string_view name) noexcept {
    const auto it = std::find_if(services.begin(), services.end(),
                                 [&](const Service& s) { return s.name == name; });
    return it == services.end() ? nullptr : &*it;
}

std::string service_names(std::span<const Service> services) {
    std::string names;
    for (const Service& service : services) {
        names += names.empty() ? "" : ", ";
        names += service.name;
    }
    return names;
}

std::string format_threshold(const Service& service) {
    const long value = std::lround(service.measure == Measure::Time ? service.threshold / 60.0
                                                                    : service.threshold);
    return std::to_string(value) + (service.measure == Measure::Time ? " min" : " m");
}

} // namespace dayafter::model
