#include "dayafter/report/gis_layers.hpp"

#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dayafter/report/qgis_style.hpp"

namespace dayafter::report {
namespace {

using io::FieldType;
using io::FieldValue;
using io::GeometryType;
using io::VectorFeature;
using io::VectorLayer;
using nlohmann::json;

/// Coordinates to 7 decimals (about 1 cm): finer is noise from the projection, not position.
double rounded(double degrees) {
    return std::round(degrees * 1e7) / 1e7;
}

json position(geo::Coord c) {
    return json::array({rounded(c.lon()), rounded(c.lat())});
}

json point_geometry(geo::Coord c) {
    return {{"type", "Point"}, {"coordinates", position(c)}};
}

json edge_line(const graph::RoadNetwork& net, EdgeId e) {
    json line = json::array();
    for (const geo::Coord c : net.geometry(e)) {
        line.push_back(position(c));
    }
    return line;
}

json multi_line(const graph::RoadNetwork& net, std::span<const EdgeId> edges) {
    json lines = json::array();
    for (const EdgeId e : edges) {
        lines.push_back(edge_line(net, e));
    }
    return {{"type", "MultiLineString"}, {"coordinates", std::move(lines)}};
}

FieldValue text_or_null(const std::string& text) {
    return text.empty() ? FieldValue{} : FieldValue{text};
}

FieldValue minutes(graph::Millis ms) {
    return ms >= graph::kNotUsable ? FieldValue{} : FieldValue{rounded(ms / 60000.0)};
}

std::string join(const std::vector<std::string>& items) {
    return fmt::format("{}", fmt::join(items, "; "));
}

/// Per edge, the effect per mode and the hazards that cause it.
struct EdgeHazards {
    std::map<std::uint32_t, std::array<model::Effect, 2>> effect;
    std::map<std::uint32_t, std::vector<std::string>> keys;
};

EdgeHazards edge_hazards(const snapshot::HazardEffects& effects) {
    EdgeHazards out;
    for (const snapshot::EdgeEffect& e : effects.edges) {
        out.effect[e.edge.value] = e.by_mode;
    }
    for (const snapshot::HazardImpact& h : effects.hazards) {
        for (const EdgeId e : h.edges) {
            out.keys[e.value].push_back(h.key);
        }
    }
    return out;
}

std::string_view road_state(graph::Millis now_ms, model::Effect effect) {
    if (effect == model::Effect::Block) {
        return "blocked";
    }
    if (now_ms >= graph::kNotUsable) {
        return "no access"; // a motorway on foot, a footway by car
    }
    return effect == model::Effect::Slow ? "slowed" : "open";
}

} // namespace

VectorLayer roads_layer(const snapshot::Snapshot& snapshot) {
    const graph::RoadNetwork& net = snapshot.town().roads;
    const EdgeHazards hazards = edge_hazards(snapshot.hazard_effects());
    VectorLayer layer{"roads",
                      "Road segments between junctions and their state now, per travel mode",
                      GeometryType::MultiLineString,
                      {{"osm_way", FieldType::Integer},
                       {"class", FieldType::Text},
                       {"bridge", FieldType::Integer},
                       {"length_m", FieldType::Real},
                       {"walk", FieldType::Text},
                       {"walk_minutes", FieldType::Real},
                       {"drive", FieldType::Text},
                       {"drive_minutes", FieldType::Real},
                       {"hazards", FieldType::Text}},
                      {},
                      roads_style()};
    layer.features.reserve(net.edge_count());
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        const auto found = hazards.effect.find(e.value);
        const std::array<model::Effect, 2> effect =
            found == hazards.effect.end() ? std::array<model::Effect, 2>{} : found->second;
        const auto keys = hazards.keys.find(e.value);
        const EdgeId one[] = {e};
        layer.features.push_back(
            {multi_line(net, one),
             {std::int64_t{net.edge_osm_way[e]}, std::string(graph::to_string(net.edge_class[e])),
              std::int64_t{net.edge_bridge[e].valid() ? 1 : 0}, rounded(net.edge_length_m[e]),
              std::string(road_state(net.edge_walk_ms[e], effect[0])), minutes(net.edge_walk_ms[e]),
              std::string(road_state(net.edge_drive_ms[e], effect[1])),
              minutes(net.edge_drive_ms[e]),
              keys == hazards.keys.end() ? FieldValue{} : FieldValue{join(keys->second)}}});
    }
    return layer;
}

VectorLayer facility_status_layer(const snapshot::Snapshot& snapshot) {
    const model::Town& town = snapshot.town();
    VectorLayer layer{"facilities",
                      "Facilities with their reported status (HeRAMS) and whether each functions",
                      GeometryType::Point,
                      {{"code", FieldType::Text},
                       {"name", FieldType::Text},
                       {"type", FieldType::Text},
                       {"status", FieldType::Text},
                       {"herams", FieldType::Text},
                       {"down_because", FieldType::Text},
                       {"damage", FieldType::Text},
                       {"operator", FieldType::Text},
                       {"funders", FieldType::Text},
                       {"reported", FieldType::Text},
                       {"source", FieldType::Text}},
                      {},
                      facilities_style()};
    for (FacilityId f{0}; f.value < town.facilities.size(); ++f.value) {
        const model::Facility& facility = town.facilities[f];
        const model::FacilityStatus* s = snapshot.status(f);
        auto field = [&](const std::string model::FacilityStatus::*member) {
            return s == nullptr ? FieldValue{} : text_or_null(s->*member);
        };
        layer.features.push_back(
            {point_geometry(facility.location),
             {facility.code, text_or_null(facility.name),
              std::string(model::to_string(facility.type)), std::string(status_label(facility, s)),
              s == nullptr ? FieldValue{}
                           : FieldValue{std::string(model::herams_code(s->functionality))},
              text_or_null(facility.down_because), field(&model::FacilityStatus::damage),
              field(&model::FacilityStatus::operator_org),
              s == nullptr || s->funders.empty() ? FieldValue{} : FieldValue{join(s->funders)},
              field(&model::FacilityStatus::reported), field(&model::FacilityStatus::source)}});
    }
    return layer;
}

namespace {

/// Splits GeoJSON geometries into the three layers' kinds; a GeometryCollection by its parts.
void add_parts(const json& geometry, std::vector<json>& points, std::vector<json>& lines,
               std::vector<json>& areas) {
    const std::string type = geometry.value("type", "");
    if (type == "Point") {
        points.push_back(geometry);
    } else if (type == "MultiPoint") {
        for (const json& c : geometry["coordinates"]) {
            points.push_back({{"type", "Point"}, {"coordinates", c}});
        }
    } else if (type == "LineString" || type == "MultiLineString") {
        lines.push_back(geometry);
    } else if (type == "Polygon" || type == "MultiPolygon") {
        areas.push_back(geometry);
    } else if (type == "GeometryCollection") {
        for (const json& part : geometry["geometries"]) {
            add_parts(part, points, lines, areas);
        }
    }
}

} // namespace

std::vector<VectorLayer> hazard_layers(const snapshot::Snapshot& snapshot) {
    const model::Town& town = snapshot.town();
    std::map<std::string, const snapshot::HazardImpact*> impact;
    for (const snapshot::HazardImpact& h : snapshot.hazard_effects().hazards) {
        impact[h.key] = &h;
    }
    std::map<std::int64_t, std::vector<EdgeId>> bridge_edges;
    for (EdgeId e{0}; e.value < town.roads.edge_count(); ++e.value) {
        if (town.roads.edge_bridge[e].valid()) {
            bridge_edges[town.roads.edge_osm_way[e]].push_back(e);
        }
    }
    const std::vector<io::FieldSpec> fields = {{"key", FieldType::Text},
                                               {"kind", FieldType::Text},
                                               {"name", FieldType::Text},
                                               {"damage", FieldType::Text},
                                               {"effect", FieldType::Text},
                                               {"owner", FieldType::Text},
                                               {"funder", FieldType::Text},
                                               {"accountable", FieldType::Text},
                                               {"blocked_roads", FieldType::Integer},
                                               {"slowed_roads", FieldType::Integer},
                                               {"source", FieldType::Text}};
    VectorLayer areas{"hazard_areas",
                      "Hazards drawn as areas: rubble, mined and insecure areas",
                      GeometryType::MultiPolygon,
                      fields,
                      {},
                      hazard_areas_style()};
    VectorLayer lines{"hazard_lines",
                      "Hazards drawn as lines, blown bridges among them",
                      GeometryType::MultiLineString,
                      fields,
                      {},
                      hazard_lines_style()};
    VectorLayer points{
        "hazard_points",      "Hazards reported at a point", GeometryType::Point, fields, {},
        hazard_points_style()};
    for (const model::Hazard& h : snapshot.reported().hazards) {
        const auto found = impact.find(h.key);
        const snapshot::HazardImpact* hit = found == impact.end() ? nullptr : found->second;
        const std::vector<FieldValue> values = {
            h.key,
            std::string(model::to_string(h.kind)),
            text_or_null(h.name),
            text_or_null(h.kind == model::HazardKind::Bridge
                             ? std::string(h.destroyed ? "destroyed" : "damaged")
                             : h.damage),
            h.effect ? FieldValue{std::string(model::to_string(*h.effect))} : FieldValue{},
            text_or_null(h.owner),
            text_or_null(h.funder),
            std::string(h.owner.empty() && h.funder.empty() ? "nobody's"
                        : h.owner.empty()                   ? "no owner"
                        : h.funder.empty()                  ? "no funder"
                                                            : "owned and funded"),
            std::int64_t{hit == nullptr ? 0 : hit->blocked},
            std::int64_t{hit == nullptr ? 0 : hit->slowed},
            text_or_null(h.source)};
        std::vector<json> at_points;
        std::vector<json> at_lines;
        std::vector<json> at_areas;
        if (h.geometry.is_object()) {
            add_parts(h.geometry, at_points, at_lines, at_areas);
        } else if (h.osm_way) {
            const auto edges = bridge_edges.find(*h.osm_way);
            if (edges != bridge_edges.end()) {
                at_lines.push_back(multi_line(town.roads, edges->second));
            }
        }
        for (json& g : at_points) {
            points.features.push_back({std::move(g), values});
        }
        for (json& g : at_lines) {
            lines.features.push_back({std::move(g), values});
        }
        for (json& g : at_areas) {
            areas.features.push_back({std::move(g), values});
        }
    }
    return {std::move(areas), std::move(lines), std::move(points)};
}

namespace {

VectorLayer admin_layer(const snapshot::Snapshot& snapshot) {
    VectorLayer layer{"admin_areas",
                      "Admin areas by P-code",
                      GeometryType::MultiPolygon,
                      {{"pcode", FieldType::Text},
                       {"name", FieldType::Text},
                       {"level", FieldType::Integer},
                       {"parent", FieldType::Text}},
                      {},
                      admin_areas_style()};
    for (const model::AdminArea& a : snapshot.reported().areas) {
        layer.features.push_back(
            {a.geometry,
             {a.pcode, text_or_null(a.name), std::int64_t{a.level}, text_or_null(a.parent)}});
    }
    return layer;
}

} // namespace

VectorLayer places_layer(const model::Town& town, std::span<const model::Place> places,
                         std::span<const access::ServiceAccess> results) {
    VectorLayer layer{
        "places",
        "Where people are (counts per place, never named people)" +
            std::string(results.empty() ? "" : ", with their access per service"),
        GeometryType::Point,
        {{"code", FieldType::Text}, {"population", FieldType::Real}, {"area", FieldType::Text}},
        {},
        places_style(results.empty() ? "" : results.front().service.name)};
    for (const access::ServiceAccess& r : results) {
        layer.fields.push_back({amount_column(r), FieldType::Real});
        layer.fields.push_back({r.service.name + "_facility", FieldType::Text});
        layer.fields.push_back({r.service.name + "_access", FieldType::Text});
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        const model::Place& p = places[i];
        VectorFeature feature{point_geometry(p.location),
                              {p.code, rounded(p.population), text_or_null(p.area)}};
        for (const access::ServiceAccess& r : results) {
            const access::PlaceAccess& a = r.places[i];
            const std::optional<double> amount = amount_for_people(r, a);
            // As places.csv gives them: minutes to the hundredth, metres to the decimetre.
            const double scale = r.service.measure == model::Measure::Time ? 100 : 10;
            // Null unless known; set in place rather than chosen between two variants, which
            // GCC 12 at -O2 with the sanitizers takes for a read of an uninitialised string.
            feature.values.emplace_back();
            if (amount) {
                feature.values.back() = std::round(*amount * scale) / scale;
            }
            feature.values.emplace_back();
            if (amount && a.facility.valid()) {
                feature.values.back() = town.facilities[a.facility].code;
            }
            feature.values.push_back(std::string(access::to_string(a.reach)));
        }
        layer.features.push_back(std::move(feature));
    }
    return layer;
}

namespace {

VectorLayer catchments_layer(const model::Town& town,
                             std::span<const access::ServiceAccess> results) {
    VectorLayer layer{"catchments",
                      "Per service and facility, the roads whose people it serves",
                      GeometryType::MultiLineString,
                      {{"service", FieldType::Text},
                       {"facility", FieldType::Text},
                       {"name", FieldType::Text},
                       {"population", FieldType::Real},
                       {"capacity", FieldType::Real},
                       {"unserved", FieldType::Real}},
                      {},
                      catchments_style()};
    for (const access::ServiceAccess& r : results) {
        const std::vector<std::vector<EdgeId>> edges = catchment_edges(town, r);
        for (std::size_t i = 0; i < r.facilities.size(); ++i) {
            if (edges[i].empty()) {
                continue;
            }
            const access::FacilityLoad& load = r.facilities[i];
            const model::Facility& f = town.facilities[load.facility];
            layer.features.push_back(
                {multi_line(town.roads, edges[i]),
                 {r.service.name, f.code, text_or_null(f.name), std::round(load.population),
                  load.capacity ? FieldValue{std::round(*load.capacity)} : FieldValue{},
                  std::round(load.unserved)}});
        }
    }
    return layer;
}

} // namespace

std::string amount_column(const access::ServiceAccess& r) {
    return r.service.measure == model::Measure::Time ? r.service.name + "_minutes"
                                                     : r.service.name + "_metres";
}

std::optional<double> amount_for_people(const access::ServiceAccess& r,
                                        const access::PlaceAccess& place) {
    if (place.reach == access::Reach::CutOff) {
        return std::nullopt;
    }
    const double units = r.amount_in_units(place.amount);
    return r.service.measure == model::Measure::Time ? units / 60 : units;
}

std::string_view status_label(const model::Facility& facility,
                              const model::FacilityStatus* status) {
    if (facility.functioning == false) {
        return "not functioning";
    }
    if (status == nullptr) {
        return "no status";
    }
    return status->functionality == model::Functionality::Partially ? "partially functioning"
                                                                    : "functioning";
}

std::vector<std::vector<EdgeId>> catchment_edges(const model::Town& town,
                                                 const access::ServiceAccess& r) {
    const graph::RoadNetwork& net = town.roads;
    std::vector<std::vector<EdgeId>> edges_of(r.facilities.size());
    std::vector<std::uint32_t> slot(town.facilities.size(), 0);
    for (std::uint32_t i = 0; i < r.facilities.size(); ++i) {
        slot[r.facilities[i].facility.value] = i;
    }
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        const FacilityId f = r.node_facility[net.edge_from[e].value];
        if (f.valid() && f == r.node_facility[net.edge_to[e].value]) {
            edges_of[slot[f.value]].push_back(e);
        }
    }
    return edges_of;
}

std::vector<io::VectorLayer> town_layers(const snapshot::Snapshot& snapshot,
                                         std::span<const model::Place> places,
                                         std::span<const access::ServiceAccess> results) {
    std::vector<VectorLayer> all;
    all.push_back(roads_layer(snapshot));
    all.push_back(facility_status_layer(snapshot));
    for (VectorLayer& layer : hazard_layers(snapshot)) {
        all.push_back(std::move(layer));
    }
    all.push_back(admin_layer(snapshot));
    if (!places.empty()) {
        all.push_back(places_layer(snapshot.town(), places, results));
    }
    if (!results.empty()) {
        all.push_back(catchments_layer(snapshot.town(), results));
    }
    std::erase_if(all, [](const VectorLayer& layer) { return layer.features.empty(); });
    return all;
}

} // namespace dayafter::report
