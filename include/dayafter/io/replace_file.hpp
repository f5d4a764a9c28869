// Writing an output file whole or not at all, as the GeoPackage and GeoTIFF exports do: refuse an
// existing target unless told to replace it (and never replace anything but a regular file),
// write in a private folder beside the target, then move the finished file into place.
//
//     io::check_replaceable(file, force);        // before any long computation
//     const auto folder = io::private_folder_beside(file);
//     ... write folder / "out.tif", then std::filesystem::rename it onto file ...
#pragma once

#include <filesystem>

namespace dayafter::io {

/// InputError when `file` exists and `replace` is off ("use --force"), or exists as a folder, a
/// link or a device.
void check_replaceable(const std::filesystem::path& file, bool replace);

/// A new folder beside `file` (mkdtemp: 0700, unpredictable name), so nobody can plant a link
/// where GDAL writes. StorageError when it cannot be made.
[[nodiscard]] std::filesystem::path private_folder_beside(const std::filesystem::path& file);

} // namespace dayafter::io
