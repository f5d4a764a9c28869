// Small text helpers that every reader of partner files shares.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace dayafter::util {

[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = ascii_lower(c);
    }
    return out;
}

/// A count as people read it: rounded, with thousands grouped (12345.6 -> "12,346").
[[nodiscard]] std::string grouped_count(double count);

/// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF); `text.size()` when all of it is.
[[nodiscard]] std::size_t utf8_error_offset(std::string_view text) noexcept;

/// The whole file; throws InputError naming it when it cannot be read.
[[nodiscard]] std::string read_file_text(const std::filesystem::path& file);

} // namespace dayafter::util
