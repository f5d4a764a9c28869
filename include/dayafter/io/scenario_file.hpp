// Scenario files (JSON; docs/scenarios.md, docs/scenario.schema.json): read, checked key by key,
// `extends` followed (relative to the file) with cycles refused. Every error names the file and
// the JSON path of the bad entry: "scenarios/bridges.json: changes[3].way: must be an OSM way id".
// Whether what a change names exists is checked later, against the project's snapshot.
//
//     const model::Scenario s = io::read_scenario("scenarios/bridges.json");
#pragma once

#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dayafter/model/scenario.hpp"

namespace dayafter::io {

/// Reads the file and what it extends. Throws InputError.
[[nodiscard]] model::Scenario read_scenario(const std::filesystem::path& file);

/// One file's own changes (no `extends`); `origin` names it in errors. Throws InputError.
[[nodiscard]] model::Scenario parse_scenario(const nlohmann::json& document,
                                             std::string_view origin);

} // namespace dayafter::io
