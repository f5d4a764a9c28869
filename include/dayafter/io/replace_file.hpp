// Writing an output file whole or not at all, as the GeoPackage and GeoTIFF exports do: refuse an
// existing target unless told to replace it (and never replace anything but a regular file),
// write in a private folder beside the target, then move the finished file into place.
//
//     io::check_replaceable(file, force);        // before any long computation
//     io::write_whole(file, "out.tif", [&](const std::filesystem::path& temp) { ... });
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace dayafter::io {

/// InputError when `file` exists and `replace` is off ("use --force"), or exists as a folder, a
/// link or a device.
void check_replaceable(const std::filesystem::path& file, bool replace);

/// A new folder beside `file` (mkdtemp: 0700, unpredictable name), so nobody can plant a link
/// where GDAL writes. StorageError when it cannot be made.
[[nodiscard]] std::filesystem::path private_folder_beside(const std::filesystem::path& file);

/// Writes a new `file` whole or not at all: `write` makes the file at the path it is given (named
/// `temp_name` in a private folder beside `file`), which is then moved onto `file`. On any failure
/// the folder is removed, and a StorageError gets the file's name in front.
void write_whole(const std::filesystem::path& file, const std::string& temp_name,
                 const std::function<void(const std::filesystem::path&)>& write);

} // namespace dayafter::io
