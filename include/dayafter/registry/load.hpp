// Planning a load: read a partner's file, check every row, match it to the project, and work out
// what would change. Nothing is written here; `dayafter load` appends plan.records to the store
// (store::append_load) only when plan.problems is empty, and `--dry-run` just prints the plan.
//
// Files by kind (columns are HXL hashtags; see docs/cli/load.md for every column):
//   facilities  HXL CSV, one row per facility status (HeRAMS codes)
//   hazards     GeoJSON FeatureCollection (RFC 7946), or UNOSAT / Copernicus EMS damage layers
//   population  HXL CSV of points or of counts per admin area (P-codes, as OCHA COD-PS), GeoJSON
//               of admin areas with P-codes, or a GeoTIFF raster
//   orgs, resources, funding, activities   HXL CSV (3W)
// Every table may also come as a spreadsheet or layer GDAL opens (XLSX, ODS, GeoPackage ...),
// and every GeoJSON as a layer (Shapefile, zipped or not, GeoPackage, FileGDB, KML): one layer
// read through io::read_vector_table becomes the same table or features, checked the same way.
//
// A row is a partial version (see registry.hpp): what it leaves out keeps its earlier value, and
// "unknown" in a cell clears the field. Records hold the rows as read; changes compare the state
// before and after. plan.current holds the latest state of every key the records touch, for the
// store's cache, so that opening the project need not replay the history
// (store::append_load(project, load, plan.records, plan.current)).
//
//     const LoadPlan plan = plan_load(Kind::Facilities, "status.csv", town, history, {});
//     if (!plan.problems.empty()) { /* refuse: print every problem, exit 2 */ }
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dayafter/model/town.hpp"
#include "dayafter/registry/registry.hpp"
#include "dayafter/store/registry_store.hpp"

namespace dayafter::registry {

struct LoadOptions {
    /// The date rows report on when they have no #date+reported (ISO); required then.
    std::optional<std::string> reported;
    /// A facility row with no code or OSM id known to the project is matched to the nearest
    /// mapped facility of its type within this distance (metres).
    double match_within_m = 50;
    /// Told how a long read goes (a large raster), when set.
    std::function<void(std::string_view)> progress;
    /// The layer to read from a file with several (a GeoPackage, FileGDB or workbook).
    std::optional<std::string> layer;
    /// Tags for a table without a hashtag row: a JSON file of column header to HXL tag.
    std::optional<std::filesystem::path> mapping;
};

struct Change {
    std::string key;
    std::int64_t line = 0;
    bool is_new = false;
    std::vector<std::string> fields; // top-level fields whose value changes (changed objects)
};

struct LoadPlan {
    Kind kind = Kind::Facilities;
    std::string file;
    std::vector<std::string> problems;  // "file:line: reason", the load is refused when any
    std::vector<std::string> notes;     // what the user should know (matches, unused columns)
    std::vector<store::Record> records; // new or changed objects only
    std::vector<Change> changes;        // one per record
    store::CurrentUpdate current;       // the latest state of what the records touch
    std::size_t rows = 0;               // rows or features read
    std::size_t unchanged = 0;          // rows equal to what the store already holds
};

/// Throws InputError only when the file cannot be read at all; everything wrong inside it is
/// collected in plan.problems.
[[nodiscard]] LoadPlan plan_load(Kind kind, const std::filesystem::path& file,
                                 const model::Town& town, const store::History& history,
                                 const LoadOptions& options);

/// What store::append_load writes to the cache of the latest state when `records` (new versions,
/// in the order they will be appended) follow `history`: for each key they touch, the state
/// Registry::at(history + records, nullopt) gives (versions in date order, ties in the order
/// recorded, so a back-dated version does not win over a later one). For a project without the
/// cache (history.has_current false) every object of every kind, so the load that upgrades it
/// fills the cache.
[[nodiscard]] store::CurrentUpdate current_update(const store::History& history,
                                                  std::span<const store::Record> records);

} // namespace dayafter::registry
