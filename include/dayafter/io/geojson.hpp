// Reading GeoJSON (RFC 7946) as JSON: the file parsed whole, and the features of a
// FeatureCollection. What a feature's properties and geometry must hold is the caller's to check;
// this header knows only the format. A file is parsed in memory, so its size bounds the cost.
//
//     const nlohmann::json root = io::read_json_file("hazards.geojson");
//     if (const nlohmann::json* features = io::geojson_features(root)) {
//         for (const nlohmann::json& feature : *features) { io::is_geojson_feature(feature); }
//     }
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dayafter::io {

/// The deepest nesting of arrays and objects any JSON input may have (GeoJSON needs 6).
inline constexpr std::size_t kMaxJsonDepth = 128;

/// `text` parsed as JSON; InputError naming `origin`, line and column when it is not JSON, holds
/// a number out of range (1e400), invalid UTF-8, or nests deeper than kMaxJsonDepth. Every JSON
/// the user gives (GeoJSON, configuration, scenario files) goes through here.
[[nodiscard]] nlohmann::json parse_json_text(std::string_view text, std::string_view origin);

/// The file parsed as JSON; InputError naming the file when it cannot be read or is not JSON.
[[nodiscard]] nlohmann::json read_json_file(const std::filesystem::path& file);

/// The "features" array of a GeoJSON FeatureCollection, pointing into `root` (valid while it
/// lives); nullptr when `root` is not a FeatureCollection.
[[nodiscard]] const nlohmann::json* geojson_features(const nlohmann::json& root);

/// Whether `value` is a GeoJSON Feature (an object of type "Feature").
[[nodiscard]] bool is_geojson_feature(const nlohmann::json& value);

} // namespace dayafter::io
