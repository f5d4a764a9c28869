// Reading and writing HXL-tagged CSV (https://hxlstandard.org): a CSV file (RFC 4180) whose
// header row is followed, or replaced, by a row of hashtags such as `#loc+facility+code`.
// Columns are found by hashtag and attributes as HXL tag patterns match them: the pattern's
// attributes in any order, extra attributes allowed (`#status+functionality+i_en` is a
// `#status+functionality`), the dictionary's spellings read alike (`#org+funder`). A file without
// a hashtag row is read through a mapping from its header text to tags (a small JSON file, or the
// built-in one for HeRAMS exports). Spreadsheets' CSV is read as they save it: UTF-8 with or
// without a byte order mark, else Windows-1252 (recoded, with a note), cells between `,`, `;` or
// tabs.
//
//     const HxlTable table = read_hxl_csv("status.csv");
//     const auto column = table.find("#status+functionality"); // index or nothing
//     for (const HxlRow& row : table.rows) { row.cells[*column]; row.line; }
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
    /// Whether a column tagged so is one `pattern` asks for: the same hashtag and every attribute
    /// of the pattern, in the dictionary's spelling or ours (+funder is +funding). Extra
    /// attributes are allowed, except the ones that narrow a count to part of the people (sex and
    /// age: `#population+f` is not the population).
    [[nodiscard]] bool matches(const HxlTag& pattern) const;
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
    std::vector<std::string> notes;          // how it was read (recoded, delimiter, mapping)

    /// The column for `pattern`: the first tagged exactly so, else the first that matches it.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view pattern) const;
    /// A column per pattern, each column going to the pattern it matches best (with the most
    /// attributes, the first of equals), so `#status+damage+equipment` goes to that pattern and
    /// not to `#status+damage` when both are asked for. Within a pattern, as find().
    [[nodiscard]] std::vector<std::optional<std::size_t>>
    find_each(std::span<const std::string_view> patterns) const;
};

/// Tags for a table without a hashtag row: header text to tag, and answers written out in words
/// to the codes the tag reads ("Fully functioning" to A1).
struct HxlMapping {
    std::string origin; // the mapping file, or the built-in mapping's name, for messages
    std::vector<std::pair<std::string, std::string>> columns; // header (as written) to tag
    /// Per tag (as in `columns`): answer (lower case) to code.
    std::map<std::string, std::map<std::string, std::string>> answers;
    /// Every column must be in the file (a user's mapping); the built-in ones take what is there.
    bool all_required = true;
};

/// A mapping file: `{"columns": {"HEADER": "#tag+attr", ...}, "answers": {"#tag+attr":
/// {"Text": "CODE"}}}` ("answers" optional; a plain `{"HEADER": "#tag"}` is read as
/// "columns"). InputError naming the file when it is not such JSON or a tag is not a hashtag.
[[nodiscard]] HxlMapping read_hxl_mapping(const std::filesystem::path& file);

/// The built-in mapping of HeRAMS exports' code headers (HFFUNCT, CONDB, HFACC ...) and their
/// answers; see docs/cli/load.md for the list and where it comes from.
[[nodiscard]] const HxlMapping& herams_mapping();

/// Reads a file; throws InputError naming file and line when it is not readable CSV (an
/// unclosed quote, text after a closing quote) or has no hashtag row in its first 25 rows and no
/// mapping applies. A UTF-8 byte order mark and CRLF line ends are accepted; text that is not
/// UTF-8 is read as Windows-1252 (what Excel saves as "CSV"), with a note. With a mapping, its
/// header row is the first of those rows holding one of the mapping's headers, and a header the
/// mapping names that is not there is an InputError naming the mapping and the column. Without
/// one and without a hashtag row, the HeRAMS mapping applies when the header row has its codes.
[[nodiscard]] HxlTable read_hxl_csv(const std::filesystem::path& file,
                                    const HxlMapping* mapping = nullptr);
/// The same from text already read (`name` is used in messages).
[[nodiscard]] HxlTable parse_hxl_csv(std::string_view text, std::string_view name,
                                     const HxlMapping* mapping = nullptr);
/// The same from rows already split into cells (a spreadsheet's), each with its line or row.
[[nodiscard]] HxlTable parse_hxl_rows(std::vector<HxlRow> records, std::string_view name,
                                      const HxlMapping* mapping = nullptr);

/// Windows-1252 text as UTF-8 (bytes it leaves undefined become U+FFFD).
[[nodiscard]] std::string windows1252_to_utf8(std::string_view text);

/// Writes one CSV row, quoting cells that need it, and putting an apostrophe before a cell a
/// spreadsheet would run as a formula (one starting with = + - @ tab or CR that is not a plain
/// number). The one CSV writer: every CSV we write goes through it.
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);
/// The same row as text, without the line end.
[[nodiscard]] std::string csv_row(const std::vector<std::string>& cells);

/// CSV text as a file for spreadsheets holds it: with a UTF-8 byte-order mark in front when the
/// text goes beyond ASCII, so Excel reads "Médecins Sans Frontières" as written (without the mark
/// it reads the file in the computer's code page). Plain ASCII is left as it is: some tools take
/// the mark for part of the first column's name, and it is needed only for the rest.
[[nodiscard]] std::string csv_for_spreadsheets(std::string text);
/// Writes the CSV text to the file through csv_for_spreadsheets, beside its name and moved into
/// place when complete (util::TextFile). Every CSV file dayafter writes for people goes here.
void write_csv_file(const std::filesystem::path& path, std::string_view text);

} // namespace dayafter::io
