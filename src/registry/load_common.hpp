// Private to registry: what every loader shares. Rows become Parsed objects (key, date, JSON);
// every problem is collected with its line, so one run lists all of them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/geo/coord.hpp"
#include "dayafter/io/hxl.hpp"
#include "dayafter/registry/columns.hpp"
#include "dayafter/registry/load.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::registry::detail {

using io::HxlRow;
using io::HxlTable;
using io::HxlTag;
using util::ascii_lower;
using util::read_file_text;

struct Parsed {
    std::string key;
    std::string reported;
    std::int64_t line = 0;
    nlohmann::json data = nlohmann::json::object();
};

class LoadContext {
public:
    LoadContext(const model::Town& town, const Registry& current, const LoadOptions& options,
                LoadPlan& plan);

    void problem(std::int64_t line, std::string_view reason);
    void note(std::string_view text) { plan_.notes.emplace_back(text); }
    /// What problems name the file by from now on ("FILE (layer NAME)" for a GDAL layer).
    void name_source(std::string name) { plan_.file = std::move(name); }
    [[nodiscard]] bool failed() const noexcept { return !plan_.problems.empty(); }

    /// Problem text when a position is not a coordinate or lies far outside the project area
    /// (and says so when swapping latitude and longitude would put it inside).
    [[nodiscard]] std::optional<std::string> check_location(double lat, double lon) const;
    /// The date a row reports on: its own cell, or --reported; a problem when neither.
    [[nodiscard]] std::optional<std::string> reported(std::int64_t line,
                                                      const std::optional<std::string>& own);

    const model::Town& town;
    const Registry& current;
    const LoadOptions& options;
    const std::string& file() const noexcept { return plan_.file; }
    /// The project area: the road network's extent widened by a margin (empty: no roads).
    [[nodiscard]] const geo::BoundingBox& area() const noexcept { return area_; }
    /// Reports progress on long reads (through LoadOptions::progress).
    void progress(std::string_view text) const {
        if (options.progress) {
            options.progress(text);
        }
    }

private:
    LoadPlan& plan_;
    geo::BoundingBox area_; // the road network's extent, widened by a margin
    bool missing_date_reported_ = false;
};

using registry::Cell;
using registry::columns_for;
using registry::ColumnSpec;

/// Column index per spec (nothing when absent). Reports required columns that are missing
/// (naming look-alike tags that dayafter does not read) and notes unused tagged columns, except
/// those `extra` accepts.
[[nodiscard]] std::vector<std::optional<std::size_t>>
bind_columns(const HxlTable& table, std::span<const ColumnSpec> specs, LoadContext& context,
             bool (*extra)(const HxlTag&) = nullptr);

/// Reads one row by the specs into `out` (fields, reported date, lat/lon checked together).
/// Returns false when any cell had a problem (already reported).
bool read_row(const HxlRow& row, std::span<const ColumnSpec> specs,
              std::span<const std::optional<std::size_t>> columns, LoadContext& context,
              Parsed& out);

[[nodiscard]] std::string trim(std::string_view text);
/// A field the row gives a value (not absent, not cleared by "unknown").
[[nodiscard]] inline bool has(const nlohmann::json& data, std::string_view field) {
    const auto found = data.find(field);
    return found != data.end() && !found->is_null();
}
/// "unknown" (any case): the cell clears its field.
[[nodiscard]] bool is_unknown(std::string_view cell);
[[nodiscard]] std::optional<double> parse_number(std::string_view text);
[[nodiscard]] std::optional<std::int64_t> parse_count(std::string_view text);
/// One of `codes`, compared case-insensitively with spaces and '-' read as '_'.
[[nodiscard]] std::optional<std::string_view> match_code(std::string_view text,
                                                         std::span<const std::string_view> codes);
[[nodiscard]] std::string join(std::span<const std::string_view> items, std::string_view sep);

/// The groups population points and area counts are given for.
inline constexpr std::array<std::string_view, 2> kPopulationGroups = {"residents", "displaced"};

// Per-kind parsers (rows to Parsed; problems through the context).
/// "n123", "node/123", "w5", "way/5", "relation/7" to the project's code, or nothing.
[[nodiscard]] std::optional<std::string> osm_code(std::string_view text);

std::vector<Parsed> parse_facilities(const HxlTable& table, LoadContext& context);
std::vector<Parsed> parse_table_kind(Kind kind, const HxlTable& table, LoadContext& context);
std::vector<Parsed> parse_population_points(const HxlTable& table, LoadContext& context);
/// A population table of admin areas (a P-code column and no position), as OCHA COD-PS.
[[nodiscard]] bool is_area_count_table(const HxlTable& table);
std::vector<Parsed> parse_area_counts(const HxlTable& table, LoadContext& context);
/// Hazards and admin areas from a GeoJSON FeatureCollection (a file's, or a layer's as
/// io::to_feature_collection gives it).
std::vector<Parsed> parse_hazards(const nlohmann::json& root, LoadContext& context);
std::vector<Parsed> parse_admin_areas(const nlohmann::json& root, LoadContext& context);
std::vector<Parsed> parse_population_raster(const std::filesystem::path& file,
                                            LoadContext& context);

/// Checks an object's state after a row is applied (equipment working <= total), which the row
/// alone cannot show when it gives only one of the two.
void check_state(Kind kind, const nlohmann::json& state, std::int64_t line, LoadContext& context);

/// current_update() with the latest state of the history already replayed (`latest`; used only
/// when the history has no cache) and, when `known` is not empty, known[i] the state after
/// records[i] when it applies last to its key (reports on or after every version before it; its
/// key then appears once in `records`), which spares replaying that key.
[[nodiscard]] store::CurrentUpdate
current_update(const store::History& history, const Registry& latest,
               std::span<const store::Record> records,
               std::vector<std::optional<std::string>> known = {});

} // namespace dayafter::registry::detail
