// A scenario's changes as an overlay on a snapshot: roads by OSM way or polygon, a bridge or
// every bridge over a named waterway, facilities closed or reopened (destroyed and damaged ones
// close), a utility down with every facility that depends on it, arrivals as new places, crews
// and machines. Everything a change names is checked against the snapshot and refused with the
// change's origin: "bridges.json: changes[3].way: no road with OSM way 123". People moved from an
// admin area leave every place inside it in proportion, for camps (new places) or out of the
// project. Closing a facility (or a utility down) closes what depends on it, by the snapshot's
// rule. Organisations, donors and entry points are checked too; what they change acts on plans
// only (snapshot/scenario_state.hpp).
//
//     const ScenarioOverlay s = scenario_overlay(snapshot, io::read_scenario("bridges.json"));
//     session.apply(s.overlay);
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "dayafter/model/scenario.hpp"
#include "dayafter/snapshot/overlay.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::snapshot {

struct ScenarioOverlay {
    Overlay overlay;
    /// Facilities the scenario adds: an engine's sources are fixed, so access under such a
    /// scenario is computed cold on its state (snapshot/scenario_state.hpp).
    std::vector<model::FacilityAdded> added_facilities;
    /// Origins of the changes that act only on a plan (crews, machines, money, entry points).
    std::vector<std::string> plan_only;
};

/// The OSM ways of the bridges a change names: its own way, or every bridge over its waterway.
[[nodiscard]] std::set<std::int64_t> bridge_ways(const model::Town& town,
                                                 const model::BridgeChange& change);

/// The overlay that takes a session from `applied` (on the snapshot) back to the snapshot's
/// state: edges restored, facilities as the snapshot has them, added places emptied (they keep
/// their index, with nobody there). `places_before`: the session's places before `applied`.
[[nodiscard]] Overlay undo(const Snapshot& snapshot, const Overlay& applied,
                           std::size_t places_before);

/// A snapshot's road edges by OSM way, built once (one sort of every edge) for the many
/// scenario_overlay calls on that snapshot: a road or bridge named by its way is then a lookup,
/// not a scan of every edge (on the 1M-node synthetic city, 20 roads blocked by way took 24 ms
/// to find by scanning against about 0.2 ms to apply and take back; docs/benchmarks.md).
class WayIndex {
public:
    explicit WayIndex(const Snapshot& snapshot);
    /// The edges of the way, ascending; empty when the town has none.
    [[nodiscard]] std::span<const EdgeId> edges(std::int64_t way) const;

private:
    std::vector<std::int64_t> ways_; // sorted; entry i is edge edges_[i]
    std::vector<EdgeId> edges_;
};

/// Throws InputError naming the change for a road, bridge, waterway or facility the snapshot
/// does not have. `index`, when given, must be built on the same snapshot; the overlay is the
/// same with or without it.
[[nodiscard]] ScenarioOverlay scenario_overlay(const Snapshot& snapshot,
                                               const model::Scenario& scenario,
                                               const WayIndex* index = nullptr);

} // namespace dayafter::snapshot
