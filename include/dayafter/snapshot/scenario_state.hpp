// A scenario written into the registry's state, as records partners could have reported: the
// complete, cold form of a what-if, from which Snapshot::build makes the state a plan is made on.
// Access under a scenario is the overlay (snapshot/scenario_overlay.hpp), computed incrementally;
// a plan needs more than access: a bridge blown in a what-if must become repair tasks, a crew
// withdrawn must leave the pools, a donor's cut must leave the pots. So:
// - a destroyed bridge is a bridge hazard on its OSM way; a road blocked by way is rubble
//   (destroyed, blocking) on exactly that way's edges; a road blocked by polygon an insecure
//   area (no work there until a date is configured);
// - a facility destroyed, damaged or closed reports functionality A3 (and its building condition),
//   a utility down likewise, so what depends on it goes down by the snapshot's rule; a reopened
//   one reports A1; an added one is a reported facility at its point;
// - people: every place becomes a population point with the people the overlay leaves there,
//   camps and arrivals included;
// - crews and machines, money: the resource and funding records changed; an entry point closed
//   moves the start of what arrives through it by the delay, or sets its count to 0 when lost.
// Roads reopened by a scenario are not written (no report says a hazard is gone): the plan's
// state keeps them as the registry has them, and `notes` says so.
//
//     const ScenarioState state = scenario_state(snapshot, scenario, overlay, "2018-01-01");
//     Snapshot::build(imported, state.registry, snapshot.config(), snapshot.as_of());
#pragma once

#include <string>
#include <vector>

#include "dayafter/model/scenario.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::snapshot {

struct ScenarioState {
    registry::Registry registry;
    std::vector<std::string> notes; // what the state could not take, for people
};

/// `overlay`: scenario_overlay(base, scenario), which checked every name. `start`: the plan's day
/// 0 (an ISO date), from which an entry point's delay counts.
[[nodiscard]] ScenarioState scenario_state(const Snapshot& base, const model::Scenario& scenario,
                                           const ScenarioOverlay& overlay,
                                           const std::string& start);

} // namespace dayafter::snapshot
