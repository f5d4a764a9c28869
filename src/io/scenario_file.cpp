#include "dayafter/io/scenario_file.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "dayafter/io/geojson.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

using nlohmann::json;

/// Reads one change object's fields, remembering which it used so the rest can be refused.
class Fields {
public:
    Fields(const json& object, std::string origin, std::string path)
        : object_(object), origin_(std::move(origin)), path_(std::move(path)) {}

    [[noreturn]] void fail(std::string_view key, std::string_view message) const {
        throw InputError(
            fmt::format("{}: {}{}{}: {}", origin_, path_, key.empty() ? "" : ".", key, message));
    }
    [[nodiscard]] bool has(const char* key) {
        used_.insert(key);
        return object_.contains(key);
    }
    [[nodiscard]] std::string text(const char* key, bool required = true) {
        if (!has(key)) {
            if (required) {
                fail(key, "is missing");
            }
            return {};
        }
        const json& v = object_.at(key);
        if (!v.is_string() || v.get<std::string>().empty()) {
            fail(key, "must be a non-empty string");
        }
        return v.get<std::string>();
    }
    [[nodiscard]] std::optional<double> number(const char* key, double low, double high) {
        if (!has(key)) {
            return std::nullopt;
        }
        const json& v = object_.at(key);
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < low ||
            v.get<double>() > high) {
            fail(key, fmt::format("must be a number from {} to {}", low, high));
        }
        return v.get<double>();
    }
    [[nodiscard]] std::optional<std::int64_t> way(const char* key) {
        if (!has(key)) {
            return std::nullopt;
        }
        const json& v = object_.at(key);
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
            fail(key, "must be an OSM way id (a whole number > 0)");
        }
        return v.get<std::int64_t>();
    }
    [[nodiscard]] geo::Coord point() {
        const auto lat = number("lat", -90, 90);
        const auto lon = number("lon", -180, 180);
        if (!lat || !lon) {
            fail("", "needs lat and lon");
        }
        return geo::Coord::from_degrees(*lon, *lat);
    }
    [[nodiscard]] const json& raw(const char* key) {
        used_.insert(key);
        return object_.at(key);
    }
    /// Refuses keys this change does not take.
    void done() const {
        for (const auto& [key, value] : object_.items()) {
            if (!used_.contains(key)) {
                fail(key, "unknown key for this change");
            }
        }
    }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& origin() const { return origin_; }

private:
    const json& object_;
    std::string origin_;
    std::string path_;
    std::set<std::string> used_{"do"};
};

model::Change roads(Fields& f, bool block) {
    model::RoadChange c{.block = block, .way = f.way("way")};
    if (f.has("polygon")) {
        const json& p = f.raw("polygon");
        if (!p.is_object() ||
            (p.value("type", "") != "Polygon" && p.value("type", "") != "MultiPolygon")) {
            f.fail("polygon", "must be a GeoJSON Polygon or MultiPolygon");
        }
        c.polygon = p;
    }
    if (c.way.has_value() == !c.polygon.is_null()) {
        f.fail("", "give way or polygon, one of them");
    }
    return c;
}

model::Change facility(Fields& f, model::FacilityChange::Action action) {
    model::FacilityChange c{.action = action, .code = f.text("code")};
    if (action == model::FacilityChange::Action::Damage) {
        c.damage = f.text("damage");
        if (c.damage != "A2" && c.damage != "A3" && c.damage != "A4") {
            f.fail("damage", "must be a HeRAMS building condition: A2, A3 or A4");
        }
    }
    return c;
}

model::Change people_moved(Fields& f) {
    model::PeopleMoved c{.area = f.text("area"),
                         .count = f.number("count", 0, 1e9),
                         .share = f.number("share", 0, 1)};
    if (c.count.has_value() == c.share.has_value()) {
        f.fail("", "give count or share, one of them");
    }
    if (f.has("to_camps")) {
        const json& camps = f.raw("to_camps");
        if (!camps.is_array() || camps.empty()) {
            f.fail("to_camps", "must be a list of camps");
        }
        double total = 0;
        for (std::size_t k = 0; k < camps.size(); ++k) {
            if (!camps[k].is_object()) {
                f.fail(fmt::format("to_camps[{}]", k), "must be an object");
            }
            Fields camp(camps[k], f.origin(), fmt::format("{}.to_camps[{}]", f.path(), k));
            const std::string name = camp.text("name");
            const geo::Coord at = camp.point();
            const double share = camp.number("share", 0, 1).value_or(1.0 / double(camps.size()));
            camp.done();
            total += share;
            c.camps.push_back({name, at, share});
        }
        if (std::abs(total - 1) > 1e-6) {
            f.fail("to_camps", fmt::format("the camps' shares add up to {}, not 1", total));
        }
    }
    return c;
}

const std::map<std::string, std::function<model::Change(Fields&)>>& readers() {
    using A = model::FacilityChange::Action;
    static const std::map<std::string, std::function<model::Change(Fields&)>> table = {
        {"block_roads", [](Fields& f) { return roads(f, true); }},
        {"reopen_roads", [](Fields& f) { return roads(f, false); }},
        {"destroy_bridge", [](Fields& f) { return model::BridgeChange{.way = f.way("way")}; }},
        {"destroy_bridges_over",
         [](Fields& f) { return model::BridgeChange{.waterway = f.text("waterway")}; }},
        {"destroy_facility", [](Fields& f) { return facility(f, A::Destroy); }},
        {"damage_facility", [](Fields& f) { return facility(f, A::Damage); }},
        {"close_facility", [](Fields& f) { return facility(f, A::Close); }},
        {"reopen_facility", [](Fields& f) { return facility(f, A::Reopen); }},
        {"add_facility",
         [](Fields& f) {
             model::FacilityAdded c{
                 .code = f.text("code"), .name = f.text("name", false), .type = f.text("type")};
             c.location = f.point();
             c.capacity_people = f.number("capacity_people", 0, 1e9);
             return c;
         }},
        {"utility_down", [](Fields& f) { return model::UtilityDown{f.text("code")}; }},
        {"move_people", people_moved},
        {"add_people",
         [](Fields& f) {
             model::PeopleArrive c{.name = f.text("name")};
             c.location = f.point();
             const auto count = f.number("count", 0, 1e9);
             if (!count) {
                 f.fail("count", "is missing");
             }
             c.count = *count;
             return c;
         }},
        {"change_resources",
         [](Fields& f) {
             model::ResourcesChange c{.org = f.text("org"), .type = f.text("type")};
             const auto count = f.number("count", -1e6, 1e6);
             if (!count || *count != std::floor(*count) || *count == 0) {
                 f.fail("count", "must be a whole number of crews or machines, not 0 "
                                 "(negative: withdrawn)");
             }
             c.count = static_cast<std::int64_t>(*count);
             return c;
         }},
        {"cut_funding",
         [](Fields& f) {
             return model::FundingChange{.donor = f.text("donor"),
                                         .window = f.text("window", false),
                                         .share_cut = f.number("share", 0, 1).value_or(1.0)};
         }},
        {"add_funding",
         [](Fields& f) {
             model::FundingChange c{.donor = f.text("donor"), .window = f.text("window")};
             c.amount_added = f.number("amount", 0, 1e15);
             if (!c.amount_added) {
                 f.fail("amount", "is missing");
             }
             c.currency = f.text("currency");
             return c;
         }},
        {"close_entry_point",
         [](Fields& f) {
             return model::EntryClosed{.name = f.text("name"),
                                       .delay_days = f.number("delay_days", 0, 3650)};
         }},
    };
    return table;
}

std::string known_changes() {
    std::string list;
    for (const auto& [name, reader] : readers()) {
        list += (list.empty() ? "" : ", ") + name;
    }
    return list;
}

model::Scenario read_chain(const std::filesystem::path& file, std::vector<std::string>& seen) {
    const std::string key = std::filesystem::weakly_canonical(file).string();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        throw InputError(fmt::format("{}: extends: the scenario extends itself (through {})",
                                     file.string(), fmt::join(seen, " -> ")));
    }
    seen.push_back(key);
    const json document = read_json_file(file);
    model::Scenario own = parse_scenario(document, file.string());
    if (!document.contains("extends")) {
        own.chain = {file.string()};
        return own;
    }
    const json& base = document.at("extends");
    if (!base.is_string() || base.get<std::string>().empty()) {
        throw InputError(
            fmt::format("{}: extends: must be the path of another scenario file", file.string()));
    }
    const std::filesystem::path base_file = file.parent_path() / base.get<std::string>();
    if (!std::filesystem::exists(base_file)) {
        throw InputError(
            fmt::format("{}: extends: no scenario file {}", file.string(), base_file.string()));
    }
    model::Scenario result = read_chain(base_file, seen);
    result.name = own.name;
    result.description = own.description;
    result.chain.push_back(file.string());
    result.changes.insert(result.changes.end(), own.changes.begin(), own.changes.end());
    return result;
}

} // namespace

model::Scenario parse_scenario(const json& document, std::string_view origin) {
    auto fail = [&](std::string_view path, std::string_view message) {
        throw InputError(fmt::format("{}: {}: {}", origin, path, message));
    };
    if (!document.is_object()) {
        fail("(top)", "expected an object with name, description, extends and changes");
    }
    model::Scenario s;
    for (const auto& [key, value] : document.items()) {
        if (key == "name" || key == "description") {
            if (!value.is_string()) {
                fail(key, "must be a string");
            }
            (key == "name" ? s.name : s.description) = value.get<std::string>();
        } else if (key != "extends" && key != "changes") {
            fail(key, "unknown key (use name, description, extends, changes)");
        }
    }
    if (s.name.empty()) {
        fail("name", "is missing");
    }
    const json* changes = document.contains("changes") ? &document.at("changes") : nullptr;
    if (changes != nullptr && !changes->is_array()) {
        fail("changes", "must be a list of changes");
    }
    for (std::size_t k = 0; changes != nullptr && k < changes->size(); ++k) {
        const json& entry = (*changes)[k];
        const std::string path = fmt::format("changes[{}]", k);
        if (!entry.is_object() || !entry.contains("do") || !entry.at("do").is_string()) {
            fail(path, fmt::format("must be an object with \"do\": one of {}", known_changes()));
        }
        const auto reader = readers().find(entry.at("do").get<std::string>());
        if (reader == readers().end()) {
            fail(path + ".do", fmt::format("unknown change '{}' (use {})",
                                           entry.at("do").get<std::string>(), known_changes()));
        }
        Fields fields(entry, std::string(origin), path);
        model::Change change = reader->second(fields);
        fields.done();
        s.changes.push_back({std::move(change), fmt::format("{}: {}", origin, path)});
    }
    return s;
}

model::Scenario read_scenario(const std::filesystem::path& file) {
    std::vector<std::string> seen;
    return read_chain(file, seen);
}

} // namespace dayafter::io
