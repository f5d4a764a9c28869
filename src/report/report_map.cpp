// The report's map: the GIS layers (report/gis_layers.hpp) as the page draws them.
#include "report_map.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "dayafter/report/gis_layers.hpp"

namespace dayafter::report {
namespace {

using nlohmann::json;

std::vector<std::string> split_list(const std::string& joined) {
    std::vector<std::string> items;
    std::size_t from = 0;
    while (from < joined.size()) {
        const std::size_t at = joined.find("; ", from);
        const std::size_t to = at == std::string::npos ? joined.size() : at;
        if (to > from) {
            items.push_back(joined.substr(from, to - from));
        }
        from = to == joined.size() ? to : to + 2;
    }
    return items;
}

json value_json(const io::FieldValue& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        return *text;
    }
    if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        return *integer;
    }
    if (const auto* real = std::get_if<double>(&value)) {
        return *real;
    }
    return nullptr;
}

/// One layer's features as GeoJSON with their fields as properties; `text` names the fields
/// whose absent value the page reads as "" rather than null.
std::vector<json> features_of(const io::VectorLayer& layer, const std::set<std::string>& text) {
    std::vector<json> features;
    features.reserve(layer.features.size());
    for (const io::VectorFeature& f : layer.features) {
        json properties = json::object();
        for (std::size_t i = 0; i < layer.fields.size(); ++i) {
            json value = value_json(f.values[i]);
            if (value.is_null() && text.contains(layer.fields[i].name)) {
                value = "";
            }
            properties[layer.fields[i].name] = std::move(value);
        }
        features.push_back(
            {{"type", "Feature"}, {"geometry", f.geometry}, {"properties", std::move(properties)}});
    }
    return features;
}

json collection(std::vector<json> features) {
    return {{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

/// Roads with a bridge flag, their hazards as a list, and "mined" where a contaminated area is
/// what blocks them (the GeoPackage says "blocked" for rubble and mines alike).

json roads_json(const snapshot::Snapshot& snapshot, const std::set<std::string>& mined_keys) {
    std::vector<json> features = features_of(roads_layer(snapshot), {});
    for (json& f : features) {
        json& p = f["properties"];
        p["bridge"] = p["bridge"].get<std::int64_t>() != 0;
        p["length_m"] = rounded(p["length_m"].get<double>(), 10);
        const std::vector<std::string> keys = split_list(text_of(p["hazards"]));
        const bool mined = std::any_of(
            keys.begin(), keys.end(), [&](const std::string& k) { return mined_keys.contains(k); });
        for (const char* mode : {"walk", "drive"}) {
            if (mined && p[mode] == "blocked") {
                p[mode] = "mined";
            }
            const std::string minutes = std::string(mode) + "_minutes";
            if (p[minutes].is_number()) {
                p[minutes] = rounded(p[minutes].get<double>(), 100);
            }
        }
        p["hazards"] = keys;
    }
    return collection(std::move(features));
}

json facilities_json(const snapshot::Snapshot& snapshot, const StatusReport& status) {
    std::map<std::string, json> gaps;
    for (const Gap& g : status.staff) {
        gaps[g.facility].push_back(
            {{"what", "staff " + g.what}, {"have", g.have}, {"need", g.need}});
    }
    for (const Gap& g : status.equipment) {
        gaps[g.facility].push_back(
            {{"what", "equipment " + g.what + " working"}, {"have", g.have}, {"need", g.need}});
    }
    std::vector<json> features =
        features_of(facility_status_layer(snapshot),
                    {"name", "herams", "down_because", "damage", "operator", "reported", "source"});
    const model::Town& town = snapshot.town();
    for (std::size_t i = 0; i < features.size(); ++i) {
        json& p = features[i]["properties"];
        const model::FacilityStatus* s = snapshot.status(FacilityId{static_cast<std::uint32_t>(i)});
        std::vector<std::string> causes;
        if (s != nullptr) {
            for (std::string cause : s->causes) {
                std::replace(cause.begin(), cause.end(), '_', ' ');
                causes.push_back(std::move(cause));
            }
        }
        p["causes"] = causes;
        const auto found =
            gaps.find(town.facilities[FacilityId{static_cast<std::uint32_t>(i)}].code);
        p["gaps"] = found == gaps.end() ? json::array() : found->second;
        p["funders"] = split_list(text_of(p["funders"]));
    }
    return collection(std::move(features));
}

json hazards_json(const std::vector<io::VectorLayer>& layers) {
    std::vector<json> all;
    for (const io::VectorLayer& layer : layers) {
        for (json& f :
             features_of(layer, {"name", "damage", "effect", "owner", "funder", "source"})) {
            all.push_back(std::move(f));
        }
    }
    return collection(std::move(all));
}

json places_json(const model::Town& town, std::span<const model::Place> places,
                 std::span<const access::ServiceAccess> results) {
    std::vector<json> features = features_of(places_layer(town, places, results), {});
    for (json& f : features) {
        f["properties"].erase("area");
    }
    return collection(std::move(features));
}

/// [west, south, east, north] of where the report's data is (places, hazards, facilities with a
/// status), padded by a tenth: an extract usually reaches well beyond the town.
std::optional<json> bounds_of(const std::vector<const json*>& collections) {
    double box[4] = {
        std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    std::function<void(const json&)> visit = [&](const json& c) {
        if (c.is_array() && c.size() >= 2 && c[0].is_number()) {
            box[0] = std::min(box[0], c[0].get<double>());
            box[1] = std::min(box[1], c[1].get<double>());
            box[2] = std::max(box[2], c[0].get<double>());
            box[3] = std::max(box[3], c[1].get<double>());
        } else if (c.is_array()) {
            for (const json& inner : c) {
                visit(inner);
            }
        }
    };
    for (const json* features : collections) {
        for (const json& f : *features) {
            const json& p = f["properties"];
            if (p.contains("status") && p["status"] == "no status") {
                continue;
            }
            if (f["geometry"].is_object()) {
                visit(f["geometry"]["coordinates"]);
            }
        }
    }
    if (!(box[0] <= box[2])) {
        return std::nullopt;
    }
    const double pad = std::max({box[2] - box[0], box[3] - box[1], 0.002}) * 0.1;
    return json::array({rounded(box[0] - pad, 1e6), rounded(box[1] - pad, 1e6),
                        rounded(box[2] + pad, 1e6), rounded(box[3] + pad, 1e6)});
}

} // namespace

json report_map(const snapshot::Snapshot& snapshot, const StatusReport& status,
                std::span<const model::Place> places,
                std::span<const access::ServiceAccess> results) {
    const std::vector<io::VectorLayer> hazard_layer_list = hazard_layers(snapshot);
    std::set<std::string> mined;
    for (const io::VectorLayer& layer : hazard_layer_list) {
        for (const io::VectorFeature& f : layer.features) {
            // Fields: key, kind, ...
            if (value_json(f.values[1]) == "contamination") {
                mined.insert(text_of(value_json(f.values[0])));
            }
        }
    }
    json map = {{"roads", roads_json(snapshot, mined)},
                {"facilities", facilities_json(snapshot, status)},
                {"hazards", hazards_json(hazard_layer_list)},
                {"places", places_json(snapshot.town(), places, results)}};
    if (const auto bounds = bounds_of({&map["places"]["features"], &map["hazards"]["features"],
                                       &map["facilities"]["features"]})) {
        map["bounds"] = *bounds;
    }
    return map;
}

} // namespace dayafter::report
