// Changes over a snapshot that are not stored: what a what-if supposes or a plan's repairs do.
// A snapshot is never edited; an Overlay says what differs from it. Access takes the road,
// facility and people changes through its incremental engines (access/session.hpp); the crews,
// machines and money a plan may use come from resources_after().
//
//     Overlay blown;
//     blown.block_edges = bridge_edges;                      // the bridge is down
//     blown.resources.push_back({"UNMAS", "demining_team", -2}); // two teams withdrawn
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "dayafter/model/actors.hpp"
#include "dayafter/model/population.hpp"
#include "dayafter/util/ids.hpp"

namespace dayafter::snapshot {

/// Crews or machines of one type an organisation gains (count > 0) or loses (count < 0).
struct ResourceChange {
    std::string org;
    std::string type;
    std::int64_t count = 0;
};

/// Edges apply in both travel modes.
struct Overlay {
    std::vector<EdgeId> block_edges;
    std::vector<EdgeId> reopen_edges;  // to their undamaged time: the hazard is cleared
    std::vector<EdgeId> restore_edges; // back to what the snapshot's hazards make of them
    std::vector<FacilityId> close_facilities;
    std::vector<FacilityId> open_facilities; // functioning again, whatever its status said
    /// People at a place (an index into the snapshot's population) from now on; moving people is
    /// lowering one place and raising another.
    std::vector<std::pair<std::uint32_t, double>> place_population;
    /// New places (a camp, arrivals at a point), after the snapshot's own: place indices go on
    /// from the population's size in the order added. Snapped like the snapshot's places.
    std::vector<model::Place> add_places;
    std::vector<ResourceChange> resources;
};

/// The resources with the changes applied: counts added per organisation and type (a new pair
/// becomes a new resource keyed "org/type"); a count never goes below 0 and a resource left at 0
/// stays listed (withdrawn, not unknown).
[[nodiscard]] std::vector<model::Resource> resources_after(std::span<const model::Resource> base,
                                                           std::span<const ResourceChange> changes);

} // namespace dayafter::snapshot
