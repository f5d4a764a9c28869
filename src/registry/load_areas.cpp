// Admin areas from GeoJSON (COD-AB boundaries as OCHA and HDX publish them), keyed by P-code.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "dayafter/io/geojson.hpp"
#include "dayafter/registry/registry.hpp"
#include "registry/load_geojson.hpp"

namespace dayafter::registry::detail {
namespace {

/// The P-codes of this file's areas and of the project's, and the parents the file names, so that
/// a parent can come later in the file.
struct AreaCodes {
    std::map<std::string, std::int64_t> known; // P-code to feature index, 0 for the project's
    std::vector<std::pair<std::string, std::int64_t>> parents; // parent P-code, feature index
};

/// The spellings of P-code fields seen in COD-AB and HDX files.
std::optional<std::string> pcode(const nlohmann::json& properties, int level) {
    return text_property(properties, {fmt::format("ADM{}_PCODE", level).c_str(),
                                      fmt::format("admin{}Pcode", level).c_str(),
                                      fmt::format("adm{}_pcode", level).c_str()});
}

/// The deepest admin level with a P-code (1 to 4); 0 when there is none.
int admin_level(const nlohmann::json& properties) {
    for (int level = 4; level >= 1; --level) {
        if (pcode(properties, level)) {
            return level;
        }
    }
    return 0;
}

AreaCodes project_codes(const LoadContext& context) {
    AreaCodes codes;
    for (const auto& [key, entry] : context.current.objects(Kind::Population)) {
        if (key.starts_with("adm:")) {
            codes.known[key.substr(4)] = 0;
        }
    }
    return codes;
}

/// Name, parent and population of an area whose code and geometry are read; false after a
/// problem.
bool read_area_properties(const nlohmann::json& properties, int level, const std::string& code,
                          std::int64_t index, LoadContext& context, AreaCodes& codes, Parsed& p) {
    if (const auto name =
            text_property(properties, {fmt::format("ADM{}_EN", level).c_str(),
                                       fmt::format("admin{}Name", level).c_str(), "name"})) {
        p.data["name"] = *name;
    }
    if (level > 1) {
        const auto parent = pcode(properties, level - 1);
        if (!parent) {
            feature_problem(context, index,
                            fmt::format("admin level {} area {} has no parent code (ADM{}_PCODE)",
                                        level, code, level - 1));
            return false;
        }
        if (*parent == code) {
            // An area its own parent would replace the parent's record (same key).
            feature_problem(context, index,
                            fmt::format("admin level {} area {} has its parent's code (ADM{}_PCODE "
                                        "is also {})",
                                        level, code, level - 1, code));
            return false;
        }
        p.data["parent"] = *parent;
        codes.parents.emplace_back(*parent, index);
    }
    if (properties.contains("population")) {
        if (!properties["population"].is_number() || properties["population"].get<double>() < 0) {
            feature_problem(context, index, "population is not a number of 0 or more");
            return false;
        }
        p.data["population"] = properties["population"];
    }
    return true;
}

/// One Feature of an admin areas file; nothing when it has a problem (already reported).
std::optional<Parsed> read_area(const nlohmann::json& feature, std::int64_t index,
                                LoadContext& context, AreaCodes& codes) {
    if (!io::is_geojson_feature(feature)) {
        feature_problem(context, index, "not a GeoJSON Feature");
        return std::nullopt;
    }
    const nlohmann::json properties = present_properties(feature);
    const int level = admin_level(properties);
    if (level == 0) {
        feature_problem(context, index,
                        "no P-code property (ADM1_PCODE, admin1Pcode or adm1_pcode, up to level "
                        "4)");
        return std::nullopt;
    }
    GeometryCheck check(context, index);
    const nlohmann::json geometry =
        feature.contains("geometry") ? rounded_geometry(feature["geometry"]) : nlohmann::json();
    if (!feature.contains("geometry") || !check.check(geometry)) {
        return std::nullopt;
    }
    // An area holds places: a point or line has no inside, and `status --by-area` would find
    // nothing in it.
    if (const nlohmann::json& type = feature["geometry"]["type"];
        type != "Polygon" && type != "MultiPolygon") {
        feature_problem(context, index,
                        fmt::format("admin area {} is a {}, not a Polygon or MultiPolygon",
                                    *pcode(properties, level), type.get<std::string>()));
        return std::nullopt;
    }
    Parsed p;
    p.line = index;
    const std::string code = *pcode(properties, level);
    p.key = "adm:" + code;
    p.data["level"] = level;
    p.data["pcode"] = code;
    p.data["geometry"] = geometry;
    if (!read_area_properties(properties, level, code, index, context, codes, p)) {
        return std::nullopt;
    }
    // Its own date first, as `export population --format geojson` writes it, then --reported.
    std::optional<std::string> own_date;
    if (const auto text = text_property(properties, {"reported", "date"})) {
        own_date = parse_iso_date(*text);
        if (!own_date) {
            feature_problem(
                context, index,
                fmt::format("reported '{}' is not an ISO 8601 date (YYYY-MM-DD)", *text));
            return std::nullopt;
        }
    }
    const auto date = context.reported(index, own_date);
    if (!date) {
        return std::nullopt;
    }
    p.reported = *date;
    codes.known.emplace(code, index);
    return p;
}

} // namespace

std::vector<Parsed> parse_admin_areas(const nlohmann::json& root, LoadContext& context) {
    std::vector<Parsed> parsed;
    const nlohmann::json* features = features_of(root, context);
    if (features == nullptr) {
        return parsed;
    }
    AreaCodes codes = project_codes(context);
    for (std::size_t f = 0; f < features->size(); ++f) {
        const auto index = static_cast<std::int64_t>(f + 1);
        if (auto area = read_area((*features)[f], index, context, codes)) {
            parsed.push_back(std::move(*area));
        }
    }
    for (const auto& [parent, index] : codes.parents) {
        if (!codes.known.contains(parent)) {
            feature_problem(context, index,
                            fmt::format("parent P-code {} is neither in this file nor in the "
                                        "project",
                                        parent));
        }
    }
    return parsed;
}

} // namespace dayafter::registry::detail
