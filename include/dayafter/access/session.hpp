// Access on a snapshot under changes that are not stored: an AccessSession holds one
// NearestFacilityEngine per service (in its travel mode) and takes overlays through the engines'
// exact incremental updates, never by rebuilding them. The planner (a repair reopens roads and
// facilities) and the what-ifs (a bridge blown, a hospital closed, people moved) use exactly this.
//
// An overlay (snapshot/overlay.hpp) speaks of road edges (both directions at once), facilities
// of the snapshot's town and people per place; its resource changes are the planner's. An edge is
// open, slowed (by rubble: its slowed time) or blocked; reopening an edge that a hazard slows or
// blocks gives it its undamaged time (the hazard is cleared). Snapping does not move: places and
// facilities stay on the nodes the snapshot snapped them to. After any sequence of overlays the
// figures equal those of a session built cold with the same changes.
//
//     AccessSession session(snapshot, snapshot.config().services);
//     Overlay blown;
//     blown.block_edges = bridge_edges;
//     session.apply(blown);
//     const ServiceAccess health = session.result(0);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "dayafter/access/nearest_facility.hpp"
#include "dayafter/access/service_access.hpp"
#include "dayafter/snapshot/overlay.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::access {

using snapshot::Overlay;

class AccessSession {
public:
    /// One engine per service, in `mode` when given, else the service's own; computed cold with
    /// `initial` applied.
    AccessSession(const snapshot::Snapshot& snapshot, std::vector<model::Service> services,
                  std::optional<graph::TravelMode> mode = std::nullopt,
                  const Overlay& initial = {});
    AccessSession(AccessSession&&) noexcept;
    AccessSession& operator=(AccessSession&&) noexcept;
    ~AccessSession();

    /// Applies the changes incrementally to every engine. Throws InputError, changing nothing,
    /// when the overlay names an edge, facility or place the snapshot does not have, or a
    /// negative number of people.
    void apply(const Overlay& overlay);

    [[nodiscard]] std::size_t service_count() const noexcept { return services_.size(); }
    /// The figures of service s as things stand.
    [[nodiscard]] ServiceAccess result(std::size_t s) const;
    /// People within service s's threshold as things stand, kept up to date by apply() from the
    /// nodes whose time changed: O(1) here, where result() summarizes every node and place. The
    /// sum is exact in fixed point (2^-40 people per place), so a state gives the same value
    /// whatever overlays led to it; it equals result(s).within when the people per place are
    /// whole numbers, and differs from that (place-ordered, rounded) sum in the last bits when
    /// they are not. 0 for a service that could not be computed.
    [[nodiscard]] double within(std::size_t s) const;
    /// Engine of service s: per node, the time (or distance) to the nearest open facility.
    [[nodiscard]] const NearestFacilityEngine& engine(std::size_t s) const;
    [[nodiscard]] const std::vector<model::Place>& places() const noexcept { return places_; }

private:
    enum class EdgeState : std::uint8_t { Open, Slowed, Blocked };
    struct PerService;
    struct PerMode {
        std::vector<EdgeState> state;                        // per edge, usable without hazards
        std::vector<EdgeState> snapshot_state;               // per edge, as the snapshot has it
        std::vector<std::vector<std::uint32_t>> open_arcs;   // per edge: undamaged arcs
        std::vector<std::vector<std::uint32_t>> slowed_arcs; // per edge: its slowed arcs
    };

    void build_mode(graph::TravelMode mode);
    /// Blocks what the snapshot's hazards block (and the undamaged arcs of slowed edges) and
    /// closes the facilities that do not function, before the first search.
    void apply_snapshot_state();
    void check(const Overlay& overlay) const;
    void apply_edges(const Overlay& overlay);
    void apply_people(const Overlay& overlay);
    /// Recounts the people within every service from scratch (after a cold computation or a
    /// change of people).
    void count_within();
    static void set_facility(PerService& per, FacilityId facility, bool open);
    void set_edge(graph::TravelMode mode, EdgeId edge, EdgeState state,
                  std::vector<std::uint32_t>& block, std::vector<std::uint32_t>& unblock);

    const snapshot::Snapshot* snapshot_;
    std::vector<model::Service> services_;
    std::vector<model::Place> places_;
    std::array<std::vector<PlaceSnap>, 2> snaps_; // per mode in use, one per place
    std::array<std::optional<PerMode>, 2> modes_;
    std::vector<PerService> engines_;
    std::vector<std::uint32_t> changed_; // scratch: nodes an update touched
};

/// A facility snapped onto a piece of road cut off from the rest (a two-node island): it serves
/// at most the few places on the same piece, which a planner must be told.
struct IsolatedFacility {
    FacilityId facility;
    std::uint32_t component_nodes = 0; // road nodes reachable from its own, itself included
};

/// Nodes in a component of fewer than this are an island for `isolated_facilities`.
inline constexpr std::uint32_t kIslandNodes = 10;

/// The functioning, snapped facilities of `result` whose road node lies in a connected piece of
/// fewer than kIslandNodes nodes, and smaller than the largest, of the roads usable now in the
/// result's mode (hazards applied).
[[nodiscard]] std::vector<IsolatedFacility> isolated_facilities(const snapshot::Snapshot& snapshot,
                                                                const ServiceAccess& result);

} // namespace dayafter::access
