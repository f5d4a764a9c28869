// The registry's facilities re-matched to a new map (`dayafter import osm --update`).
//
// A facility's key is the OSM object it was matched to (n123, w45), or the partner's code of one
// added from a file. When the map is imported again, a key can vanish: the mapper drew the
// hospital as a building instead of a point, or a field hospital added from a file is now mapped.
// Each such facility is matched to the new map by code (its key is still there), then by OSM id
// (the partner's own code is an OSM id on the new map), then by position (the nearest facility of
// the same type within `within_m`, closest pairs first, each new facility taken once). A facility
// of the new map that already has a history of its own is never taken.
//
// The registry is append-only, so a re-match is a load like any other: every version of the old
// key is copied to the new key (same dates, so the state at any date moves with it), and the old
// key gets one version naming its successor (registry::kReplacedBy), which retires it. What
// matches nothing stays as it was and is listed.
//
//     const Rematch rematch = rematch_facilities(old_town, new_town, history, 50);
//     store::append_load(file, load, rematch.records, rematch.current);
#pragma once

#include <string>
#include <vector>

#include "dayafter/model/town.hpp"
#include "dayafter/store/registry_store.hpp"

namespace dayafter::registry {

struct FacilityMove {
    std::string from; // the key that no longer matches
    std::string to;   // the new map's facility
    std::string how;  // "OSM id", "position (12 m)"
};

struct Rematch {
    std::vector<FacilityMove> moved;
    /// Facilities of the old map that match nothing on the new one: their records stay, and
    /// report on no facility until a later update or load matches them.
    std::vector<std::string> lost;
    std::vector<store::Record> records; // the versions that move them, in order, for one load
    store::CurrentUpdate current;       // the cache rows those versions change
};

[[nodiscard]] Rematch rematch_facilities(const model::Town& old_map, const model::Town& new_map,
                                         const store::History& history, double within_m);

} // namespace dayafter::registry
