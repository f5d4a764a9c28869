#include "dayafter/access/service_access.hpp"

#include <cmath>

#include <fmt/format.h>

#include "dayafter/graph/road_graph.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::access {
namespace {

/// Engine units per threshold unit: microseconds per second (Time), millimetres per metre
/// (Distance).
double engine_units(model::Measure measure) {
    return measure == model::Measure::Time ? 1e6 : 1e3;
}

std::vector<NodeId> engine_facility_nodes(const model::Town& town,
                                          std::span<const FacilityId> facilities,
                                          graph::TravelMode mode) {
    std::vector<NodeId> nodes;
    nodes.reserve(facilities.size());
    for (const FacilityId f : facilities) {
        nodes.push_back(town.facilities[f].snap_node[static_cast<std::size_t>(mode)]);
    }
    return nodes;
}

} // namespace

double snap_units_per_m(model::Measure measure) noexcept {
    return engine_units(measure) * (measure == model::Measure::Time ? 3.6 / kSnapWalkKmh : 1.0);
}

std::string_view to_string(Reach reach) noexcept {
    switch (reach) {
    case Reach::Within:
        return "within";
    case Reach::Beyond:
        return "beyond";
    case Reach::CutOff:
        break;
    }
    return "cut off";
}

std::vector<Arc> engine_arcs(const graph::RoadNetwork& net, graph::TravelMode mode,
                             model::Measure measure) {
    const std::vector<graph::TravelArc> travel = graph::travel_arcs(net, mode);
    std::vector<Arc> arcs;
    arcs.reserve(travel.size());
    for (const graph::TravelArc& arc : travel) {
        const std::uint64_t weight =
            measure == model::Measure::Time
                ? std::uint64_t{arc.time_ms} * 1000
                : static_cast<std::uint64_t>(std::llround(net.edge_length_m[arc.edge] * 1000));
        arcs.push_back({arc.from.value, arc.to.value, weight});
    }
    return arcs;
}

std::vector<FacilityId> service_facilities(const model::Town& town, const model::Service& service) {
    std::vector<FacilityId> result;
    for (FacilityId f{0}; f.value < town.facilities.size(); ++f.value) {
        if (service.provides(town.facilities[f].type)) {
            result.push_back(f);
        }
    }
    return result;
}

std::uint32_t ServiceAccess::serving() const noexcept {
    std::uint32_t count = 0;
    for (const FacilityLoad& load : facilities) {
        count += load.snapped && load.functioning ? 1 : 0;
    }
    return count;
}

double ServiceAccess::amount_in_units(std::uint64_t amount) const noexcept {
    return static_cast<double>(amount) / engine_units(service.measure);
}

ServiceAccess compute_access(const model::Town& town, std::span<const model::Place> places,
                             std::span<const PlaceSnap> snaps, const model::Service& service,
                             graph::TravelMode mode) {
    DAYAFTER_ASSERT(places.size() == snaps.size(), "one snap per place");
    ServiceAccess result = prepare(town, service, mode);
    if (result.status != AccessStatus::Computed) {
        return result;
    }
    const std::vector<FacilityId> facilities = service_facilities(town, service);
    std::vector<NodeId> source_nodes = engine_facility_nodes(town, facilities, mode);
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        if (!result.facilities[i].functioning) {
            source_nodes[i] = NodeId{}; // known not to function: no source, still listed
        }
    }
    const std::vector<Arc> arcs = engine_arcs(town.roads, mode, service.measure);
    NearestFacilityEngine engine(town.roads.node_count(), arcs, source_nodes);
    engine.compute();
    summarize(engine, facilities, places, snaps, result);
    return result;
}

ServiceAccess prepare(const model::Town& town, const model::Service& service,
                      graph::TravelMode mode) {
    ServiceAccess result;
    result.service = service;
    result.mode = mode;
    const std::vector<FacilityId> facilities = service_facilities(town, service);
    if (facilities.empty()) {
        std::string types;
        for (const model::FacilityType type : service.types) {
            types += types.empty() ? "" : ", ";
            types += model::to_string(type);
        }
        result.status = AccessStatus::NoFacility;
        result.problem = fmt::format("service '{}': the project has no facility of it ({})",
                                     service.name, types);
        return result;
    }
    result.facilities.resize(facilities.size());
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        const model::Facility& facility = town.facilities[facilities[i]];
        const NodeId node = facility.snap_node[static_cast<std::size_t>(mode)];
        result.facilities[i] = {.facility = facilities[i],
                                .snapped = node.valid(),
                                .functioning = facility.functioning != false,
                                .capacity = facility.capacity_people ? facility.capacity_people
                                                                     : service.capacity_people};
        result.unsnapped += node.valid() ? 0 : 1;
        result.status_known = result.status_known || facility.functioning.has_value();
        result.not_functioning += facility.functioning == false ? 1 : 0;
    }
    if (result.unsnapped == facilities.size()) {
        result.status = AccessStatus::NoneOnARoad;
        result.problem = fmt::format("service '{}': none of its {} facilities can be snapped to a "
                                     "road usable {}",
                                     service.name, facilities.size(),
                                     mode == graph::TravelMode::Walk ? "on foot" : "by car");
    }
    return result;
}

void summarize(const NearestFacilityEngine& engine, std::span<const FacilityId> facilities,
               std::span<const model::Place> places, std::span<const PlaceSnap> snaps,
               ServiceAccess& result) {
    const model::Service& service = result.service;
    result.node_facility.resize(engine.node_count());
    for (NodeId n{0}; n.value < engine.node_count(); ++n.value) {
        const FacilityId f = engine.facility(n);
        result.node_facility[n.value] = f.valid() ? facilities[f.value] : FacilityId{};
    }
    const double per_m = snap_units_per_m(service.measure);
    const auto threshold =
        static_cast<std::uint64_t>(std::llround(service.threshold * engine_units(service.measure)));
    result.places.assign(places.size(), PlaceAccess{});
    result.total = result.within = result.beyond = result.cut_off = result.unserved = 0;
    result.overloaded = 0;
    for (FacilityLoad& load : result.facilities) {
        load.population = load.unserved = 0;
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        const double people = places[i].population;
        result.total += people;
        PlaceAccess& place = result.places[i];
        const NodeId node = snaps[i].node;
        const std::uint64_t at_node = node.valid() ? engine.time_us(node) : kUnreachable;
        if (at_node == kUnreachable) {
            result.cut_off += people;
            continue;
        }
        place.amount =
            at_node + static_cast<std::uint64_t>(std::llround(snaps[i].distance_m * per_m));
        const FacilityId engine_facility = engine.facility(node);
        place.facility = facilities[engine_facility.value];
        place.reach = place.amount <= threshold ? Reach::Within : Reach::Beyond;
        (place.reach == Reach::Within ? result.within : result.beyond) += people;
        result.facilities[engine_facility.value].population += people;
    }
    for (FacilityLoad& load : result.facilities) {
        if (load.capacity && load.population > *load.capacity) {
            load.unserved = load.population - *load.capacity;
            ++result.overloaded;
            result.unserved += load.unserved;
        }
    }
}

std::vector<std::uint64_t> node_times_us(const model::Town& town, const model::Service& service,
                                         graph::TravelMode mode) {
    const std::vector<FacilityId> facilities = service_facilities(town, service);
    std::vector<NodeId> source_nodes = engine_facility_nodes(town, facilities, mode);
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        if (town.facilities[facilities[i]].functioning == false) {
            source_nodes[i] = NodeId{};
        }
    }
    const std::vector<Arc> arcs = engine_arcs(town.roads, mode, model::Measure::Time);
    NearestFacilityEngine engine(town.roads.node_count(), arcs, source_nodes);
    engine.compute();
    return engine.times_us();
}

} // namespace dayafter::access
