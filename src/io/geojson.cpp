#include "dayafter/io/geojson.hpp"

#include <string>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::io {

nlohmann::json read_json_file(const std::filesystem::path& file) {
    const std::string text = util::read_file_text(file);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        throw InputError(fmt::format("{}: not valid JSON: {}", file.string(), error.what()));
    }
}

const nlohmann::json* geojson_features(const nlohmann::json& root) {
    if (!root.is_object() || root.value("type", "") != "FeatureCollection" ||
        !root.contains("features") || !root["features"].is_array()) {
        return nullptr;
    }
    return &root["features"];
}

bool is_geojson_feature(const nlohmann::json& value) {
    return value.is_object() && value.value("type", "") == "Feature";
}

} // namespace dayafter::io
