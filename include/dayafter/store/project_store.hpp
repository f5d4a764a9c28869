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
#include <functional>

#include "dayafter/model/town.hpp"
#include "dayafter/util/log.hpp"

namespace dayafter::store {

/// The schema version this build writes and reads.
inline constexpr int kSchemaVersion = 4;

struct CreateOptions {
    bool overwrite = false;        // replace an existing project (--force)
    bool discard_registry = false; // ... even one that holds a registry (--discard-registry)
    bool keep_registry = false;    // replace the map of an existing project, keep its registry
    Logger log;
    /// Called with the complete new file before it replaces the target, to add to it within the
    /// same all-or-nothing write (`import osm --update` appends its re-match load there).
    std::function<void(const std::filesystem::path& written)> before_publish;
};

/// Throws InputError when the target exists and neither overwrite nor keep_registry is on, when
/// it exists and is not a dayafter project (nothing else is ever replaced), when it holds a
/// registry and neither discard_registry nor keep_registry is on, when keep_registry is on and
/// there is no project (or one of an older schema), or when the folder is missing or not
/// writable. Cheap: call it before long work so the user learns at once.
void check_can_create(const std::filesystem::path& file, const CreateOptions& options);

/// Writes the town as a new project (with keep_registry: the new map under the old project's
/// registry, copied as it is). Throws InputError
/// (see check_can_create) or StorageError; on any failure the target is left exactly as it was.
/// Loads that land on the old file while it is being replaced are lost: run it alone.
void create_project(const std::filesystem::path& file, const model::Town& town,
                    const CreateOptions& options);

/// Reads a project. Throws InputError when the file is missing or is not a dayafter project,
/// StorageError when it cannot be read.
[[nodiscard]] model::Town read_project(const std::filesystem::path& file);

} // namespace dayafter::store
