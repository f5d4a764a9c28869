#include "dayafter/snapshot/decode.hpp"

#include <optional>

namespace dayafter::snapshot {
namespace {

using nlohmann::json;

std::string text(const json& d, const char* field) {
    const auto found = d.find(field);
    return found != d.end() && found->is_string() ? found->get<std::string>() : std::string();
}

template <typename T> std::optional<T> number(const json& d, const char* field) {
    const auto found = d.find(field);
    return found != d.end() && found->is_number() ? std::optional<T>(found->get<T>())
                                                  : std::nullopt;
}

/// A list field, or a single text given where a list may be.
std::vector<std::string> texts(const json& d, const char* field) {
    std::vector<std::string> out;
    const auto found = d.find(field);
    if (found == d.end()) {
        return out;
    }
    if (found->is_string()) {
        out.push_back(found->get<std::string>());
    } else if (found->is_array()) {
        for (const json& item : *found) {
            out.push_back(item.get<std::string>());
        }
    }
    return out;
}

std::optional<geo::Coord> position(const json& d) {
    const auto lat = number<double>(d, "lat");
    const auto lon = number<double>(d, "lon");
    if (!lat || !lon) {
        return std::nullopt;
    }
    return geo::Coord::from_degrees(*lon, *lat);
}

model::AdminCodes admin_codes(const json& d) {
    return {text(d, "adm1"), text(d, "adm2"), text(d, "adm3"), text(d, "adm4")};
}

std::map<std::string, model::Count> counts(const json& d, const char* group, const char* have,
                                           const char* need) {
    std::map<std::string, model::Count> out;
    const auto found = d.find(group);
    if (found == d.end() || !found->is_object()) {
        return out;
    }
    for (const auto& [what, c] : found->items()) {
        out[what] = {number<std::int64_t>(c, have), number<std::int64_t>(c, need)};
    }
    return out;
}

model::FacilityStatus facility(const std::string& key, const registry::Entry& entry) {
    const json& d = entry.data;
    model::FacilityStatus s;
    s.key = key;
    s.ext_code = text(d, "ext_code");
    s.name = text(d, "name");
    s.type = model::parse_facility_type(text(d, "type"));
    s.location = position(d);
    s.added = d.value("added", false);
    s.capacity_people = number<double>(d, "capacity_people");
    const std::string functionality = text(d, "functionality");
    s.functionality = functionality == "A1"   ? model::Functionality::Fully
                      : functionality == "A2" ? model::Functionality::Partially
                                              : model::Functionality::Not;
    s.damage = text(d, "damage");
    s.equipment_condition = text(d, "equipment_condition");
    s.access = text(d, "access");
    s.causes = texts(d, "causes");
    s.operator_org = text(d, "operator");
    s.funders = texts(d, "funders");
    s.adm1 = text(d, "adm1");
    s.adm2 = text(d, "adm2");
    s.power_source = text(d, "power_source");
    s.power_substation = text(d, "power_substation");
    s.generator = text(d, "generator");
    s.water_source = text(d, "water_source");
    s.water_facility = text(d, "water_facility");
    s.staff = counts(d, "staff", "present", "needed");
    s.equipment = counts(d, "equipment", "working", "total");
    s.reported = entry.reported;
    s.source = text(d, "source");
    return s;
}

model::Hazard hazard(const std::string& key, const json& d) {
    model::Hazard h;
    h.key = key;
    h.kind = model::parse_hazard_kind(text(d, "kind")).value_or(model::HazardKind::Rubble);
    h.damage = text(d, "damage");
    h.volume_m3 = number<double>(d, "volume_m3");
    h.osm_way = number<std::int64_t>(d, "osm_way");
    h.destroyed = d.value("state", std::string("destroyed")) == "destroyed";
    if (d.contains("effect")) {
        h.effect = model::parse_effect(text(d, "effect")).value_or(model::Effect::None);
    }
    if (const auto geometry = d.find("geometry"); geometry != d.end() && geometry->is_object()) {
        h.geometry = *geometry;
    }
    h.name = text(d, "name");
    h.owner = text(d, "owner");
    h.funder = text(d, "funder");
    h.source = text(d, "source");
    return h;
}

void population(const std::string& key, const json& d, Reported& out) {
    if (const auto level = number<int>(d, "level"); level && d.contains("geometry")) {
        out.areas.push_back({key, d.value("pcode", key), *level, text(d, "name"), text(d, "parent"),
                             d["geometry"]});
        return;
    }
    if (const auto pcode = d.find("pcode"); pcode != d.end() && !d.contains("lat")) {
        out.area_counts.push_back({key, pcode->get<std::string>(),
                                   number<double>(d, "population").value_or(0), text(d, "group"),
                                   text(d, "name")});
        return;
    }
    const auto where = position(d);
    const auto people = number<double>(d, "population");
    if (where && people) {
        out.population.push_back({key, text(d, "name"), *where, *people, text(d, "group"),
                                  text(d, "site"), admin_codes(d)});
    }
}

model::Activity activity(const std::string& key, const json& d) {
    return {key,
            text(d, "org"),
            text(d, "funder"),
            text(d, "sector"),
            text(d, "name"),
            text(d, "place"),
            text(d, "object"),
            position(d),
            text(d, "status"),
            text(d, "start"),
            text(d, "end"),
            number<std::int64_t>(d, "targeted"),
            number<std::int64_t>(d, "reached"),
            number<double>(d, "budget"),
            text(d, "currency"),
            admin_codes(d)};
}

} // namespace

const model::FacilityStatus* Reported::facility(const std::string& code) const {
    const auto found = facilities.find(code);
    return found == facilities.end() ? nullptr : &found->second;
}

Reported decode(const registry::Registry& state) {
    using registry::Kind;
    Reported out;
    for (const auto& [key, entry] : state.objects(Kind::Facilities)) {
        model::FacilityStatus status = facility(key, entry);
        // A code of a facility re-matched by `import osm --update` means its new key.
        status.power_substation = state.successor(status.power_substation);
        status.water_facility = state.successor(status.water_facility);
        out.facilities.emplace(key, std::move(status));
    }
    for (const auto& [key, entry] : state.objects(Kind::Hazards)) {
        out.hazards.push_back(hazard(key, entry.data));
    }
    for (const auto& [key, entry] : state.objects(Kind::Population)) {
        population(key, entry.data, out);
    }
    for (const auto& [key, entry] : state.objects(Kind::Orgs)) {
        out.orgs.push_back({key, text(entry.data, "name"), text(entry.data, "type"),
                            texts(entry.data, "sectors")});
    }
    for (const auto& [key, entry] : state.objects(Kind::Resources)) {
        const json& d = entry.data;
        out.resources.push_back({key, text(d, "org"), text(d, "type"), text(d, "name"),
                                 number<std::int64_t>(d, "count").value_or(0), text(d, "start"),
                                 text(d, "end"), admin_codes(d), text(d, "entry_point")});
    }
    for (const auto& [key, entry] : state.objects(Kind::Funding)) {
        const json& d = entry.data;
        out.funding.push_back({key, text(d, "donor"), text(d, "recipient"), text(d, "window"),
                               number<double>(d, "amount").value_or(0), text(d, "currency"),
                               text(d, "sector"), text(d, "start"), text(d, "end")});
    }
    for (const auto& [key, entry] : state.objects(Kind::Activities)) {
        out.activities.push_back(activity(key, entry.data));
        out.activities.back().object = state.successor(out.activities.back().object);
    }
    return out;
}

} // namespace dayafter::snapshot
