// Private to io: what the two reading passes collect before anything is built from it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <osmium/index/map/flex_mem.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/location.hpp>
#include <osmium/osm/tag.hpp>
#include <osmium/osm/types.hpp>

#include "dayafter/graph/road_network.hpp"
#include "dayafter/model/town.hpp"
#include "dayafter/util/log.hpp"

namespace dayafter::io::detail {

/// The value of an OSM tag, or an empty view.
inline std::string_view tag(const osmium::TagList& tags, const char* key) {
    const char* value = tags.get_value_by_key(key);
    return value == nullptr ? std::string_view{} : std::string_view{value};
}

inline bool is_building(const osmium::TagList& tags) {
    const std::string_view building = tag(tags, "building");
    return !building.empty() && building != "no";
}

inline std::optional<model::FacilityType> facility_type(const osmium::TagList& tags) {
    return model::facility_type_of([&](const char* key) { return tag(tags, key); });
}

using LocationIndex =
    osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

struct RoadWay {
    std::int64_t id = 0;
    graph::RoadClass road_class = graph::RoadClass::Residential;
    graph::Oneway oneway = graph::Oneway::No;
    bool drivable_direction_rules_ok = true; // false for oneway=reversible|alternating
    bool is_bridge = false;
    std::string name;
    std::uint32_t first_ref = 0;
    std::uint32_t ref_count = 0;
};

struct WaterwayWay {
    std::int64_t id = 0;
    model::WaterwayKind kind = model::WaterwayKind::River;
    std::string name;
    std::uint32_t first_ref = 0;
    std::uint32_t ref_count = 0;
};

struct PointFacility {
    std::int64_t node_id = 0;
    model::FacilityType type = model::FacilityType::Clinic;
    std::string name;
    osmium::Location location;
};

struct RawOsm {
    std::vector<RoadWay> roads;
    std::vector<WaterwayWay> waterways;
    std::vector<std::int64_t> refs; // node refs of roads and waterways, back to back
    std::vector<PointFacility> point_facilities;
    osmium::memory::Buffer area_ways{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};
    osmium::memory::Buffer relations{1024 * 64, osmium::memory::Buffer::auto_grow::yes};
    LocationIndex locations;
    model::ImportReport report;
    std::string osm_timestamp;
};

/// Runs both passes over the file. Throws InputError for unreadable or corrupt input.
void read_osm(const std::string& file_name, RawOsm& raw, const Logger& log);

/// Splits the road ways at junctions into a RoadNetwork; creates one Bridge per bridge way.
/// Ways whose nodes are not all in the file are skipped and counted.
void build_roads(RawOsm& raw, const graph::SpeedTable& speeds, model::Town& town);

/// Builds the waterway lines; ways with missing nodes are skipped and counted.
void build_waterways(RawOsm& raw, model::Town& town);

/// Assembles building and facility areas (closed ways and multipolygon relations) into
/// Buildings and Facilities at their centroids; adds the point facilities.
void build_areas(RawOsm& raw, model::Town& town);

} // namespace dayafter::io::detail
