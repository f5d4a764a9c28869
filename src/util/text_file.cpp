#include "dayafter/util/text_file.hpp"

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::util {

TextFile::TextFile(std::filesystem::path path)
    : path_(std::move(path)), partial_(path_.string() + ".partial"),
      file_(std::fopen(partial_.c_str(), "w")) {
    if (!file_) {
        throw StorageError(fmt::format("{}: cannot create the file", path_.string()));
    }
}

TextFile::~TextFile() {
    if (!committed_) {
        file_.reset();
        std::error_code ignored;
        std::filesystem::remove(partial_, ignored);
    }
}

void TextFile::commit() {
    const bool failed = std::ferror(file_.get()) != 0 || std::fclose(file_.release()) != 0;
    if (failed) {
        throw StorageError(fmt::format("{}: writing failed (disk full?)", path_.string()));
    }
    std::error_code ec;
    std::filesystem::rename(partial_, path_, ec);
    if (ec) {
        throw StorageError(
            fmt::format("{}: cannot move the file into place: {}", path_.string(), ec.message()));
    }
    committed_ = true;
}

void create_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) {
        throw StorageError(
            fmt::format("{}: cannot create the folder: {}", folder.string(), ec.message()));
    }
}

} // namespace dayafter::util
