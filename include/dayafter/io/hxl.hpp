// Reading and writing HXL-tagged CSV (https://hxlstandard.org): a CSV file (RFC 4180) whose
// header row is followed, or replaced, by a row of hashtags such as `#loc+facility+code`.
// Columns are found by hashtag and attributes (attributes in any order), never by header text.
//
//     const HxlTable table = read_hxl_csv("status.csv");
//     const auto column = table.find("#status+functionality"); // index or nothing
//     for (const HxlRow& row : table.rows) { row.cells[*column]; row.line; }
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace dayafter::io {

/// A hashtag with its attributes, lower-cased: `#org+impl` is {"org", {"impl"}}.
struct HxlTag {
    std::string hashtag;                 // without '#'
    std::vector<std::string> attributes; // sorted, without '+'

    /// Parses "#org +impl" (spaces allowed around '+'); nothing when it is not a hashtag.
    [[nodiscard]] static std::optional<HxlTag> parse(std::string_view text);
    [[nodiscard]] bool has(std::string_view attribute) const noexcept;
    [[nodiscard]] std::string text() const; // "#org+impl"
    friend bool operator==(const HxlTag&, const HxlTag&) = default;
};

struct HxlRow {
    std::size_t line = 0; // line number in the file where the row starts (1-based)
    std::vector<std::string> cells;
};

struct HxlTable {
    std::string file;                        // as given, for messages
    std::size_t tag_line = 1;                // line of the hashtag row
    std::vector<std::string> headers;        // text headers; empty when the file has none
    std::vector<std::optional<HxlTag>> tags; // per column; nothing for an untagged column
    std::vector<HxlRow> rows;                // data rows; rows of empty cells are skipped

    /// The first column tagged exactly like `pattern` (same hashtag and attributes).
    [[nodiscard]] std::optional<std::size_t> find(std::string_view pattern) const;
};

/// Reads a file; throws InputError naming file and line when it is not readable CSV (an
/// unclosed quote, text after a closing quote) or has no hashtag row in its first 25 rows.
/// A UTF-8 byte order mark and CRLF line ends are accepted; text that is not UTF-8 (a file saved
/// as Windows-1252) is refused naming the line.
[[nodiscard]] HxlTable read_hxl_csv(const std::filesystem::path& file);
/// The same from text already read (`name` is used in messages).
[[nodiscard]] HxlTable parse_hxl_csv(std::string_view text, std::string_view name);

/// Writes one CSV row, quoting cells that need it, and putting an apostrophe before a cell a
/// spreadsheet would run as a formula (one starting with = + - @ tab or CR that is not a plain
/// number). The one CSV writer: every CSV we write goes through it.
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);
/// The same row as text, without the line end.
[[nodiscard]] std::string csv_row(const std::vector<std::string>& cells);

} // namespace dayafter::io
