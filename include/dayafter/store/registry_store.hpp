// The registry's history in the project store: loads and the object versions they brought.
//
// Every `dayafter load` that changes something appends one Load and its Records in a single
// transaction; nothing is ever updated or deleted (the store refuses it). A Record is one version
// of one object (a facility's status, a hazard, an organisation...): kind, key, the date it
// reports on, and its data as JSON text. The registry module rebuilds the state at any date from
// this history.
//
//     const store::History history = store::read_history("town.dayafter");
//     store::append_load("town.dayafter", load, records); // all or nothing
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace dayafter::store {

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
};

/// Every load and record of a project; empty for a project written before the registry existed.
/// Throws InputError when the file is missing or not a project, StorageError when unreadable.
[[nodiscard]] History read_history(const std::filesystem::path& file);

/// Appends one load with its records in one transaction, upgrading an older project's schema in
/// the same transaction. On any failure (or a crash) the project is left exactly as it was.
/// Returns the new load's id.
std::int64_t append_load(const std::filesystem::path& file, const Load& load,
                         std::span<const Record> records);

} // namespace dayafter::store
