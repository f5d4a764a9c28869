// A text file written beside its target and moved into place on commit(), so a
// reader never sees half a file and a failed run leaves the old file (or none) behind.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>

namespace dayafter::util {

class TextFile {
public:
    /// Creates path + ".partial"; throws StorageError naming the path when it cannot.
    explicit TextFile(std::filesystem::path path);
    ~TextFile(); // removes the partial file unless committed
    TextFile(const TextFile&) = delete;
    TextFile& operator=(const TextFile&) = delete;

    void write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), file_.get()); }
    void line(std::string_view text) {
        write(text);
        std::fputc('\n', file_.get());
    }
    /// Flushes, closes and renames over the target; throws StorageError on any failure.
    void commit();

private:
    struct Closer {
        void operator()(std::FILE* file) const noexcept { std::fclose(file); }
    };
    std::filesystem::path path_;
    std::filesystem::path partial_;
    std::unique_ptr<std::FILE, Closer> file_;
    bool committed_ = false;
};

/// Creates the folder (and parents) or throws StorageError naming it.
void create_folder(const std::filesystem::path& folder);

} // namespace dayafter::util
