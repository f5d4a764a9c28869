// The figures `dayafter info` shows about a town: size of the network, km of road by class,
// bridges, facilities by type, buildings, connectivity per travel mode and the bounding box.
//
//     const TownSummary summary = summarize(town);
//     summary.modes[0].largest_component_share;  // walk
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "dayafter/geo/coord.hpp"
#include "dayafter/model/town.hpp"

namespace dayafter::model {

struct ModeConnectivity {
    std::uint32_t usable_nodes = 0;    // junctions touched by an edge usable in the mode
    std::uint32_t component_count = 0; // weakly connected components among them
    std::uint32_t largest_component_nodes = 0;
    double largest_component_share = 0; // of usable junction nodes
    /// The same share counted over every OSM road node (junctions plus the nodes inside edges),
    /// comparable with counts made on the raw OSM ways.
    std::uint64_t osm_nodes = 0;
    std::uint64_t osm_nodes_in_largest = 0;
    double road_km = 0;
};

struct TownSummary {
    std::uint32_t node_count = 0;
    std::uint32_t edge_count = 0;
    std::map<std::string, double> road_km_by_class;
    double road_km = 0;
    std::uint32_t bridge_count = 0;
    std::uint32_t bridges_over_water = 0;
    std::map<std::string, std::uint32_t> bridges_by_waterway; // waterway name (or "way <id>")
    std::uint32_t waterway_count = 0;
    std::map<std::string, std::uint32_t> facilities_by_type;
    std::uint32_t facility_count = 0;
    std::uint64_t building_count = 0;
    std::uint64_t buildings_with_levels = 0;
    double building_footprint_m2 = 0;
    std::array<ModeConnectivity, 2> modes{}; // indexed by TravelMode
    geo::BoundingBox bounds;
};

[[nodiscard]] TownSummary summarize(const Town& town);

} // namespace dayafter::model
