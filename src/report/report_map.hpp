// The report's map (report_page.hpp): roads with their state per mode ("mined" where a
// contaminated area blocks them), facilities with their causes and gaps, hazards of every
// geometry in one collection, places with their access, and the bounds the map opens on. Also
// the small helpers both halves of the report's data use.
#pragma once

#include <cmath>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "dayafter/access/service_access.hpp"
#include "dayafter/report/registry_reports.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::report {

/// The contract's `map` (docs/report-data.md).
[[nodiscard]] nlohmann::json report_map(const snapshot::Snapshot& snapshot,
                                        const StatusReport& status,
                                        std::span<const model::Place> places,
                                        std::span<const access::ServiceAccess> results);

/// Rounded to 1/scale.
inline double rounded(double value, double scale) {
    return std::round(value * scale) / scale;
}

/// A JSON string's text; "" for anything else (null).
inline std::string text_of(const nlohmann::json& value) {
    return value.is_string() ? value.get<std::string>() : std::string();
}

} // namespace dayafter::report
