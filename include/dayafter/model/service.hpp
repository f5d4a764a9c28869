// Services people need, as data: which facility types provide each, how people travel to it, the
// threshold that counts as access, and how many people one facility can serve.
//
// Every default names its source next to it (../shared/REFERENCE-FIGURES.md). Where no norm could
// be verified, the default is marked ASSUMPTION and the source says so; a project overrides any of
// them with a configuration file (see io/project_config.hpp and docs/cli/access.md).
//
//     const std::vector<Service> services = default_services();
//     const Service* water = find_service(services, "water"); // 500 m on foot, Sphere
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dayafter/graph/road_class.hpp"
#include "dayafter/model/facility.hpp"

namespace dayafter::model {

/// What a threshold counts: travel time (seconds) or network distance (metres).
enum class Measure : std::uint8_t { Time, Distance };
[[nodiscard]] std::string_view to_string(Measure measure) noexcept;

struct Service {
    std::string name;
    std::vector<FacilityType> types;
    graph::TravelMode mode = graph::TravelMode::Walk;
    Measure measure = Measure::Time;
    double threshold = 0; // seconds (Time) or metres (Distance)
    std::string threshold_source;
    std::optional<double> capacity_people; // people one facility serves; none: unknown
    std::string capacity_source;

    [[nodiscard]] bool provides(FacilityType type) const noexcept;
};

/// health, hospital, bread, water, education, with their sourced defaults.
[[nodiscard]] std::vector<Service> default_services();
[[nodiscard]] const Service* find_service(std::span<const Service> services,
                                          std::string_view name) noexcept;
/// "health, hospital, ..." for error messages.
[[nodiscard]] std::string service_names(std::span<const Service> services);

/// The threshold as people read it: "60 min" or "500 m".
[[nodiscard]] std::string format_threshold(const Service& service);

} // namespace dayafter::model
