#include "dayafter/report/registry_export.hpp"

#include <array>
#include <set>
#include <span>

#include <fmt/format.h>

#include "dayafter/io/hxl.hpp"
#include "dayafter/registry/columns.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::report {

using registry::Kind;
using registry::Registry;
namespace {

std::string cell_text(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) {
            if (!out.empty()) {
                out += ';';
            }
            out += cell_text(item);
        }
        return out;
    }
    if (value.is_number_float()) {
        return fmt::format("{}", value.get<double>());
    }
    return value.is_null() ? "" : value.dump();
}

/// The field that holds an object's key when the key is not kept in its data.
std::string_view key_field(Kind kind) {
    switch (kind) {
    case Kind::Population:
        return "code";
    case Kind::Resources:
    case Kind::Funding:
    case Kind::Activities:
        return "id";
    default:
        return "";
    }
}

/// Staff and equipment kinds as (group, name): one pair of columns for each kind any facility has.
using Patterns = std::set<std::pair<std::string, std::string>>;

Patterns patterns_of(Kind kind, const Registry& registry) {
    Patterns patterns;
    if (kind != Kind::Facilities) {
        return patterns;
    }
    for (const auto& [key, entry] : registry.objects(kind)) {
        for (const char* group : {"staff", "equipment"}) {
            if (entry.data.contains(group)) {
                for (const auto& [name, counts] : entry.data[group].items()) {
                    patterns.emplace(group, name);
                }
            }
        }
    }
    return patterns;
}

/// The two measures of a group: staff present and needed, equipment working and total.
std::array<const char*, 2> measures_of(const std::string& group) {
    const bool staff = group == "staff";
    return {staff ? "present" : "working", staff ? "needed" : "total"};
}

/// The header row and the hashtag row.
void write_header(std::span<const registry::ColumnSpec> specs, const Patterns& patterns,
                  std::ostream& out) {
    std::vector<std::string> headers;
    std::vector<std::string> tags;
    for (const registry::ColumnSpec& spec : specs) {
        headers.emplace_back(spec.field);
        tags.emplace_back(spec.tag);
    }
    for (const auto& [group, name] : patterns) {
        for (const char* measure : measures_of(group)) {
            headers.push_back(fmt::format("{} {} {}", name, group, measure));
            tags.push_back(fmt::format("#x_{}+{}+{}", group, measure, name));
        }
    }
    io::write_csv_row(out, headers);
    io::write_csv_row(out, tags);
}

std::vector<std::string> row_cells(Kind kind, std::span<const registry::ColumnSpec> specs,
                                   const Patterns& patterns, const std::string& key,
                                   const registry::Entry& entry) {
    const nlohmann::json& d = entry.data;
    std::vector<std::string> cells;
    for (const registry::ColumnSpec& spec : specs) {
        const std::string field(spec.field);
        if (field == "reported") {
            cells.push_back(entry.reported);
        } else if (field == key_field(kind)) {
            cells.push_back(key);
        } else if (kind == Kind::Facilities && field == "ext_code") {
            cells.push_back(d.value("ext_code", key));
        } else if (kind == Kind::Facilities && field == "osm_id") {
            cells.push_back(d.contains("osm_id")     ? d["osm_id"].get<std::string>()
                            : d.contains("ext_code") ? key
                                                     : "");
        } else {
            cells.push_back(d.contains(field) ? cell_text(d[field]) : "");
        }
    }
    for (const auto& [group, name] : patterns) {
        for (const char* measure : measures_of(group)) {
            const bool has =
                d.contains(group) && d[group].contains(name) && d[group][name].contains(measure);
            cells.push_back(has ? cell_text(d[group][name][measure]) : "");
        }
    }
    return cells;
}

void write_table(Kind kind, const Registry& registry, std::ostream& out) {
    const std::vector<registry::ColumnSpec> specs = registry::columns_for(kind);
    const Patterns patterns = patterns_of(kind, registry);
    write_header(specs, patterns, out);
    for (const auto& [key, entry] : registry.objects(kind)) {
        if (kind == Kind::Population && !entry.data.contains("lat")) {
            continue; // admin areas go to GeoJSON; counts per area are not exported yet
        }
        io::write_csv_row(out, row_cells(kind, specs, patterns, key, entry));
    }
}

void write_geojson(Kind kind, const Registry& registry, std::ostream& out) {
    nlohmann::json features = nlohmann::json::array();
    for (const auto& [key, entry] : registry.objects(kind)) {
        nlohmann::json properties = entry.data;
        if (kind == Kind::Population) {
            if (!properties.contains("pcode") || !properties.contains("geometry")) {
                continue; // points go to HXL CSV; counts per area have no geometry
            }
            // Written back in COD-AB spelling, with the explicit parent.
            const int level = properties["level"].get<int>();
            nlohmann::json admin = {{fmt::format("ADM{}_PCODE", level), properties["pcode"]}};
            if (properties.contains("parent")) {
                admin[fmt::format("ADM{}_PCODE", level - 1)] = properties["parent"];
            }
            if (properties.contains("name")) {
                admin[fmt::format("ADM{}_EN", level)] = properties["name"];
            }
            if (properties.contains("population")) {
                admin["population"] = properties["population"];
            }
            admin["reported"] = entry.reported; // `load` needs a date: the export loads back
            features.push_back(
                {{"type", "Feature"}, {"geometry", properties["geometry"]}, {"properties", admin}});
            continue;
        }
        nlohmann::json geometry = properties.value("geometry", nlohmann::json());
        properties.erase("geometry");
        properties["reported"] = entry.reported;
        features.push_back(
            {{"type", "Feature"}, {"id", key}, {"geometry", geometry}, {"properties", properties}});
    }
    out << nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump(1) << '\n';
}

} // namespace

void write_kind(Kind kind, const Registry& registry, std::ostream& out, ExportFormat format) {
    const bool geo_kind = kind == Kind::Hazards || kind == Kind::Population;
    if (format == ExportFormat::GeoJson && !geo_kind) {
        throw InputError(fmt::format("{} are exported as HXL CSV only", to_string(kind)));
    }
    if (kind == Kind::Hazards && format == ExportFormat::Hxl) {
        throw InputError("hazards are exported as GeoJSON only (give -o FILE.geojson or "
                         "--format geojson)");
    }
    if (format == ExportFormat::GeoJson) {
        write_geojson(kind, registry, out);
    } else {
        write_table(kind, registry, out);
    }
}

} // namespace dayafter::report
