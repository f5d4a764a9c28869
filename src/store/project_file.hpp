// Private to store: opening an existing project file and checking what it is.
#pragma once

#include <filesystem>

#include "store/sqlite/sqlite.hpp"

namespace dayafter::store {

/// Throws InputError when the file is not a dayafter project or was written by a newer schema.
void check_is_project(sqlite::Database& db, const std::filesystem::path& file);

/// Opens an existing project (InputError when missing or not a project).
[[nodiscard]] sqlite::Database open_project(const std::filesystem::path& file,
                                            sqlite::Database::Mode mode);

} // namespace dayafter::store
