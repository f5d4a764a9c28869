// Access to every service of the configuration on a snapshot, for the outputs that show it (the
// GeoPackage, the report): the services computed, and why each other one was left out.
#pragma once

#include <optional>
#include <vector>

#include "dayafter/access/session.hpp"
#include "dayafter/report/json.hpp"

namespace dayafter::app {

inline std::vector<access::ServiceAccess> computed_access(const snapshot::Snapshot& snapshot,
                                                          std::optional<graph::TravelMode> mode,
                                                          std::vector<report::Skipped>& skipped) {
    std::vector<access::ServiceAccess> results;
    const access::AccessSession session(snapshot, snapshot.config().services, mode);
    for (std::size_t s = 0; s < session.service_count(); ++s) {
        access::ServiceAccess result = session.result(s);
        if (result.status == access::AccessStatus::Computed) {
            results.push_back(std::move(result));
        } else {
            skipped.push_back({result.service.name, result.problem});
        }
    }
    return results;
}

} // namespace dayafter::app
