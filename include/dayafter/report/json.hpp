// The reports as JSON, the one mapping that `--json` prints and a server will return.
//
//     fmt::print("{}\n", status_json(snapshot, status, areas).dump(2));
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/access/service_access.hpp"
#include "dayafter/model/town_summary.hpp"
#include "dayafter/report/history.hpp"
#include "dayafter/report/registry_reports.hpp"

namespace dayafter::report {

/// A service that could not be computed, and why.
struct Skipped {
    std::string service;
    std::string reason;
};

/// `dayafter info --json`: the town's summary with its source and licence.
[[nodiscard]] nlohmann::json info_json(const model::Town& town, const model::TownSummary& summary);
[[nodiscard]] nlohmann::json status_json(const snapshot::Snapshot& snapshot,
                                         const StatusReport& status,
                                         const std::optional<AreaReport>& areas);
[[nodiscard]] nlohmann::json owners_json(const OwnersReport& owners);
[[nodiscard]] nlohmann::json history_json(std::span<const HistoryRow> rows);
[[nodiscard]] nlohmann::json access_json(const snapshot::Snapshot& snapshot,
                                         std::span<const access::ServiceAccess> results,
                                         std::span<const Skipped> skipped);

} // namespace dayafter::report
