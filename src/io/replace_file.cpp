#include "dayafter/io/replace_file.hpp"

#include <stdlib.h>

#include <string>
#include <system_error>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::io {

void check_replaceable(const std::filesystem::path& file, bool replace) {
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(file, ec);
    if (!std::filesystem::exists(status)) {
        return;
    }
    if (!replace) {
        throw InputError(
            fmt::format("{}: already exists; use --force to replace it", file.string()));
    }
    if (status.type() != std::filesystem::file_type::regular) {
        throw InputError(fmt::format("{}: is not a regular file (a folder, a link or a "
                                     "device); only a file is replaced",
                                     file.string()));
    }
}

std::filesystem::path private_folder_beside(const std::filesystem::path& file) {
    std::string name = file.string() + ".partial-XXXXXX";
    if (::mkdtemp(name.data()) == nullptr) {
        throw StorageError(
            fmt::format("{}: cannot create a folder beside it to write in", file.string()));
    }
    return name;
}

void write_whole(const std::filesystem::path& file, const std::string& temp_name,
                 const std::function<void(const std::filesystem::path&)>& write) {
    const std::filesystem::path folder = private_folder_beside(file);
    std::error_code ec;
    try {
        write(folder / temp_name);
        std::filesystem::rename(folder / temp_name, file, ec);
        if (ec) {
            throw StorageError(
                fmt::format("cannot move the new file into place: {}", ec.message()));
        }
        std::filesystem::remove_all(folder, ec);
    } catch (const StorageError& e) {
        std::filesystem::remove_all(folder, ec);
        throw StorageError(fmt::format("{}: {}", file.string(), e.what()));
    } catch (...) {
        std::filesystem::remove_all(folder, ec);
        throw;
    }
}

} // namespace dayafter::io
