// The town as the registry says it is: statuses, added facilities and hazards applied to a copy
// of the imported Town, which the access computation then uses unchanged.
//
// A facility with a status is functioning when its functionality is A1 or A2 and what it depends
// on works: power from a substation that is itself functioning or from a generator that works
// (either, for grid+generator), water from a works that is functioning. Facilities without a
// status keep counting as functioning (and reports say how many). Population points, when
// loaded, replace the building estimate.
//
//     const Situation now = situate(town, Registry::at(history, as_of), RubbleRule::defaults());
//     compute_access(now.town, ...);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "dayafter/model/population.hpp"
#include "dayafter/model/town.hpp"
#include "dayafter/registry/hazards.hpp"
#include "dayafter/registry/registry.hpp"

namespace dayafter::registry {

struct Situation {
    model::Town town;
    HazardEffects hazards;
    std::array<std::uint32_t, 2> edges_blocked{}; // per travel mode
    std::array<std::uint32_t, 2> edges_slowed{};
    std::uint32_t with_status = 0;
    std::uint32_t not_functioning = 0;
    std::uint32_t added = 0; // facilities added from files (not on the map)
};

[[nodiscard]] Situation situate(const model::Town& town, const Registry& registry,
                                const RubbleRule& rule);

/// The loaded population points (residents and displaced) as an estimate (source Loaded), or
/// nothing when none are loaded.
[[nodiscard]] std::optional<model::PopulationEstimate> loaded_population(const Registry& registry);

} // namespace dayafter::registry
