// Everything an import produces about a town: the road network, bridges, waterways, facilities
// and buildings, plus what the import saw on the way (ImportReport).
//
// A Town is a plain value: the importer fills it, the store writes and reads it, and later
// snapshots are built from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dayafter/geo/coord.hpp"
#include "dayafter/graph/road_network.hpp"
#include "dayafter/model/facility.hpp"

namespace dayafter::model {

enum class WaterwayKind : std::uint8_t { River, Canal, Stream };
[[nodiscard]] std::string_view to_string(WaterwayKind kind) noexcept;
[[nodiscard]] std::optional<WaterwayKind> parse_waterway_kind(std::string_view text) noexcept;

struct Waterway {
    std::int64_t osm_way_id = 0;
    WaterwayKind kind = WaterwayKind::River;
    std::string name;
    std::vector<geo::Coord> line;
};

/// One bridge per OSM way tagged bridge=*, so that blowing "the bridge" blocks all its edges.
struct Bridge {
    std::int64_t osm_way_id = 0;
    std::string name;
    graph::RoadClass road_class = graph::RoadClass::Residential;
    WaterwayId waterway; // the waterway it crosses, invalid when none (over a road or a valley)
};

struct Building {
    std::string code; // w<id> or r<id>
    geo::Coord centroid;
    double area_m2 = 0;
    std::optional<double> levels;             // building:levels when tagged
    std::vector<unsigned char> footprint_wkb; // MultiPolygon, lon/lat, little-endian WKB
};

/// Counts the import reports so the user can judge the extract.
struct ImportReport {
    std::uint64_t osm_nodes = 0;
    std::uint64_t osm_ways = 0;
    std::uint64_t osm_relations = 0;
    std::uint64_t road_ways = 0;
    std::uint64_t ways_missing_nodes = 0;     // skipped: they reference nodes not in the file
    std::int64_t first_way_missing_nodes = 0; // one of them, for the warning
    std::uint64_t buildings_without_area = 0; // not closed, or a broken multipolygon
    std::uint64_t facilities_approximate = 0; // area that could not be assembled: vertex mean
    std::uint64_t facilities_unsnapped = 0;   // no usable road in some mode
};

struct SourceInfo {
    std::string file_name;     // as given on the command line, without directories
    std::string osm_timestamp; // osmosis_replication_timestamp or empty
    std::string imported_with; // "dayafter 0.1.0"
};

struct Town;

/// Snaps every facility to the nearest road node usable in each travel mode (invalid and 0 m
/// where none is); returns how many facilities found no usable road in some mode.
std::uint64_t snap_facilities(Town& town);

struct Town {
    graph::RoadNetwork roads;
    graph::SpeedTable speeds = graph::SpeedTable::defaults();
    IdVector<BridgeId, Bridge> bridges;
    IdVector<WaterwayId, Waterway> waterways;
    IdVector<FacilityId, Facility> facilities;
    std::vector<Building> buildings;
    SourceInfo source;
    ImportReport report;
    /// The configuration given at import (JSON, see io/project_config.hpp); empty: defaults.
    std::string config_json;
};

} // namespace dayafter::model
