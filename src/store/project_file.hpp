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

/// Opens an existing project (InputError when missing or not a project).
[[nodiscard]] sqlite::Database open_project(const std::filesystem::path& file,
                                            sqlite::Database::Mode mode);

} // namespace dayafter::store
