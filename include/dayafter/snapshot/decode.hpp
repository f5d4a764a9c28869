// The registry's state at a date decoded into typed values: the one place where the stored JSON
// versions (registry/registry.hpp) are read field by field. Everything after this (snapshot,
// access, plan, report) works on these types.
//
//     const Reported reported = decode(registry::Registry::at(history, as_of));
//     for (const auto& [code, status] : reported.facilities) { status.functionality; }
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dayafter/model/actors.hpp"
#include "dayafter/model/facility_status.hpp"
#include "dayafter/model/hazard.hpp"
#include "dayafter/registry/registry.hpp"

namespace dayafter::snapshot {

struct Reported {
    std::map<std::string, model::FacilityStatus> facilities; // by the facility's project code
    std::vector<model::Hazard> hazards;                      // by key
    std::vector<model::PopulationPoint> population;          // points, emptied ones included
    std::vector<model::AdminArea> areas;                     // by key
    std::vector<model::AreaCount> area_counts;               // by key, emptied ones included
    std::vector<model::Org> orgs;
    std::vector<model::Resource> resources;
    std::vector<model::Funding> funding;
    std::vector<model::Activity> activities;

    [[nodiscard]] const model::FacilityStatus* facility(const std::string& code) const;
};

/// Decodes every object of the state. The loader checked each field when it was stored, so a
/// field of an unexpected type here is a broken invariant, not bad input.
[[nodiscard]] Reported decode(const registry::Registry& state);

} // namespace dayafter::snapshot
