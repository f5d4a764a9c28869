// Private to store: opening an existing project file and checking what it is.
#pragma once

#include <cstdint>
#include <filesystem>

#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {

/// PRAGMA user_version: the schema version the file was written with.
[[nodiscard]] std::int64_t schema_version(sqlite::Database& db);

/// Runs the migrations the file lacks and sets its schema version to this build's. Call it inside
/// the write transaction, so an upgrade is kept only with what the transaction writes.
void migrate(sqlite::Database& db);

/// Throws InputError when the file is not a dayafter project or was written by a newer schema.
void check_is_project(sqlite::Database& db, const std::filesystem::path& file);

/// Whether the file starts as a dayafter project does (SQLite header and our application id).
[[nodiscard]] bool is_project_file(const std::filesystem::path& file);

/// How many loads the project's registry holds (0 before the registry schema).
[[nodiscard]] std::int64_t load_count(const std::filesystem::path& file);

/// Opens an existing project (InputError when missing, not a project or damaged). Rolls back a
/// hot journal left by a killed writer (with a note to store::notices()), waits up to
/// sqlite::kBusyTimeout for another writer, and refuses a link planted at the journal's name.
[[nodiscard]] sqlite::Database open_project(const std::filesystem::path& file,
                                            sqlite::Database::Mode mode);

} // namespace dayafter::store
