// The project store: one SQLite file per project (NAME.dayafter).
//
// create_project() writes a whole new project atomically: it fills a temporary file beside the
// target in one transaction, flushes it to disk, then renames it over the target, so an import
// either completes or leaves no project (and never a half-written one). read_project() loads
// the whole Town back. The schema is versioned (PRAGMA user_version) by numbered migrations in
// src/store/sqlite/migrations.hpp; later issues add tables.
//
//     store::create_project("town.dayafter", town, {.overwrite = false});
//     const model::Town again = store::read_project("town.dayafter");
#pragma once

#include <filesystem>

#include "dayafter/model/town.hpp"
#include "dayafter/util/log.hpp"

namespace dayafter::store {

/// The schema version this build writes and reads.
inline constexpr int kSchemaVersion = 4;

struct CreateOptions {
    bool overwrite = false; // replace an existing project (--force)
    Logger log;
};

/// Throws InputError when the target exists and overwrite is off, or when its folder is missing
/// or not writable. Cheap: call it before long work so the user learns at once.
void check_can_create(const std::filesystem::path& file, bool overwrite);

/// Writes the town as a new project. Throws InputError (see check_can_create) or StorageError;
/// on any failure the target is left exactly as it was.
void create_project(const std::filesystem::path& file, const model::Town& town,
                    const CreateOptions& options);

/// Reads a project. Throws InputError when the file is missing or is not a dayafter project,
/// StorageError when it cannot be read.
[[nodiscard]] model::Town read_project(const std::filesystem::path& file);

} // namespace dayafter::store
