#include "dayafter/snapshot/snapshot.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "dayafter/snapshot/population.hpp"
#include "dayafter/store/project_store.hpp"
#include "dayafter/store/registry_store.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::snapshot {
namespace {

constexpr auto kWalk = static_cast<std::size_t>(graph::TravelMode::Walk);
constexpr auto kDrive = static_cast<std::size_t>(graph::TravelMode::Drive);

void apply_effects(const HazardEffects& effects, const model::RubbleRule& rule,
                   graph::RoadNetwork& net, SituationCounts& counts) {
    for (const EdgeEffect& effect : effects.edges) {
        const EdgeId e = effect.edge;
        for (const std::size_t mode : {kWalk, kDrive}) {
            graph::Millis& ms = mode == kWalk ? net.edge_walk_ms[e] : net.edge_drive_ms[e];
            if (ms == graph::kNotUsable || effect.by_mode[mode] == model::Effect::None) {
                continue;
            }
            if (effect.by_mode[mode] == model::Effect::Block) {
                ms = graph::kNotUsable;
                ++counts.edges_blocked[mode];
                continue;
            }
            const double slowed =
                mode == kWalk ? ms / rule.walk_slow_factor
                              : std::max<double>(ms, net.edge_length_m[e] /
                                                         (rule.drive_slow_kmh / 3.6) * 1000.0);
            ms = static_cast<graph::Millis>(std::min(std::round(slowed), graph::kNotUsable - 1.0));
            ++counts.edges_slowed[mode];
        }
    }
}

/// Facilities reported but not on the map join the town.
std::uint32_t add_reported_facilities(const Reported& reported, model::Town& town) {
    std::uint32_t added = 0;
    for (const auto& [key, status] : reported.facilities) {
        if (!status.added || !status.location || !status.type) {
            continue;
        }
        model::Facility f;
        f.code = key;
        f.type = *status.type;
        f.name = status.name;
        f.location = *status.location;
        town.facilities.push_back(std::move(f));
        ++added;
    }
    return added;
}

/// Why a facility with a status does not function, or nothing when it does.
std::string down_because(const model::FacilityStatus& s, const Reported& reported) {
    if (s.functionality == model::Functionality::Not) {
        return "reported not functioning (A3)";
    }
    auto works = [&](const std::string& code) {
        const model::FacilityStatus* other = reported.facility(code);
        return other == nullptr || other->functionality != model::Functionality::Not;
    };
    const bool grid_ok = s.power_substation.empty() || works(s.power_substation);
    const bool generator_ok = s.generator.empty() || s.generator == "working";
    if (s.power_source == "grid" && !grid_ok) {
        return fmt::format("no power: substation {} not functioning", s.power_substation);
    }
    if (s.power_source == "generator" && !generator_ok) {
        return fmt::format("no power: generator {}", s.generator);
    }
    if (s.power_source == "grid+generator" && !grid_ok && !generator_ok) {
        return fmt::format("no power: substation {} down and generator {}", s.power_substation,
                           s.generator);
    }
    if (s.water_source == "network" && !s.water_facility.empty() && !works(s.water_facility)) {
        return fmt::format("no water: {} not functioning", s.water_facility);
    }
    return {};
}

} // namespace

struct Snapshot::Cache {
    std::once_flag population_once;
    std::optional<model::PopulationEstimate> population;
    std::string population_error; // the InputError it raised, raised again on each use
    std::array<std::once_flag, 2> snaps_once;
    std::array<std::vector<PlaceSnap>, 2> snaps;
    std::array<std::once_flag, 2> arcs_once;
    std::array<std::vector<ModeArc>, 2> arcs;
};

Snapshot::Snapshot() : cache_(std::make_unique<Cache>()) {}
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

Snapshot Snapshot::open(const std::filesystem::path& project, const SnapshotOptions& options) {
    const model::Town imported = store::read_project(project);
    registry::Registry state = registry::Registry::read(project, options.as_of, options.kinds);
    io::ProjectConfig config =
        io::run_config(imported.config_json, project.string(), options.config_file);
    if (options.population_total) {
        config.population.total = options.population_total;
    }
    return build(imported, std::move(state), std::move(config), options.as_of, options.kinds);
}

Snapshot Snapshot::build(const model::Town& imported, registry::Registry state,
                         io::ProjectConfig config, std::optional<std::string> as_of,
                         std::vector<registry::Kind> kinds) {
    Snapshot s;
    s.kinds_ = std::move(kinds);
    s.registry_ = std::move(state);
    s.reported_ = decode(s.registry_);
    s.config_ = std::move(config);
    s.as_of_ = std::move(as_of);
    s.town_ = imported;
    s.open_ms_ = {imported.roads.edge_walk_ms.raw(), imported.roads.edge_drive_ms.raw()};
    s.effects_ = snapshot::hazard_effects(imported, s.reported_.hazards, s.config_.rubble);
    apply_effects(s.effects_, s.config_.rubble, s.town_.roads, s.counts_);
    s.counts_.added = add_reported_facilities(s.reported_, s.town_);
    // Snap again on the damaged network: a facility whose road is blocked moves to the next.
    model::snap_facilities(s.town_);
    for (model::Facility& facility : s.town_.facilities) {
        const model::FacilityStatus* status = s.reported_.facility(facility.code);
        if (status == nullptr) {
            continue;
        }
        ++s.counts_.with_status;
        facility.down_because = down_because(*status, s.reported_);
        facility.functioning = facility.down_because.empty();
        facility.capacity_people = status->capacity_people;
        s.counts_.not_functioning += facility.down_because.empty() ? 0 : 1;
    }
    return s;
}

const model::FacilityStatus* Snapshot::status(FacilityId facility) const {
    return reported_.facility(town_.facilities[facility].code);
}

bool Snapshot::holds(registry::Kind kind) const noexcept {
    return kinds_.empty() || std::find(kinds_.begin(), kinds_.end(), kind) != kinds_.end();
}

const model::PopulationEstimate& Snapshot::population() const {
    DAYAFTER_ASSERT(holds(registry::Kind::Population),
                    "a snapshot read without population has no population");
    std::call_once(cache_->population_once, [this] {
        try {
            cache_->population = loaded_population(town_, reported_, config_.population);
            if (!cache_->population) {
                cache_->population = model::estimate_population(town_, config_.population);
            }
        } catch (const InputError& e) {
            cache_->population_error = e.what();
        }
    });
    if (!cache_->population) {
        throw InputError(cache_->population_error);
    }
    return *cache_->population;
}

std::span<const PlaceSnap> Snapshot::place_snaps(graph::TravelMode mode) const {
    const auto m = static_cast<std::size_t>(mode);
    const model::PopulationEstimate& places = population();
    std::call_once(cache_->snaps_once[m],
                   [&] { cache_->snaps[m] = snap_places(town_, places.places, mode); });
    return cache_->snaps[m];
}

std::span<const ModeArc> Snapshot::arcs(graph::TravelMode mode) const {
    const auto m = static_cast<std::size_t>(mode);
    std::call_once(cache_->arcs_once[m], [&] {
        // The arcs of the undamaged network: an overlay may reopen what a hazard blocks.
        std::vector<ModeArc>& out = cache_->arcs[m];
        for (const graph::TravelArc& arc : graph::travel_arcs(town_.roads, mode, open_ms_[m])) {
            out.push_back(
                {arc.from, arc.to, arc.edge, arc.time_ms, town_.roads.time_ms(mode, arc.edge)});
        }
    });
    return cache_->arcs[m];
}

std::vector<PlaceSnap> snap_places(const model::Town& town, std::span<const model::Place> places,
                                   graph::TravelMode mode) {
    const geo::PointIndex index = town.roads.usable_node_index(mode);
    std::vector<PlaceSnap> snaps(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (const auto hit = index.nearest(places[i].location)) {
            snaps[i] = {NodeId{hit->item}, hit->distance_m};
        }
    }
    return snaps;
}

} // namespace dayafter::snapshot
