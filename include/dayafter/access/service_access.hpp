// Access to one service: for every place, the travel time (or network distance) to the nearest
// functioning facility of the service over the network as it is, the facility that serves it
// (its catchment), and whether that is within the service's threshold; per facility, the people
// in its catchment against its capacity.
//
// A place meets the network at the nearest road node usable in the travel mode; its time is that
// node's time plus the snapping distance on foot. Times run from the place to the facility.
// Facilities with `functioning == false` (registry::situate) are not sources; until statuses are
// loaded every mapped facility counts as functioning and the result says so (status_known).
//
//     const auto estimate = model::estimate_population(town, settings.population);
//     const auto snaps = snap_places(town, estimate.places, service.mode);
//     const ServiceAccess result = compute_access(town, estimate.places, snaps, service,
//                                                 service.mode);
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dayafter/access/nearest_facility.hpp"
#include "dayafter/model/population.hpp"
#include "dayafter/model/service.hpp"
#include "dayafter/model/town.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::access {

/// Walking speed for the stretch between a place and its road node: 5 km/h (OSRM foot profile
/// `walking_speed = 5`; Tobler's hiking function gives 5.04 km/h on the flat; REFERENCE-FIGURES).
inline constexpr double kSnapWalkKmh = 5.0;

/// Engine units per metre walked between a place and its road node at kSnapWalkKmh:
/// microseconds (Time) or millimetres (Distance). One definition, so that a raster cell at a
/// place's position gets exactly the place's amount.
[[nodiscard]] double snap_units_per_m(model::Measure measure) noexcept;

using snapshot::PlaceSnap;
using snapshot::snap_places;

/// The engine's arcs for a mode in the direction of travel, weighted in microseconds (Time) or
/// millimetres (Distance); arc i is graph::travel_arcs(...)[i].
[[nodiscard]] std::vector<Arc> engine_arcs(const graph::RoadNetwork& net, graph::TravelMode mode,
                                           model::Measure measure);

/// The facilities of a service, in project order (engine facility i is result[i]).
[[nodiscard]] std::vector<FacilityId> service_facilities(const model::Town& town,
                                                         const model::Service& service);

enum class Reach : std::uint8_t { Within, Beyond, CutOff };
[[nodiscard]] std::string_view to_string(Reach reach) noexcept;

struct PlaceAccess {
    /// Place to facility, in microseconds (Time) or millimetres (Distance); kUnreachable if cut
    /// off.
    std::uint64_t amount = kUnreachable;
    FacilityId facility; // the serving facility; invalid when cut off
    Reach reach = Reach::CutOff;
};

struct FacilityLoad {
    FacilityId facility;
    bool snapped = false;    // has a usable road in the mode, so it is in the search
    bool functioning = true; // false: known not to function, so not in the search
    double population = 0;   // people whose nearest facility this is (any distance)
    std::optional<double> capacity;
    double unserved = 0; // population beyond capacity
    [[nodiscard]] bool overloaded() const noexcept { return unserved > 0; }
};

/// Whether access could be computed at all: a service with no facility in the project, or none
/// on a road usable in the mode, is an answer, not an error.
enum class AccessStatus : std::uint8_t { Computed, NoFacility, NoneOnARoad };

struct ServiceAccess {
    AccessStatus status = AccessStatus::Computed;
    std::string problem; // why not computed, for people to read
    model::Service service;
    graph::TravelMode mode = graph::TravelMode::Walk;
    bool status_known = false;         // no statuses loaded yet: every mapped facility counts
    std::uint32_t not_functioning = 0; // facilities of the service known not to function
    std::vector<PlaceAccess> places;
    std::vector<FacilityLoad> facilities;  // those of the service, in project order
    std::vector<FacilityId> node_facility; // per road node, the facility that serves it
    double total = 0;
    double within = 0;
    double beyond = 0;
    double cut_off = 0;
    std::uint32_t overloaded = 0;
    double unserved = 0;         // people overloaded facilities cannot take
    std::uint32_t unsnapped = 0; // facilities with no usable road in the mode

    /// Place amounts in the units people read: seconds (Time) or metres (Distance).
    [[nodiscard]] double amount_in_units(std::uint64_t amount) const noexcept;
    /// Facilities that serve: on a road usable in the mode and not known to be down. This, not
    /// the mapped count, is what reports give as the service's facilities.
    [[nodiscard]] std::uint32_t serving() const noexcept;
};

/// A project with no facility of the service, or none on a road usable in the mode, gives a
/// result with that status and nothing computed. People who cannot reach any facility are counted
/// as cut off.
[[nodiscard]] ServiceAccess compute_access(const model::Town& town,
                                           std::span<const model::Place> places,
                                           std::span<const PlaceSnap> snaps,
                                           const model::Service& service, graph::TravelMode mode);

/// The service's facilities listed (snapped, functioning) with the status: Computed when some
/// facility is on a usable road; the figures are left to summarize().
[[nodiscard]] ServiceAccess prepare(const model::Town& town, const model::Service& service,
                                    graph::TravelMode mode);

/// The figures of a service from an engine whose facility i is facilities[i]: per place its
/// amount, facility and reach; per facility its catchment against capacity. `result` holds the
/// service, mode and facility list (snapped, functioning) already.
void summarize(const NearestFacilityEngine& engine, std::span<const FacilityId> facilities,
               std::span<const model::Place> places, std::span<const PlaceSnap> snaps,
               ServiceAccess& result);

/// Per road node, microseconds to the nearest facility of the service in the mode, by travel time
/// (kUnreachable when none can be reached): what `dayafter access --per-node` writes, on the graph
/// that `dayafter export graph` writes.
[[nodiscard]] std::vector<std::uint64_t>
node_times_us(const model::Town& town, const model::Service& service, graph::TravelMode mode);

} // namespace dayafter::access
