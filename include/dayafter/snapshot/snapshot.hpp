// The state of a project at a date, immutable and typed: the road network with the hazards'
// effects per travel mode, facilities with their decoded status (and whether each functions,
// given what it depends on), hazards, organisations, resources, funding, activities, admin
// areas, and the population places snapped per mode. Everything that computes (access, plan,
// report) works on a snapshot; changes that are not stored (what-ifs, a plan's repairs) are
// overlays on it (access/session.hpp), never edits.
//
// A facility with a status is functioning when its functionality is A1 or A2 and what it depends
// on works: power from a substation that is itself functioning or from a generator that works
// (either, for grid+generator), water from a works that is functioning. Facilities without a
// status keep counting as functioning (and reports say how many). Loaded population (points,
// and area counts spread over the areas' buildings: snapshot/population.hpp) replaces the
// building estimate. A facility whose road a hazard blocks is snapped to the
// next usable one.
//
// Cost: one read of the project and its registry, the hazards snapped to edges (an R-tree of
// edge boxes). Population, place snapping and the arcs per mode are built on first use, once.
//
//     const Snapshot now = Snapshot::open("town.dayafter", {.as_of = "2017-12-31"});
//     now.town().facilities[f].functioning;  now.reported().hazards;
//     now.place_snaps(graph::TravelMode::Walk);
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dayafter/graph/road_graph.hpp"
#include "dayafter/io/project_config.hpp"
#include "dayafter/model/population.hpp"
#include "dayafter/model/town.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/snapshot/decode.hpp"
#include "dayafter/snapshot/hazard_effects.hpp"

namespace dayafter::snapshot {

struct SnapshotOptions {
    std::optional<std::string> as_of;       // ISO date; nothing: the latest state
    std::filesystem::path config_file;      // a configuration over the project's, for this run
    std::optional<double> population_total; // scale the building estimate to this
    /// The registry kinds to read (empty: all). A use case that needs only statuses and hazards
    /// reads only those: on a project with 200,000 population points that is the difference
    /// between 0.8 s and 0.1 s. The kinds not read are empty (holds() says which were read).
    std::vector<registry::Kind> kinds;
};

/// Where a place meets the network in one travel mode.
struct PlaceSnap {
    NodeId node; // invalid when no road is usable in the mode
    double distance_m = 0;
};

/// One directed arc of the undamaged network and what the hazards make of it.
struct ModeArc {
    NodeId from;
    NodeId to;
    EdgeId edge;
    graph::Millis open_ms = 0; // without hazards
    graph::Millis now_ms = 0;  // with them; graph::kNotUsable when blocked
};

/// What the registry changes in the town, counted for reports.
struct SituationCounts {
    std::array<std::uint32_t, 2> edges_blocked{}; // per travel mode
    std::array<std::uint32_t, 2> edges_slowed{};
    std::uint32_t with_status = 0;
    std::uint32_t not_functioning = 0;
    std::uint32_t added = 0; // facilities added from files (not on the map)
};

class Snapshot {
public:
    /// Reads the project file and its registry at options.as_of. Throws InputError (missing or
    /// not a project, bad configuration) or StorageError.
    [[nodiscard]] static Snapshot open(const std::filesystem::path& project,
                                       const SnapshotOptions& options);
    /// From values already read: the imported town, the registry's state and the configuration.
    [[nodiscard]] static Snapshot build(const model::Town& imported, registry::Registry state,
                                        io::ProjectConfig config, std::optional<std::string> as_of,
                                        std::vector<registry::Kind> kinds = {});

    Snapshot(Snapshot&&) noexcept;
    Snapshot& operator=(Snapshot&&) noexcept;
    ~Snapshot();

    /// The town as it is: edge times with the hazards' effects, reported facilities added,
    /// facilities snapped on the damaged network, each with `functioning` and `down_because`.
    [[nodiscard]] const model::Town& town() const noexcept { return town_; }
    [[nodiscard]] const Reported& reported() const noexcept { return reported_; }
    /// The registry's state as stored (JSON versions), for exports.
    [[nodiscard]] const registry::Registry& registry() const noexcept { return registry_; }
    [[nodiscard]] const io::ProjectConfig& config() const noexcept { return config_; }
    [[nodiscard]] const std::optional<std::string>& as_of() const noexcept { return as_of_; }
    [[nodiscard]] const HazardEffects& hazard_effects() const noexcept { return effects_; }
    [[nodiscard]] const SituationCounts& counts() const noexcept { return counts_; }
    /// Whether the registry kind was read (SnapshotOptions::kinds).
    [[nodiscard]] bool holds(registry::Kind kind) const noexcept;
    /// The status reported for the facility, or nothing.
    [[nodiscard]] const model::FacilityStatus* status(FacilityId facility) const;

    /// Loaded population points and area counts (snapshot/population.hpp), else the building (or
    /// street) estimate of the configuration.
    /// Throws InputError when there is neither (no buildings, no residential streets). Requires
    /// the population kind to be held.
    [[nodiscard]] const model::PopulationEstimate& population() const;
    /// Per place of population(), its nearest usable road node in the mode.
    [[nodiscard]] std::span<const PlaceSnap> place_snaps(graph::TravelMode mode) const;
    /// Every arc usable in the mode without hazards, in graph::travel_arcs order of the imported
    /// network, with its time now.
    [[nodiscard]] std::span<const ModeArc> arcs(graph::TravelMode mode) const;

private:
    struct Cache;
    Snapshot();

    std::array<std::vector<graph::Millis>, 2> open_ms_; // per mode and edge, without hazards
    model::Town town_;
    registry::Registry registry_;
    Reported reported_;
    io::ProjectConfig config_;
    std::optional<std::string> as_of_;
    std::vector<registry::Kind> kinds_; // read; empty: all
    HazardEffects effects_;
    SituationCounts counts_;
    std::unique_ptr<Cache> cache_;
};

/// The nearest usable road node of each place in a mode, on the town's network.
[[nodiscard]] std::vector<PlaceSnap>
snap_places(const model::Town& town, std::span<const model::Place> places, graph::TravelMode mode);

} // namespace dayafter::snapshot
