#include "dayafter/access/session.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::access {

namespace {

/// People within one service's threshold, per place a flag and the sum in fixed point: exact and
/// independent of the order of updates (a double sum kept by adding and subtracting would drift
/// with the path, and equal states must score equal for the planner). The rule is summarize()'s:
/// a place is within when its node is reachable and the node's amount plus the walk from the
/// place is at most the threshold.
class WithinCount {
public:
    __extension__ using Fixed = __int128; // 2^-40 people; 2^87 people fit

    void rebuild(const NearestFacilityEngine& engine, const model::Service& service,
                 std::span<const model::Place> places, std::span<const PlaceSnap> snaps) {
        // As service_access.cpp converts thresholds and snapping distances to engine units.
        const double units = service.measure == model::Measure::Time ? 1e6 : 1e3;
        const double per_m = snap_units_per_m(service.measure);
        threshold_ = static_cast<std::uint64_t>(std::llround(service.threshold * units));
        first_.assign(static_cast<std::size_t>(engine.node_count()) + 1, 0);
        for (const PlaceSnap& snap : snaps) {
            if (snap.node.valid()) {
                ++first_[snap.node.value + 1];
            }
        }
        for (std::size_t n = 0; n + 1 < first_.size(); ++n) {
            first_[n + 1] += first_[n];
        }
        place_.resize(first_.back());
        std::vector<std::uint32_t> next(first_.begin(), first_.end() - 1);
        walk_.assign(places.size(), 0);
        people_.assign(places.size(), 0);
        in_.assign(places.size(), 0);
        sum_ = 0;
        for (std::uint32_t p = 0; p < places.size(); ++p) {
            if (!snaps[p].node.valid()) {
                continue;
            }
            place_[next[snaps[p].node.value]++] = p;
            walk_[p] = static_cast<std::uint64_t>(std::llround(snaps[p].distance_m * per_m));
            people_[p] = fixed(places[p].population);
        }
        for (std::uint32_t node = 0; node < engine.node_count(); ++node) {
            update_node(engine, node);
        }
    }

    void update(const NearestFacilityEngine& engine, std::span<const std::uint32_t> nodes) {
        for (const std::uint32_t node : nodes) {
            update_node(engine, node);
        }
    }

    [[nodiscard]] double value() const noexcept {
        return std::ldexp(static_cast<double>(sum_), -kFractionBits);
    }

private:
    static constexpr int kFractionBits = 40;

    static Fixed fixed(double people) {
        const double whole = std::floor(people);
        const auto fraction = std::llround(std::ldexp(people - whole, kFractionBits));
        return (static_cast<Fixed>(whole) << kFractionBits) + fraction;
    }

    void update_node(const NearestFacilityEngine& engine, std::uint32_t node) {
        const std::uint64_t time = engine.time_us(NodeId{node});
        for (std::uint32_t k = first_[node]; k < first_[node + 1]; ++k) {
            const std::uint32_t p = place_[k];
            const bool within = time != kUnreachable && time + walk_[p] <= threshold_;
            if (within != (in_[p] != 0)) {
                in_[p] = static_cast<std::uint8_t>(within);
                sum_ += within ? people_[p] : -people_[p];
            }
        }
    }

    std::uint64_t threshold_ = 0;
    std::vector<std::uint32_t> first_; // per node, its places (CSR)
    std::vector<std::uint32_t> place_;
    std::vector<std::uint64_t> walk_; // per place, its snapping distance in engine units
    std::vector<Fixed> people_;
    std::vector<std::uint8_t> in_;
    Fixed sum_ = 0;
};

} // namespace

struct AccessSession::PerService {
    ServiceAccess prepared; // the service, mode and facility list
    std::vector<FacilityId> facilities;
    std::optional<NearestFacilityEngine> engine; // none when nothing can be computed
    WithinCount within;
};

namespace {

std::uint64_t weight(const snapshot::ModeArc& arc, graph::Millis ms, const graph::RoadNetwork& net,
                     model::Measure measure) {
    return measure == model::Measure::Time
               ? std::uint64_t{ms} * 1000
               : static_cast<std::uint64_t>(std::llround(net.edge_length_m[arc.edge] * 1000));
}

/// Engine arc i is snapshot arc i at its undamaged weight; a slowed arc adds a second arc at its
/// slowed weight, so clearing rubble is a block/unblock like any other change.
std::vector<Arc> session_arcs(std::span<const snapshot::ModeArc> mode_arcs,
                              const graph::RoadNetwork& net, model::Measure measure) {
    std::vector<Arc> arcs;
    arcs.reserve(mode_arcs.size());
    for (const snapshot::ModeArc& a : mode_arcs) {
        arcs.push_back({a.from.value, a.to.value, weight(a, a.open_ms, net, measure)});
    }
    for (const snapshot::ModeArc& a : mode_arcs) {
        if (a.now_ms != graph::kNotUsable && a.now_ms != a.open_ms) {
            arcs.push_back({a.from.value, a.to.value, weight(a, a.now_ms, net, measure)});
        }
    }
    return arcs;
}

} // namespace

AccessSession::AccessSession(const snapshot::Snapshot& snapshot,
                             std::vector<model::Service> services,
                             std::optional<graph::TravelMode> mode, const Overlay& initial)
    : snapshot_(&snapshot), services_(std::move(services)), places_(snapshot.population().places) {
    const model::Town& town = snapshot.town();
    for (model::Service& service : services_) {
        const graph::TravelMode service_mode = mode.value_or(service.mode);
        const auto m = static_cast<std::size_t>(service_mode);
        if (!modes_[m]) {
            build_mode(service_mode);
            const std::span<const PlaceSnap> snaps = snapshot.place_snaps(service_mode);
            snaps_[m].assign(snaps.begin(), snaps.end());
        }
        PerService per{prepare(town, service, service_mode),
                       service_facilities(town, service),
                       std::nullopt,
                       {}};
        if (per.prepared.status == AccessStatus::Computed) {
            std::vector<NodeId> nodes;
            for (const FacilityId f : per.facilities) {
                nodes.push_back(town.facilities[f].snap_node[m]);
            }
            per.engine.emplace(
                town.roads.node_count(),
                session_arcs(snapshot.arcs(service_mode), town.roads, service.measure), nodes);
        }
        engines_.push_back(std::move(per));
    }
    apply_snapshot_state();
    apply(initial);
    for (PerService& per : engines_) {
        if (per.engine) {
            per.engine->compute();
            per.engine->record_changes(true);
        }
    }
    count_within();
}

void AccessSession::count_within() {
    for (PerService& per : engines_) {
        if (per.engine) {
            per.engine->take_changes(changed_);
            per.within.rebuild(*per.engine, per.prepared.service, places_,
                               snaps_[static_cast<std::size_t>(per.prepared.mode)]);
        }
    }
}

void AccessSession::apply_snapshot_state() {
    for (std::size_t m = 0; m < modes_.size(); ++m) {
        if (!modes_[m]) {
            continue;
        }
        const PerMode& per_mode = *modes_[m];
        std::vector<std::uint32_t> block;
        for (std::size_t e = 0; e < per_mode.state.size(); ++e) {
            const EdgeState state = per_mode.state[e];
            const auto& open = per_mode.open_arcs[e];
            const auto& slowed = per_mode.slowed_arcs[e];
            if (state != EdgeState::Open) {
                block.insert(block.end(), open.begin(), open.end());
            }
            if (state != EdgeState::Slowed) {
                block.insert(block.end(), slowed.begin(), slowed.end());
            }
        }
        for (PerService& per : engines_) {
            if (per.engine && static_cast<std::size_t>(per.prepared.mode) == m) {
                per.engine->set_arcs_blocked(block, true);
            }
        }
    }
    for (PerService& per : engines_) {
        for (std::size_t i = 0; per.engine && i < per.facilities.size(); ++i) {
            if (!per.prepared.facilities[i].functioning) {
                per.engine->set_facility_open(FacilityId{static_cast<std::uint32_t>(i)}, false);
            }
        }
    }
}

AccessSession::AccessSession(AccessSession&&) noexcept = default;
AccessSession& AccessSession::operator=(AccessSession&&) noexcept = default;
AccessSession::~AccessSession() = default;

void AccessSession::build_mode(graph::TravelMode mode) {
    const std::span<const snapshot::ModeArc> arcs = snapshot_->arcs(mode);
    PerMode per;
    const std::uint32_t edges = snapshot_->town().roads.edge_count();
    per.state.assign(edges, EdgeState::Open);
    per.open_arcs.resize(edges);
    per.slowed_arcs.resize(edges);
    auto next_slowed = static_cast<std::uint32_t>(arcs.size());
    for (std::uint32_t i = 0; i < arcs.size(); ++i) {
        per.open_arcs[arcs[i].edge.value].push_back(i);
    }
    for (const snapshot::ModeArc& a : arcs) {
        EdgeState& state = per.state[a.edge.value];
        if (a.now_ms == graph::kNotUsable) {
            state = EdgeState::Blocked;
        } else if (a.now_ms != a.open_ms) {
            state = EdgeState::Slowed;
            per.slowed_arcs[a.edge.value].push_back(next_slowed++);
        }
    }
    per.snapshot_state = per.state;
    modes_[static_cast<std::size_t>(mode)] = std::move(per);
}

void AccessSession::set_edge(graph::TravelMode mode, EdgeId edge, EdgeState state,
                             std::vector<std::uint32_t>& block,
                             std::vector<std::uint32_t>& unblock) {
    PerMode& per = *modes_[static_cast<std::size_t>(mode)];
    per.state[edge.value] = state;
    const auto& open = per.open_arcs[edge.value];
    const auto& slowed = per.slowed_arcs[edge.value];
    if (state == EdgeState::Open) {
        unblock.insert(unblock.end(), open.begin(), open.end());
        block.insert(block.end(), slowed.begin(), slowed.end());
    } else if (state == EdgeState::Slowed) {
        block.insert(block.end(), open.begin(), open.end());
        unblock.insert(unblock.end(), slowed.begin(), slowed.end());
    } else {
        block.insert(block.end(), open.begin(), open.end());
        block.insert(block.end(), slowed.begin(), slowed.end());
    }
}

void AccessSession::apply(const Overlay& overlay) {
    check(overlay);
    apply_edges(overlay);
    for (PerService& per : engines_) {
        for (const FacilityId f : overlay.close_facilities) {
            set_facility(per, f, false);
        }
        for (const FacilityId f : overlay.open_facilities) {
            set_facility(per, f, true);
        }
    }
    apply_people(overlay);
    if (!overlay.add_places.empty() || !overlay.place_population.empty()) {
        count_within();
        return;
    }
    for (PerService& per : engines_) {
        if (per.engine) {
            per.engine->take_changes(changed_);
            per.within.update(*per.engine, changed_);
        }
    }
}

double AccessSession::within(std::size_t s) const {
    const PerService& per = engines_.at(s);
    return per.engine ? per.within.value() : 0.0;
}

void AccessSession::apply_edges(const Overlay& overlay) {
    for (std::size_t m = 0; m < modes_.size(); ++m) {
        if (!modes_[m]) {
            continue;
        }
        const auto mode = static_cast<graph::TravelMode>(m);
        std::vector<std::uint32_t> block;
        std::vector<std::uint32_t> unblock;
        for (const EdgeId e : overlay.restore_edges) {
            set_edge(mode, e, modes_[m]->snapshot_state[e.value], block, unblock);
        }
        for (const EdgeId e : overlay.reopen_edges) {
            set_edge(mode, e, EdgeState::Open, block, unblock);
        }
        std::vector<std::uint32_t> block_now;
        std::vector<std::uint32_t> ignored;
        for (const EdgeId e : overlay.block_edges) {
            set_edge(mode, e, EdgeState::Blocked, block_now, ignored);
        }
        for (PerService& per : engines_) {
            if (!per.engine || static_cast<std::size_t>(per.prepared.mode) != m) {
                continue;
            }
            per.engine->set_arcs_blocked(block, true);
            per.engine->set_arcs_blocked(unblock, false);
            per.engine->set_arcs_blocked(block_now, true);
        }
    }
}

void AccessSession::set_facility(PerService& per, FacilityId facility, bool open) {
    // A service's facilities are in project order, so its engine index is found by search.
    const auto found = std::lower_bound(per.facilities.begin(), per.facilities.end(), facility);
    if (!per.engine || found == per.facilities.end() || *found != facility) {
        return; // not a facility of this service
    }
    const auto i = static_cast<std::size_t>(found - per.facilities.begin());
    per.engine->set_facility_open(FacilityId{static_cast<std::uint32_t>(i)}, open);
    per.prepared.facilities[i].functioning = open;
}

void AccessSession::apply_people(const Overlay& overlay) {
    if (!overlay.add_places.empty()) {
        places_.insert(places_.end(), overlay.add_places.begin(), overlay.add_places.end());
        for (std::size_t m = 0; m < modes_.size(); ++m) {
            if (modes_[m]) {
                const std::vector<PlaceSnap> added = snapshot::snap_places(
                    snapshot_->town(), overlay.add_places, static_cast<graph::TravelMode>(m));
                snaps_[m].insert(snaps_[m].end(), added.begin(), added.end());
            }
        }
    }
    for (const auto& [place, people] : overlay.place_population) {
        places_[place].population = people;
    }
}

void AccessSession::check(const Overlay& overlay) const {
    const std::uint32_t edges = snapshot_->town().roads.edge_count();
    for (const auto* list : {&overlay.block_edges, &overlay.reopen_edges, &overlay.restore_edges}) {
        for (const EdgeId e : *list) {
            if (e.value >= edges) {
                throw InputError(fmt::format(
                    "an overlay names road edge {}; the project has {} edges", e.value, edges));
            }
        }
    }
    const std::size_t facilities = snapshot_->town().facilities.size();
    for (const auto* list : {&overlay.close_facilities, &overlay.open_facilities}) {
        for (const FacilityId f : *list) {
            if (f.value >= facilities) {
                throw InputError(fmt::format("an overlay names facility {}; the project has {}",
                                             f.value, facilities));
            }
        }
    }
    const std::size_t places = places_.size() + overlay.add_places.size();
    for (const auto& [place, people] : overlay.place_population) {
        if (place >= places || !(people >= 0)) {
            throw InputError(
                fmt::format("an overlay gives {} people to place {} of {}", people, place, places));
        }
    }
}

ServiceAccess AccessSession::result(std::size_t s) const {
    const PerService& per = engines_.at(s);
    ServiceAccess result = per.prepared;
    if (!per.engine) {
        return result;
    }
    result.not_functioning = 0;
    for (const FacilityLoad& load : result.facilities) {
        result.not_functioning += load.functioning ? 0 : 1;
    }
    summarize(*per.engine, per.facilities, places_, snaps_[static_cast<std::size_t>(result.mode)],
              result);
    return result;
}

const NearestFacilityEngine& AccessSession::engine(std::size_t s) const {
    const PerService& per = engines_.at(s);
    DAYAFTER_ASSERT(per.engine.has_value(), "no engine for a service that was not computed");
    return *per.engine;
}

std::vector<IsolatedFacility> isolated_facilities(const snapshot::Snapshot& snapshot,
                                                  const ServiceAccess& result) {
    // Union-find over the arcs usable now; direction does not matter for an island.
    const std::uint32_t node_count = snapshot.town().roads.node_count();
    std::vector<std::uint32_t> parent(node_count);
    for (std::uint32_t n = 0; n < node_count; ++n) {
        parent[n] = n;
    }
    auto root = [&parent](std::uint32_t n) {
        while (parent[n] != n) {
            parent[n] = parent[parent[n]];
            n = parent[n];
        }
        return n;
    };
    for (const snapshot::ModeArc& arc : snapshot.arcs(result.mode)) {
        if (arc.now_ms != graph::kNotUsable) {
            parent[root(arc.from.value)] = root(arc.to.value);
        }
    }
    std::vector<std::uint32_t> size(node_count, 0);
    std::uint32_t largest = 0;
    for (std::uint32_t n = 0; n < node_count; ++n) {
        largest = std::max(largest, ++size[root(n)]);
    }
    std::vector<IsolatedFacility> out;
    for (const FacilityLoad& load : result.facilities) {
        const NodeId node = snapshot.town()
                                .facilities[load.facility]
                                .snap_node[static_cast<std::size_t>(result.mode)];
        if (!load.snapped || !load.functioning || !node.valid()) {
            continue;
        }
        const std::uint32_t nodes = size[root(node.value)];
        if (nodes < kIslandNodes && nodes < largest) {
            out.push_back({load.facility, nodes});
        }
    }
    return out;
}

} // namespace dayafter::access
