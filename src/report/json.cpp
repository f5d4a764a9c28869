#include "dayafter/report/json.hpp"

namespace dayafter::report {
namespace {

using nlohmann::json;

json area_json(const AreaStatus& a) {
    return json{{"pcode", a.pcode},
                {"name", a.name},
                {"fully", a.fully},
                {"partially", a.partially},
                {"not_functioning", a.not_functioning},
                {"no_status", a.no_status},
                {"people", a.people},
                {"displaced", a.displaced},
                {"activities", a.activities},
                {"orgs", a.orgs}};
}

json service_json(const access::ServiceAccess& r) {
    return {{"service", r.service.name},
            {"mode", graph::to_string(r.mode)},
            {"measure", model::to_string(r.service.measure)},
            {"threshold", r.service.threshold},
            {"threshold_source", r.service.threshold_source},
            {"facilities", r.serving()},
            {"facilities_unsnapped", r.unsnapped},
            {"facilities_not_functioning", r.not_functioning},
            {"people", r.total},
            {"within", r.within},
            {"beyond", r.beyond},
            {"cut_off", r.cut_off},
            {"capacity_people",
             r.service.capacity_people ? json(*r.service.capacity_people) : json(nullptr)},
            {"overloaded_facilities", r.overloaded},
            {"people_not_taken", r.unserved}};
}

} // namespace

json info_json(const model::Town& town, const model::TownSummary& s) {
    json modes = json::object();
    for (const graph::TravelMode mode : graph::kTravelModes) {
        const model::ModeConnectivity& c = s.modes[static_cast<std::size_t>(mode)];
        modes[std::string(graph::to_string(mode))] = {
            {"usable_nodes", c.usable_nodes},
            {"components", c.component_count},
            {"largest_component_nodes", c.largest_component_nodes},
            {"largest_component_share", c.largest_component_share},
            {"osm_road_nodes", c.osm_nodes},
            {"osm_road_nodes_in_largest", c.osm_nodes_in_largest},
            {"road_km", c.road_km}};
    }
    return {{"source",
             {{"file", town.source.file_name},
              {"osm_timestamp", town.source.osm_timestamp},
              {"imported_with", town.source.imported_with},
              {"licence", "(c) OpenStreetMap contributors, ODbL 1.0"}}},
            {"nodes", s.node_count},
            {"edges", s.edge_count},
            {"road_ways", town.report.road_ways},
            {"road_km", s.road_km},
            {"road_km_by_class", s.road_km_by_class},
            {"bridges", s.bridge_count},
            {"bridges_over_water", s.bridges_over_water},
            {"bridges_by_waterway", s.bridges_by_waterway},
            {"waterways", s.waterway_count},
            {"facilities", s.facility_count},
            {"facilities_by_type", s.facilities_by_type},
            {"buildings", s.building_count},
            {"buildings_with_levels", s.buildings_with_levels},
            {"building_footprint_m2", s.building_footprint_m2},
            {"modes", modes},
            {"bbox", {s.bounds.min_lon, s.bounds.min_lat, s.bounds.max_lon, s.bounds.max_lat}},
            {"import_report",
             {{"ways_missing_nodes", town.report.ways_missing_nodes},
              {"buildings_without_area", town.report.buildings_without_area},
              {"facilities_approximate", town.report.facilities_approximate},
              {"facilities_unsnapped", town.report.facilities_unsnapped}}}};
}

json status_json(const snapshot::Snapshot& snapshot, const StatusReport& status,
                 const std::optional<AreaReport>& areas) {
    json out;
    out["as_of"] = snapshot.as_of() ? json(*snapshot.as_of()) : json();
    for (const auto& s : status.services) {
        out["services"].push_back({{"service", s.service},
                                   {"fully", s.fully},
                                   {"partially", s.partially},
                                   {"not_functioning", s.not_functioning},
                                   {"down_by_dependency", s.down_by_dependency},
                                   {"unknown", s.unknown},
                                   {"causes", s.causes}});
    }
    for (const auto& [facility, why] : status.down) {
        out["down"].push_back({{"facility", facility}, {"why", why}});
    }
    for (const auto& p : status.single_points) {
        out["single_points_of_failure"].push_back({{"facility", p.facility}, {"reason", p.reason}});
    }
    if (areas) {
        out["areas"] = json::array();
        for (const auto& a : areas->areas) {
            out["areas"].push_back(area_json(a));
        }
        out["outside_areas"] = area_json(areas->outside);
    }
    const snapshot::SituationCounts& c = snapshot.counts();
    out["hazards"] = {{"edges_blocked_walk", c.edges_blocked[0]},
                      {"edges_blocked_drive", c.edges_blocked[1]},
                      {"edges_slowed_walk", c.edges_slowed[0]},
                      {"edges_slowed_drive", c.edges_slowed[1]}};
    return out;
}

json owners_json(const OwnersReport& owners) {
    json out;
    out["facilities_without_owner"] = owners.facilities_without_owner;
    out["facilities_without_funder"] = owners.facilities_without_funder;
    out["hazards_without_owner"] = owners.hazards_without_owner;
    out["hazards_without_funder"] = owners.hazards_without_funder;
    for (const auto& o : owners.orgs) {
        out["orgs"].push_back({{"org", o.org},
                               {"registered", o.registered},
                               {"operates", o.operates},
                               {"owns", o.owns},
                               {"funds", o.funds},
                               {"activities", o.activities},
                               {"resources", o.resources},
                               {"funding_given", o.funding_given},
                               {"funding_received", o.funding_received}});
    }
    return out;
}

json history_json(std::span<const HistoryRow> rows) {
    json out = json::array();
    for (const HistoryRow& row : rows) {
        out.push_back({{"recorded_at", row.recorded_at},
                       {"recorded_by", row.recorded_by},
                       {"reported", row.reported},
                       {"kind", row.kind},
                       {"key", row.key},
                       {"change", row.is_new ? "new" : "changed"},
                       {"fields", row.fields},
                       {"source", row.source}});
    }
    return out;
}

json access_json(const snapshot::Snapshot& snapshot, std::span<const access::ServiceAccess> results,
                 std::span<const Skipped> skipped) {
    const snapshot::SituationCounts& c = snapshot.counts();
    const model::PopulationEstimate& estimate = snapshot.population();
    json out;
    out["facility_status"] = c.with_status == 0 ? "unknown" : "loaded";
    out["facilities_with_status"] = c.with_status;
    out["facilities_not_functioning"] = c.not_functioning;
    out["edges_blocked"] = {{"walk", c.edges_blocked[0]}, {"drive", c.edges_blocked[1]}};
    out["population"] = {{"total", estimate.total},
                         {"places", estimate.places.size()},
                         {"source", model::to_string(estimate.source)},
                         {"scaled", estimate.scaled}};
    for (const access::ServiceAccess& r : results) {
        out["services"].push_back(service_json(r));
    }
    for (const Skipped& s : skipped) {
        out["skipped"].push_back({{"service", s.service}, {"reason", s.reason}});
    }
    return out;
}

} // namespace dayafter::report
