#include "dayafter/io/hxl.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::io {
namespace {

bool is_plain_number(std::string_view cell);

/// Undoes csv_row's defusing: '=SUM(A1) written by dayafter (or by any tool that escapes the
/// same way) reads back as the =SUM(A1) it was. A spreadsheet saving CSV drops the apostrophe
/// itself, so a cell that still has one was escaped, not typed.
void restore_formula_text(std::string& cell) {
    if (cell.size() >= 2 && cell.front() == '\'' &&
        std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos &&
        !is_plain_number(std::string_view(cell).substr(1))) {
        cell.erase(0, 1);
    }
}

constexpr std::size_t kHashtagRowSearch = 25;

bool is_tag_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string lower_trimmed(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c != ' ' && c != '\t') {
            out.push_back(util::ascii_lower(c));
        }
    }
    return out;
}

struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

/// Splits CSV text into records in one pass, keeping the line each record starts on.
class CsvParser {
public:
    CsvParser(std::string_view text, std::string_view name) : text_(text), name_(name) {}

    std::vector<CsvRecord> parse() {
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '"' && !cell_started_) {
                read_quoted_cell();
                continue;
            }
            if (c == ',') {
                end_cell();
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') {
                    ++i_;
                }
                ++line_;
                end_record();
            } else {
                cell_.push_back(c);
                cell_started_ = true;
            }
            ++i_;
        }
        if (cell_started_ || !current_.cells.empty()) {
            end_record();
        }
        return std::move(records_);
    }

private:
    /// From the opening quote to just after the closing one; "" inside stands for one quote.
    void read_quoted_cell() {
        const std::size_t quote_line = line_;
        ++i_;
        while (true) {
            if (i_ >= text_.size()) {
                throw InputError(
                    fmt::format("{}:{}: a quoted cell is never closed", name_, quote_line));
            }
            if (text_[i_] == '"') {
                if (i_ + 1 < text_.size() && text_[i_ + 1] == '"') {
                    cell_.push_back('"');
                    i_ += 2;
                    continue;
                }
                ++i_;
                break;
            }
            if (text_[i_] == '\n') {
                ++line_;
            }
            cell_.push_back(text_[i_++]);
        }
        cell_started_ = true;
        if (i_ < text_.size() && text_[i_] != ',' && text_[i_] != '\n' && text_[i_] != '\r') {
            throw InputError(
                fmt::format("{}:{}: text after a closing quote in a cell", name_, line_));
        }
    }

    void end_cell() {
        restore_formula_text(cell_);
        current_.cells.push_back(std::move(cell_));
        cell_.clear();
        cell_started_ = false;
    }

    void end_record() {
        end_cell();
        // A row of empty cells (",,,," that spreadsheets leave at the end) is no row at all.
        const bool blank =
            std::all_of(current_.cells.begin(), current_.cells.end(), [](const std::string& cell) {
                return cell.find_first_not_of(" \t") == cell.npos;
            });
        if (!blank) {
            records_.push_back(std::move(current_));
        }
        current_ = CsvRecord{line_, {}};
    }

    std::string_view text_;
    std::string_view name_;
    std::vector<CsvRecord> records_;
    CsvRecord current_{1, {}};
    std::string cell_;
    std::size_t line_ = 1; // of the character at i_
    std::size_t i_ = 0;
    bool cell_started_ = false;
};

// RFC 4180 with the usual liberties: CRLF or LF, a BOM, quotes only around whole cells.
std::vector<CsvRecord> parse_csv(std::string_view text, std::string_view name) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    if (const std::size_t bad = util::utf8_error_offset(text); bad < text.size()) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
        throw InputError(fmt::format(
            "{}:{}: byte 0x{:02X} is not UTF-8; save the file as \"CSV UTF-8\" (it may be "
            "Windows-1252 or Latin-1)",
            name, line, static_cast<unsigned char>(text[bad])));
    }
    return CsvParser(text, name).parse();
}

bool is_hashtag_row(const CsvRecord& record) {
    bool any = false;
    for (const std::string& cell : record.cells) {
        const std::string_view trimmed = cell;
        if (trimmed.find_first_not_of(" \t") == std::string_view::npos) {
            continue;
        }
        if (!HxlTag::parse(cell)) {
            return false;
        }
        any = true;
    }
    return any;
}

} // namespace

std::optional<HxlTag> HxlTag::parse(std::string_view text) {
    const std::string compact = lower_trimmed(text);
    if (compact.size() < 2 || compact[0] != '#') {
        return std::nullopt;
    }
    HxlTag tag;
    std::size_t start = 1;
    bool first = true;
    while (start <= compact.size()) {
        const std::size_t plus = std::min(compact.find('+', start), compact.size());
        const std::string part = compact.substr(start, plus - start);
        if (part.empty() || !std::all_of(part.begin(), part.end(), is_tag_char) ||
            (first && !(part[0] >= 'a' && part[0] <= 'z'))) {
            return std::nullopt;
        }
        if (first) {
            tag.hashtag = part;
            first = false;
        } else {
            tag.attributes.push_back(part);
        }
        start = plus + 1;
    }
    std::sort(tag.attributes.begin(), tag.attributes.end());
    tag.attributes.erase(std::unique(tag.attributes.begin(), tag.attributes.end()),
                         tag.attributes.end());
    return tag;
}

bool HxlTag::has(std::string_view attribute) const noexcept {
    return std::binary_search(attributes.begin(), attributes.end(), attribute);
}

std::string HxlTag::text() const {
    std::string out = "#" + hashtag;
    for (const std::string& attribute : attributes) {
        out += "+" + attribute;
    }
    return out;
}

std::optional<std::size_t> HxlTable::find(std::string_view pattern) const {
    const std::optional<HxlTag> wanted = HxlTag::parse(pattern);
    for (std::size_t c = 0; wanted && c < tags.size(); ++c) {
        if (tags[c] && *tags[c] == *wanted) {
            return c;
        }
    }
    return std::nullopt;
}

HxlTable parse_hxl_csv(std::string_view text, std::string_view name) {
    std::vector<CsvRecord> records = parse_csv(text, name);
    HxlTable table;
    table.file = std::string(name);
    const std::size_t search = std::min(records.size(), kHashtagRowSearch);
    std::size_t tag_row = search;
    for (std::size_t r = 0; r < search; ++r) {
        if (is_hashtag_row(records[r])) {
            tag_row = r;
            break;
        }
    }
    if (tag_row == search) {
        throw InputError(fmt::format(
            "{}:1: no HXL hashtag row (such as #loc+facility+code,#geo+lat,...) in the first {} "
            "rows; see https://hxlstandard.org",
            name, kHashtagRowSearch));
    }
    table.tag_line = records[tag_row].line;
    if (tag_row > 0) {
        table.headers = records[tag_row - 1].cells;
    }
    for (const std::string& cell : records[tag_row].cells) {
        table.tags.push_back(HxlTag::parse(cell));
    }
    for (std::size_t r = tag_row + 1; r < records.size(); ++r) {
        CsvRecord& record = records[r];
        record.cells.resize(std::max(record.cells.size(), table.tags.size()));
        table.rows.push_back({record.line, std::move(record.cells)});
    }
    return table;
}

HxlTable read_hxl_csv(const std::filesystem::path& file) {
    return parse_hxl_csv(util::read_file_text(file), file.string());
}

namespace {

bool is_plain_number(std::string_view cell) {
    if (cell.starts_with('+')) {
        cell.remove_prefix(1); // from_chars takes no plus sign; +3 is still a number
    }
    double value = 0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return error == std::errc{} && end == cell.data() + cell.size();
}

/// A spreadsheet runs a cell that starts with one of these as a formula, so a partner's
/// `=HYPERLINK(...)` in a facility name would run on the planner's machine (OWASP, "CSV
/// Injection"). A leading apostrophe makes it text; a number such as -12.5 stays a number.
std::string defuse_formula(const std::string& cell) {
    if (cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos ||
        is_plain_number(cell)) {
        return cell;
    }
    return "'" + cell;
}

} // namespace

std::string csv_row(const std::vector<std::string>& cells) {
    std::string row;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c > 0) {
            row += ',';
        }
        const std::string cell = defuse_formula(cells[c]);
        if (cell.find_first_of(",\"\r\n") == std::string::npos) {
            row += cell;
            continue;
        }
        row += '"';
        for (const char ch : cell) {
            row += ch == '"' ? std::string_view("\"\"") : std::string_view(&ch, 1);
        }
        row += '"';
    }
    return row;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
    out << csv_row(cells) << '\n';
}

} // namespace dayafter::io
