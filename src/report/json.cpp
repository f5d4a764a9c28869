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
            {"facilities", r.facilities.size() - r.unsnapped},
            {"facilities_unsnapped", r.unsnapped},
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
