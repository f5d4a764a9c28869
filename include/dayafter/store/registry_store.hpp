// The registry's history in the project store: loads and the object versions they brought.
//
// Every `dayafter load` that changes something appends one Load and its Records in a single
// transaction; nothing is ever updated or deleted (the store refuses it). A Record is one version
// of one object (a facility's status, a hazard, an organisation...): kind, key, the date it
// reports on, and its data as JSON text. The registry module rebuilds the state at any date from
// this history.
//
// Replaying a long history is slow, so the same transaction also rewrites a cache of the latest
// state: one CurrentRow per object the load touched, as the registry computed it (the store cannot
// merge versions itself). read_current() then opens the latest state in one row per object.
//
//     const store::History history = store::read_history("town.dayafter");
//     store::append_load("town.dayafter", load, records, update); // all or nothing
//     const auto latest = store::read_current("town.dayafter");   // nothing: replay history
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dayafter/util/error.hpp"

namespace dayafter::store {

/// append_load found that another load landed after the one its plan was made on: nothing was
/// written, and planning again on the new state and appending again is the answer.
class LoadRaced : public StorageError {
public:
    using StorageError::StorageError;
};

struct Load {
    std::int64_t id = 0;     // set by the store
    std::string kind;        // facilities, hazards, population, orgs, ...
    std::string source_file; // as given, without directories
    std::string recorded_at; // ISO 8601 UTC, e.g. 2026-11-21T10:02:03Z
    std::string recorded_by; // --by, or the login name
    std::string tool;        // "dayafter 0.1.0"
};

struct Record {
    std::int64_t id = 0;      // set by the store; later records win among equal dates
    std::int64_t load_id = 0; // set by the store
    std::string kind;
    std::string key;
    std::string reported;  // ISO 8601 date the row reports on (#date+reported)
    std::int64_t line = 0; // line (CSV) or feature index (GeoJSON) in the source file
    std::string data;      // JSON object
};

struct History {
    std::vector<Load> loads;     // in id order
    std::vector<Record> records; // in id order
    /// The project keeps the latest state of every object (schema 3 or later). When false, the
    /// next load must give current rows for every object, not only those it touches.
    bool has_current = false;
};

/// The latest state of one object: every version of its key applied in date order (what
/// registry::Registry::at(history, nullopt) gives), with the metadata of the version applied last.
struct CurrentRow {
    std::string kind;
    std::string key;
    std::string data;           // JSON object
    std::string reported;       // of the version applied last, as are the ids and line
    std::int64_t load_id = 0;   // ignored by append_load when `appended` is set
    std::int64_t record_id = 0; // ignored by append_load when `appended` is set
    std::int64_t line = 0;
    std::string source_file; // of that load; read_current fills it in, append_load ignores it
    /// For append_load: the index in its `records` of the version applied last, whose ids only
    /// the store learns; nothing when that version was recorded earlier.
    std::optional<std::size_t> appended;
};

/// What one load changes in the cache of the latest state.
struct CurrentUpdate {
    std::vector<CurrentRow> rows;
    /// The id of the project's last load when the rows were computed (0: none yet). Rows computed
    /// before another load was appended would miss its versions, so append_load refuses them.
    std::int64_t after_load = 0;
};

/// Every load and record of a project; empty for a project written before the registry existed.
/// Throws InputError when the file is missing or not a project, StorageError when unreadable.
/// With `kinds`, only the records of those kinds (all loads still).
[[nodiscard]] History read_history(const std::filesystem::path& file,
                                   std::span<const std::string> kinds = {});

/// The latest state of every object, read without replaying the history, in (kind, key) order.
/// Nothing when the project has a history but no cache yet (schema 2: written by an older
/// dayafter and not loaded since); replay read_history() then. Throws as read_history does.
/// With `kinds`, only the rows of those kinds.
[[nodiscard]] std::optional<std::vector<CurrentRow>>
read_current(const std::filesystem::path& file, std::span<const std::string> kinds = {});

/// Appends one load with its records and writes `current.rows` over the cached state of their
/// keys, in one transaction, upgrading an older project's schema in the same transaction. When
/// the project had no cache (History::has_current false), `current.rows` must hold every object.
/// Throws LoadRaced, writing nothing, when another load was appended after
/// `current.after_load`. On any failure (or a crash) the project is left exactly as it was.
/// Returns the new load's id.
std::int64_t append_load(const std::filesystem::path& file, const Load& load,
                         std::span<const Record> records, const CurrentUpdate& current);

} // namespace dayafter::store
