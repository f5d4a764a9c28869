#include "dayafter/registry/rematch.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "dayafter/geo/coord.hpp"
#include "dayafter/registry/load.hpp"
#include "dayafter/registry/registry.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry {
namespace {

/// Where and what a registry facility is: its old map facility, or what its records say.
struct Situated {
    std::optional<geo::Coord> where;
    std::optional<model::FacilityType> type;
};

Situated situate(const std::string& key, const nlohmann::json& data,
                 const std::map<std::string, const model::Facility*>& old_by_code) {
    if (const auto found = old_by_code.find(key); found != old_by_code.end()) {
        return {found->second->location, found->second->type};
    }
    Situated s;
    if (data.contains("lat") && data.contains("lon") && data["lat"].is_number() &&
        data["lon"].is_number()) {
        s.where = geo::Coord::from_degrees(data["lon"].get<double>(), data["lat"].get<double>());
    }
    if (data.contains("type") && data["type"].is_string()) {
        s.type = model::parse_facility_type(data["type"].get<std::string>());
    }
    return s;
}

/// One record per version of `move.from`, now under `move.to`, then the one that retires it.
void add_records(const FacilityMove& move, const store::History& history,
                 std::vector<store::Record>& records) {
    std::string first_date;
    for (const store::Record& r : history.records) {
        if (r.kind != to_string(Kind::Facilities) || r.key != move.from) {
            continue;
        }
        nlohmann::json data = nlohmann::json::parse(r.data);
        data.erase("added"); // on the map now
        records.push_back({0, 0, r.kind, move.to, r.reported, r.line, data.dump()});
        if (first_date.empty() || r.reported < first_date) {
            first_date = r.reported;
        }
    }
    // Dated as its first version, so the old key is retired at every date it ever reported on.
    const nlohmann::json retire = {{kReplacedBy, move.to}, {"matched_by", move.how}};
    records.push_back(
        {0, 0, std::string(to_string(Kind::Facilities)), move.from, first_date, 0, retire.dump()});
}

} // namespace

Rematch rematch_facilities(const model::Town& old_map, const model::Town& new_map,
                           const store::History& history, double within_m) {
    const Registry current = Registry::at(history, std::nullopt);
    std::map<std::string, const model::Facility*> old_by_code;
    for (const model::Facility& f : old_map.facilities) {
        old_by_code.emplace(f.code, &f);
    }
    std::map<std::string, const model::Facility*> new_by_code;
    for (const model::Facility& f : new_map.facilities) {
        new_by_code.emplace(f.code, &f);
    }
    // A facility with a history of its own keeps it: two histories are never merged. One the
    // old map had too is itself, not a new drawing of another.
    std::set<std::string> taken;
    for (const auto& [code, f] : old_by_code) {
        taken.insert(code);
    }
    for (const store::Record& r : history.records) {
        if (r.kind == to_string(Kind::Facilities)) {
            taken.insert(r.key);
        }
    }

    Rematch rematch;
    std::vector<std::tuple<double, std::string, std::string>> near; // distance, from, to
    std::vector<std::string> unmatched;
    for (const auto& [key, entry] : current.objects(Kind::Facilities)) {
        if (new_by_code.contains(key)) {
            continue; // by code
        }
        // The OSM id a partner gave for a facility the old map lacked, or its own code.
        std::optional<std::string> osm = detail::osm_code(entry.data.value("osm_id", ""));
        if (!osm) {
            osm = detail::osm_code(entry.data.value("ext_code", ""));
        }
        if (osm && new_by_code.contains(*osm) && !taken.contains(*osm)) {
            taken.insert(*osm);
            rematch.moved.push_back({key, *osm, "OSM id"});
            continue;
        }
        const Situated s = situate(key, entry.data, old_by_code);
        if (s.where && s.type) {
            for (const auto& [code, f] : new_by_code) {
                const double d = geo::distance_m(*s.where, f->location);
                if (f->type == *s.type && d <= within_m && !taken.contains(code)) {
                    near.emplace_back(d, key, code);
                }
            }
        }
        if (!entry.data.value("added", false)) {
            unmatched.push_back(key); // on the old map: lost unless a position matches below
        }
    }
    std::sort(near.begin(), near.end());
    std::set<std::string> placed;
    for (const auto& [d, from, to] : near) {
        if (!placed.contains(from) && !taken.contains(to)) {
            placed.insert(from);
            taken.insert(to);
            rematch.moved.push_back({from, to, fmt::format("position ({:.0f} m)", d)});
        }
    }
    for (const std::string& key : unmatched) {
        if (!placed.contains(key)) {
            rematch.lost.push_back(key);
        }
    }
    std::sort(rematch.moved.begin(), rematch.moved.end(),
              [](const FacilityMove& a, const FacilityMove& b) { return a.from < b.from; });
    for (const FacilityMove& move : rematch.moved) {
        add_records(move, history, rematch.records);
    }
    if (!rematch.records.empty()) {
        rematch.current = current_update(history, rematch.records);
    }
    return rematch;
}

} // namespace dayafter::registry
