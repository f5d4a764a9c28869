#include "dayafter/io/hxl.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "dayafter/util/error.hpp"
#include "dayafter/util/text.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::io {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
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

using CsvRecord = HxlRow;

/// Splits CSV text into records in one pass, keeping the line each record starts on.
class CsvParser {
public:
    CsvParser(std::string_view text, std::string_view name, char delimiter)
        : text_(text), name_(name), delimiter_(delimiter) {}

    std::vector<CsvRecord> parse() {
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '"' && !cell_started_) {
                read_quoted_cell();
                continue;
            }
            if (c == delimiter_) {
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
        if (i_ < text_.size() && text_[i_] != delimiter_ && text_[i_] != '\n' &&
            text_[i_] != '\r') {
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
    char delimiter_;
    std::vector<CsvRecord> records_;
    CsvRecord current_{1, {}};
    std::string cell_;
    std::size_t line_ = 1; // of the character at i_
    std::size_t i_ = 0;
    bool cell_started_ = false;
};

/// The cell delimiter: of `,` `;` and tab, the one found most often outside quotes in the first
/// line that has any (a header or hashtag row, where cells hold no lists); `,` among equals.
/// Excel saves "CSV" with `;` where the decimal mark is a comma.
char detect_delimiter(std::string_view text) {
    std::array<std::size_t, 3> counts{};
    constexpr std::array<char, 3> kDelimiters = {',', ';', '\t'};
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (counts[0] + counts[1] + counts[2] > 0) {
                break;
            }
        } else if (!quoted) {
            for (std::size_t d = 0; d < kDelimiters.size(); ++d) {
                counts[d] += c == kDelimiters[d] ? 1 : 0;
            }
        }
    }
    const auto most = std::max_element(counts.begin(), counts.end()); // the first of equals
    return kDelimiters[static_cast<std::size_t>(most - counts.begin())];
}

// RFC 4180 with the usual liberties: CRLF or LF, a BOM, quotes only around whole cells, `;` or
// tabs between cells, Windows-1252 text.
std::vector<CsvRecord> parse_csv(std::string_view text, std::string_view name,
                                 std::vector<std::string>& notes) {
    if (text.starts_with(kUtf8Bom)) {
        text.remove_prefix(3);
    }
    std::string recoded;
    if (const std::size_t bad = util::utf8_error_offset(text); bad < text.size()) {
        // Any byte sequence is Windows-1252 text, so this cannot fail; a file in another 8-bit
        // code page reads with wrong letters, which the note lets the user see.
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
        notes.push_back(fmt::format("{}: not UTF-8 (byte 0x{:02X} on line {}): read as "
                                    "Windows-1252 and recoded",
                                    name, static_cast<unsigned char>(text[bad]), line));
        recoded = windows1252_to_utf8(text);
        text = recoded;
    }
    const char delimiter = detect_delimiter(text);
    if (delimiter != ',') {
        notes.push_back(
            fmt::format("{}: cells are separated by {}", name, delimiter == ';' ? "';'" : "tabs"));
    }
    return CsvParser(text, name, delimiter).parse();
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

namespace {

/// The dictionary's spelling of an attribute where ours differs (HXL dictionary, "+funder").
std::string_view canonical_attribute(std::string_view attribute) {
    return attribute == "funder" ? std::string_view("funding") : attribute;
}

/// Attributes that make a count one of part of the people (HXL dictionary: sex and age
/// disaggregation), so a column carrying them is not the count a pattern without them asks for.
bool narrows_count(std::string_view attribute) {
    return attribute == "f" || attribute == "m" || attribute == "i" || attribute == "children" ||
           attribute == "adolescents" || attribute == "adults" || attribute == "elderly" ||
           attribute == "infants" || attribute.starts_with("age");
}

bool has_canonical(const HxlTag& tag, std::string_view attribute) {
    return std::any_of(tag.attributes.begin(), tag.attributes.end(), [&](const std::string& a) {
        return canonical_attribute(a) == canonical_attribute(attribute);
    });
}

} // namespace

bool HxlTag::matches(const HxlTag& pattern) const {
    if (hashtag != pattern.hashtag) {
        return false;
    }
    const bool all = std::all_of(pattern.attributes.begin(), pattern.attributes.end(),
                                 [&](const std::string& a) { return has_canonical(*this, a); });
    return all && std::none_of(attributes.begin(), attributes.end(), [&](const std::string& a) {
               return narrows_count(a) && !has_canonical(pattern, a);
           });
}

std::optional<std::size_t> HxlTable::find(std::string_view pattern) const {
    const std::array<std::string_view, 1> patterns = {pattern};
    return find_each(patterns)[0];
}

std::vector<std::optional<std::size_t>>
HxlTable::find_each(std::span<const std::string_view> patterns) const {
    std::vector<std::optional<HxlTag>> wanted;
    for (const std::string_view pattern : patterns) {
        wanted.push_back(HxlTag::parse(pattern));
    }
    std::vector<std::optional<std::size_t>> found(patterns.size());
    std::vector<bool> exact(patterns.size(), false);
    for (std::size_t c = 0; c < tags.size(); ++c) {
        if (!tags[c]) {
            continue;
        }
        std::optional<std::size_t> best;
        for (std::size_t p = 0; p < wanted.size(); ++p) {
            if (wanted[p] && tags[c]->matches(*wanted[p]) &&
                (!best || wanted[p]->attributes.size() > wanted[*best]->attributes.size())) {
                best = p;
            }
        }
        if (!best) {
            continue;
        }
        const bool is_exact = *tags[c] == *wanted[*best];
        if (!found[*best] || (is_exact && !exact[*best])) {
            found[*best] = c;
            exact[*best] = is_exact;
        }
    }
    return found;
}

namespace {

std::string header_key(std::string_view header) {
    const std::size_t first = header.find_first_not_of(" \t");
    const std::size_t last = header.find_last_not_of(" \t");
    return first == std::string_view::npos
               ? std::string()
               : util::ascii_lower(header.substr(first, last - first + 1));
}

/// The first of the first rows holding one of the mapping's headers.
std::optional<std::size_t> mapped_header_row(const std::vector<HxlRow>& records,
                                             const HxlMapping& mapping) {
    for (std::size_t r = 0; r < std::min(records.size(), kHashtagRowSearch); ++r) {
        for (const std::string& cell : records[r].cells) {
            const std::string key = header_key(cell);
            for (const auto& [header, tag] : mapping.columns) {
                if (!key.empty() && header_key(header) == key) {
                    return r;
                }
            }
        }
    }
    return std::nullopt;
}

/// The header row of a HeRAMS export: the first of the first rows with its functionality code.
std::optional<std::size_t> herams_header_row(const std::vector<HxlRow>& records) {
    for (std::size_t r = 0; r < std::min(records.size(), kHashtagRowSearch); ++r) {
        for (const std::string& cell : records[r].cells) {
            if (header_key(cell) == "hffunct") {
                return r;
            }
        }
    }
    return std::nullopt;
}

/// The answers in words a column tagged `tag` reads: the built-in HeRAMS ones, then the
/// mapping's own (which win), so a user's mapping of a HeRAMS column reads "Fully functioning"
/// too.
std::map<std::string, std::string> answers_for(const HxlMapping& mapping, const std::string& tag) {
    std::map<std::string, std::string> answers;
    for (const HxlMapping* source : {&herams_mapping(), &mapping}) {
        if (const auto found = source->answers.find(tag); found != source->answers.end()) {
            for (const auto& [answer, code] : found->second) {
                answers[answer] = code;
            }
        }
    }
    return answers;
}

HxlTable apply_mapping(std::vector<HxlRow>& records, std::size_t header_row,
                       const HxlMapping& mapping, std::string_view name) {
    HxlTable table;
    table.file = std::string(name);
    table.tag_line = records[header_row].line;
    table.headers = records[header_row].cells;
    table.tags.resize(table.headers.size());
    std::vector<std::map<std::string, std::string>> answers(table.headers.size());
    for (const auto& [header, tag] : mapping.columns) {
        bool present = false;
        for (std::size_t c = 0; c < table.headers.size(); ++c) {
            if (header_key(table.headers[c]) == header_key(header)) {
                table.tags[c] = HxlTag::parse(tag);
                answers[c] = answers_for(mapping, tag);
                present = true;
            }
        }
        if (!present && mapping.all_required) {
            throw InputError(fmt::format("{}: column '{}' is not in {} (its header row, line {}, "
                                         "has {})",
                                         mapping.origin, header, name, table.tag_line,
                                         fmt::join(table.headers, ", ")));
        }
    }
    for (std::size_t r = header_row + 1; r < records.size(); ++r) {
        HxlRow& record = records[r];
        record.cells.resize(std::max(record.cells.size(), table.tags.size()));
        for (std::size_t c = 0; c < answers.size(); ++c) {
            if (const auto code = answers[c].find(header_key(record.cells[c]));
                code != answers[c].end()) {
                record.cells[c] = code->second;
            }
        }
        table.rows.push_back(std::move(record));
    }
    table.notes.push_back(
        fmt::format("{}: no hashtag row: columns tagged by {}", name, mapping.origin));
    return table;
}

} // namespace

HxlTable parse_hxl_rows(std::vector<HxlRow> records, std::string_view name,
                        const HxlMapping* mapping) {
    if (mapping != nullptr) {
        const auto header_row = mapped_header_row(records, *mapping);
        if (!header_row) {
            throw InputError(fmt::format("{}: none of its columns is in the first {} rows of {}",
                                         mapping->origin, kHashtagRowSearch, name));
        }
        return apply_mapping(records, *header_row, *mapping, name);
    }
    const std::size_t search = std::min(records.size(), kHashtagRowSearch);
    std::size_t tag_row = search;
    for (std::size_t r = 0; r < search; ++r) {
        if (is_hashtag_row(records[r])) {
            tag_row = r;
            break;
        }
    }
    if (tag_row == search) {
        if (const auto header_row = herams_header_row(records)) {
            return apply_mapping(records, *header_row, herams_mapping(), name);
        }
        throw InputError(fmt::format(
            "{}:1: no HXL hashtag row (such as #loc+facility+code,#geo+lat,...) in the first {} "
            "rows; see https://hxlstandard.org, or give --mapping FILE.json",
            name, kHashtagRowSearch));
    }
    HxlTable table;
    table.file = std::string(name);
    table.tag_line = records[tag_row].line;
    if (tag_row > 0) {
        table.headers = records[tag_row - 1].cells;
    }
    for (const std::string& cell : records[tag_row].cells) {
        table.tags.push_back(HxlTag::parse(cell));
    }
    for (std::size_t r = tag_row + 1; r < records.size(); ++r) {
        HxlRow& record = records[r];
        record.cells.resize(std::max(record.cells.size(), table.tags.size()));
        table.rows.push_back(std::move(record));
    }
    return table;
}

HxlTable parse_hxl_csv(std::string_view text, std::string_view name, const HxlMapping* mapping) {
    std::vector<std::string> notes;
    std::vector<CsvRecord> records = parse_csv(text, name, notes);
    HxlTable table = parse_hxl_rows(std::move(records), name, mapping);
    table.notes.insert(table.notes.begin(), notes.begin(), notes.end());
    return table;
}

HxlTable read_hxl_csv(const std::filesystem::path& file, const HxlMapping* mapping) {
    return parse_hxl_csv(util::read_file_text(file), file.string(), mapping);
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

std::string csv_for_spreadsheets(std::string text) {
    const bool beyond_ascii = std::any_of(
        text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    if (beyond_ascii && !text.starts_with(kUtf8Bom)) {
        text.insert(0, kUtf8Bom);
    }
    return text;
}

void write_csv_file(const std::filesystem::path& path, std::string_view text) {
    util::TextFile file(path);
    file.write(csv_for_spreadsheets(std::string(text)));
    file.commit();
}

std::string windows1252_to_utf8(std::string_view text) {
    // 0x80 to 0x9F are the only bytes where Windows-1252 differs from Latin-1 (and so from the
    // first 256 code points); 0 marks the five it leaves undefined.
    static constexpr std::array<char16_t, 32> kHigh = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        char32_t point = byte;
        if (byte >= 0x80 && byte < 0xA0) {
            point = kHigh[byte - 0x80] != 0 ? kHigh[byte - 0x80] : 0xFFFD;
        }
        if (point < 0x80) {
            out.push_back(static_cast<char>(point));
        } else if (point < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (point >> 6)));
            out.push_back(static_cast<char>(0x80 | (point & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xE0 | (point >> 12)));
            out.push_back(static_cast<char>(0x80 | ((point >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (point & 0x3F)));
        }
    }
    return out;
}

namespace {

std::string mapped_tag(const nlohmann::json& tag, const std::string& header,
                       const std::filesystem::path& file) {
    if (!tag.is_string() || !HxlTag::parse(tag.get<std::string>())) {
        throw InputError(fmt::format("{}: column '{}' maps to {}, which is not an HXL hashtag "
                                     "such as #status+functionality",
                                     file.string(), header, tag.dump()));
    }
    return HxlTag::parse(tag.get<std::string>())->text();
}

} // namespace

HxlMapping read_hxl_mapping(const std::filesystem::path& file) {
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(util::read_file_text(file));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(fmt::format("{}: not a JSON mapping: {}", file.string(), e.what()));
    }
    if (!root.is_object()) {
        throw InputError(fmt::format("{}: a mapping is a JSON object of column header to HXL tag",
                                     file.string()));
    }
    const nlohmann::json& columns = root.contains("columns") ? root["columns"] : root;
    if (!columns.is_object() || columns.empty()) {
        throw InputError(
            fmt::format("{}: \"columns\" must map column headers to HXL tags", file.string()));
    }
    HxlMapping mapping;
    mapping.origin = file.string();
    for (const auto& [header, tag] : columns.items()) {
        if (header != "answers" || root.contains("columns")) {
            mapping.columns.emplace_back(header, mapped_tag(tag, header, file));
        }
    }
    if (root.contains("answers")) {
        if (!root["answers"].is_object()) {
            throw InputError(
                fmt::format("{}: \"answers\" must map tags to {{answer: code}}", file.string()));
        }
        for (const auto& [tag, answers] : root["answers"].items()) {
            const std::string key = mapped_tag(tag, tag, file);
            for (const auto& [answer, code] : answers.items()) {
                if (!code.is_string()) {
                    throw InputError(fmt::format("{}: the code for '{}' of {} is not text",
                                                 file.string(), answer, tag));
                }
                mapping.answers[key][header_key(answer)] = code.get<std::string>();
            }
        }
    }
    return mapping;
}

const HxlMapping& herams_mapping() {
    // Illustrative: the code headers named in issue #14 and the HeRAMS answer scales of
    // DESIGN.md (functionality A1-A3, condition A1 not damaged to A4 fully damaged, A5 not
    // relevant). Check them against the export at hand; a --mapping file overrides them.
    static const HxlMapping mapping = [] {
        HxlMapping m;
        m.origin = "the built-in HeRAMS mapping";
        m.all_required = false;
        m.columns = {{"HF_ID", "#loc+facility+code"},
                     {"HFID", "#loc+facility+code"},
                     {"HF_NAME", "#loc+facility+name"},
                     {"HF_TYPE", "#loc+facility+type"},
                     {"GPS_LAT", "#geo+lat"},
                     {"GPS_LON", "#geo+lon"},
                     {"DATE", "#date+reported"},
                     {"HFFUNCT", "#status+functionality"},
                     {"CONDB", "#status+damage"},
                     {"CONDE", "#status+damage+equipment"},
                     {"HFACC", "#access"}};
        m.answers["#status+functionality"] = {
            {"fully functioning", "A1"},     {"fully functional", "A1"},
            {"partially functioning", "A2"}, {"partially functional", "A2"},
            {"not functioning", "A3"},       {"non-functioning", "A3"},
            {"not functional", "A3"}};
        const std::map<std::string, std::string> condition = {{"not damaged", "A1"},
                                                              {"partially damaged", "A2"},
                                                              {"fully damaged", "A4"},
                                                              {"not relevant", "A5"},
                                                              {"not applicable", "A5"}};
        m.answers["#status+damage"] = condition;
        m.answers["#status+damage+equipment"] = condition;
        m.answers["#access"] = {{"fully accessible", "A1"},
                                {"partially accessible", "A2"},
                                {"not accessible", "A3"},
                                {"inaccessible", "A3"}};
        return m;
    }();
    return mapping;
}

} // namespace dayafter::io
