// Building and facility areas: closed ways and multipolygon relations, assembled by libosmium.
#include <algorithm>
#include <charconv>
#include <unordered_map>

#include <osmium/area/assembler.hpp>
#include <osmium/osm.hpp>

#include "dayafter/geo/shapes.hpp"
#include "osm_raw.hpp"

namespace dayafter::io::detail {
namespace {

std::optional<double> parse_levels(std::string_view text) {
    double levels = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), levels);
    if (error != std::errc{} || end != text.data() + text.size() || !(levels > 0)) {
        return std::nullopt;
    }
    return levels;
}

geo::Ring ring_coords(const osmium::NodeRefList& ring) {
    geo::Ring coords;
    coords.reserve(ring.size());
    for (const osmium::NodeRef& ref : ring) {
        coords.push_back({ref.location().x(), ref.location().y()});
    }
    return coords;
}

std::vector<geo::PolygonRings> area_rings(const osmium::Area& area) {
    std::vector<geo::PolygonRings> polygons;
    for (const auto& outer : area.outer_rings()) {
        geo::PolygonRings polygon{ring_coords(outer), {}};
        for (const auto& inner : area.inner_rings(outer)) {
            polygon.inners.push_back(ring_coords(inner));
        }
        polygons.push_back(std::move(polygon));
    }
    return polygons;
}

std::string code_of(char type, std::int64_t id) {
    return type + std::to_string(id);
}

bool all_located(const osmium::Way& way) {
    return std::all_of(way.nodes().begin(), way.nodes().end(),
                       [](const osmium::NodeRef& ref) { return ref.location().valid(); });
}

/// Mean of the located vertices of some ways: where a facility goes when its area is broken.
std::optional<geo::Coord> vertex_mean(const std::vector<const osmium::Way*>& ways) {
    double lon = 0;
    double lat = 0;
    std::size_t count = 0;
    for (const osmium::Way* way : ways) {
        for (const osmium::NodeRef& ref : way->nodes()) {
            if (ref.location().valid()) {
                lon += ref.location().lon();
                lat += ref.location().lat();
                ++count;
            }
        }
    }
    if (count == 0) {
        return std::nullopt;
    }
    return geo::Coord::from_degrees(lon / static_cast<double>(count),
                                    lat / static_cast<double>(count));
}

class AreaBuilder {
public:
    AreaBuilder(RawOsm& raw, model::Town& town) : raw_(raw), town_(town) {
        config_.create_empty_areas = false;
    }

    void run() {
        locate_area_ways();
        for (const auto& way : raw_.area_ways.select<osmium::Way>()) {
            if (is_building(way.tags()) || facility_type(way.tags())) {
                assemble_way(way);
            }
        }
        for (const auto& relation : raw_.relations.select<osmium::Relation>()) {
            assemble_relation(relation);
        }
        for (const auto& area : areas_.select<osmium::Area>()) {
            add_area(area.tags(), code_of(area.from_way() ? 'w' : 'r', area.orig_id()),
                     area_rings(area));
        }
        for (const PointFacility& point : raw_.point_facilities) {
            add_facility(code_of('n', point.node_id), point.type, point.name,
                         {point.location.x(), point.location.y()});
        }
    }

private:
    void locate_area_ways() {
        for (auto& way : raw_.area_ways.select<osmium::Way>()) {
            for (osmium::NodeRef& ref : way.nodes()) {
                ref.set_location(raw_.locations.get_noexcept(ref.positive_ref()));
            }
            way_by_id_.emplace(way.id(), &way);
        }
    }

    /// A closed way is one simple ring: its footprint comes straight from its nodes. (Running
    /// libosmium's assembler on each of them, to catch self-intersections, tripled the import
    /// time of Monaco's 23k buildings for no gain in a population estimate.)
    void assemble_way(const osmium::Way& way) {
        const bool closed =
            way.nodes().size() >= 4 && way.nodes().front().ref() == way.nodes().back().ref();
        if (!closed || !all_located(way)) {
            failed(way.tags(), 'w', way.id(), {&way});
            return;
        }
        std::vector<geo::PolygonRings> rings{{ring_coords(way.nodes()), {}}};
        add_area(way.tags(), code_of('w', way.id()), rings);
    }

    void assemble_relation(const osmium::Relation& relation) {
        std::vector<const osmium::Way*> members;
        bool complete = true;
        for (const auto& member : relation.members()) {
            if (member.type() != osmium::item_type::way) {
                continue;
            }
            const auto it = way_by_id_.find(member.ref());
            if (it == way_by_id_.end() || !all_located(*it->second)) {
                complete = false;
                continue;
            }
            members.push_back(it->second);
        }
        if (complete && !members.empty()) {
            osmium::area::Assembler assembler{config_};
            if (assembler(relation, members, areas_)) {
                return;
            }
        }
        failed(relation.tags(), 'r', relation.id(), members);
    }

    void failed(const osmium::TagList& tags, char type, std::int64_t id,
                const std::vector<const osmium::Way*>& ways) {
        if (is_building(tags)) {
            ++raw_.report.buildings_without_area;
        }
        if (const auto facility = facility_type(tags)) {
            if (const auto where = vertex_mean(ways)) {
                ++raw_.report.facilities_approximate;
                add_facility(code_of(type, id), *facility, std::string(tag(tags, "name")), *where);
            }
        }
    }

    void add_area(const osmium::TagList& tags, const std::string& code,
                  const std::vector<geo::PolygonRings>& rings) {
        const geo::Footprint footprint = geo::footprint(rings);
        const bool degenerate = footprint.area_m2 <= 0; // centroid is then the vertex mean
        if (is_building(tags) && degenerate) {
            ++raw_.report.buildings_without_area;
        } else if (is_building(tags)) {
            model::Building building;
            building.code = code;
            building.centroid = footprint.centroid;
            building.area_m2 = footprint.area_m2;
            building.levels = parse_levels(tag(tags, "building:levels"));
            building.footprint_wkb = geo::multipolygon_wkb(rings);
            town_.buildings.push_back(std::move(building));
        }
        if (const auto facility = facility_type(tags)) {
            raw_.report.facilities_approximate += degenerate ? 1 : 0;
            add_facility(code, *facility, std::string(tag(tags, "name")), footprint.centroid);
        }
    }

    void add_facility(std::string code, model::FacilityType type, std::string name,
                      geo::Coord where) {
        model::Facility facility;
        facility.code = std::move(code);
        facility.type = type;
        facility.name = std::move(name);
        facility.location = where;
        town_.facilities.push_back(std::move(facility));
    }

    RawOsm& raw_;
    model::Town& town_;
    osmium::area::AssemblerConfig config_;
    osmium::memory::Buffer areas_{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};
    std::unordered_map<std::int64_t, const osmium::Way*> way_by_id_;
};

/// Facilities and buildings in a fixed order whatever the order of the file: nodes, ways, then
/// relations, each by id.
bool code_less(const std::string& a, const std::string& b) {
    constexpr std::string_view kOrder = "nwr";
    if (a[0] != b[0]) {
        return kOrder.find(a[0]) < kOrder.find(b[0]);
    }
    return std::stoll(a.substr(1)) < std::stoll(b.substr(1));
}

} // namespace

void build_areas(RawOsm& raw, model::Town& town) {
    AreaBuilder(raw, town).run();
    std::sort(town.facilities.begin(), town.facilities.end(),
              [](const model::Facility& a, const model::Facility& b) {
                  return code_less(a.code, b.code);
              });
    std::sort(town.buildings.begin(), town.buildings.end(),
              [](const model::Building& a, const model::Building& b) {
                  return code_less(a.code, b.code);
              });
}

} // namespace dayafter::io::detail
