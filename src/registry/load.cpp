#include "dayafter/registry/load.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "dayafter/io/geojson.hpp"
#include "dayafter/io/vector_table.hpp"
#include "dayafter/util/error.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry {
namespace detail {
namespace {

/// How far outside the road network a position may lie and still belong to the project: about
/// 20 km, room for camps and works on a town's edge.
constexpr double kAreaMarginDeg = 0.2;

} // namespace

LoadContext::LoadContext(const model::Town& town_, const Registry& current_,
                         const LoadOptions& options_, LoadPlan& plan)
    : town(town_), current(current_), options(options_), plan_(plan) {
    for (const geo::Coord c : town.roads.node_coord) {
        area_.extend(c);
    }
    if (!area_.empty()) {
        area_.min_lon -= kAreaMarginDeg;
        area_.max_lon += kAreaMarginDeg;
        area_.min_lat -= kAreaMarginDeg;
        area_.max_lat += kAreaMarginDeg;
    }
}

void LoadContext::problem(std::int64_t line, std::string_view reason) {
    plan_.problems.push_back(fmt::format("{}:{}: {}", plan_.file, line, reason));
}

std::optional<std::string> LoadContext::check_location(double lat, double lon) const {
    if (!std::isfinite(lat) || lat < -90 || lat > 90) {
        return fmt::format("latitude {} is not between -90 and 90", lat);
    }
    if (!std::isfinite(lon) || lon < -180 || lon > 180) {
        return fmt::format("longitude {} is not between -180 and 180", lon);
    }
    if (area_.empty()) {
        return std::nullopt;
    }
    auto inside = [&](double la, double lo) {
        return la >= area_.min_lat && la <= area_.max_lat && lo >= area_.min_lon &&
               lo <= area_.max_lon;
    };
    if (inside(lat, lon)) {
        return std::nullopt;
    }
    if (inside(lon, lat)) {
        return fmt::format("latitude {} and longitude {} look swapped: swapped, the point falls "
                           "inside the project area",
                           lat, lon);
    }
    return fmt::format("position {}, {} (lat, lon) is outside the project area (lat {:.3f} to "
                       "{:.3f}, lon {:.3f} to {:.3f})",
                       lat, lon, area_.min_lat, area_.max_lat, area_.min_lon, area_.max_lon);
}

std::optional<std::string> LoadContext::reported(std::int64_t line,
                                                 const std::optional<std::string>& own) {
    if (own) {
        return own;
    }
    if (options.reported) {
        return options.reported;
    }
    if (!missing_date_reported_) {
        problem(line, "no #date+reported for this row and no --reported DATE given: every "
                      "version needs the date it reports on");
        missing_date_reported_ = true;
    }
    return std::nullopt;
}

std::string trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

bool is_unknown(std::string_view cell) {
    return ascii_lower(trim(cell)) == "unknown";
}

std::optional<double> parse_number(std::string_view text) {
    const std::string t = trim(text);
    double value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::int64_t> parse_count(std::string_view text) {
    const std::string t = trim(text);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size() || value < 0) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::string_view> match_code(std::string_view text,
                                           std::span<const std::string_view> codes) {
    std::string normal = ascii_lower(trim(text));
    for (char& c : normal) {
        c = c == ' ' || c == '-' ? '_' : c;
    }
    for (const std::string_view code : codes) {
        if (ascii_lower(code) == normal) {
            return code;
        }
    }
    return std::nullopt;
}

std::string join(std::span<const std::string_view> items, std::string_view sep) {
    std::string out;
    for (const std::string_view item : items) {
        if (!out.empty()) {
            out += sep;
        }
        out += item;
    }
    return out;
}

std::vector<std::optional<std::size_t>> bind_columns(const HxlTable& table,
                                                     std::span<const ColumnSpec> specs,
                                                     LoadContext& context,
                                                     bool (*extra)(const HxlTag&)) {
    std::vector<std::string_view> tags;
    for (const ColumnSpec& spec : specs) {
        tags.push_back(spec.tag);
    }
    std::vector<std::optional<std::size_t>> columns = table.find_each(tags);
    std::vector<bool> used(table.tags.size(), false);
    for (const auto& column : columns) {
        if (column) {
            used[*column] = true;
        }
    }
    for (std::size_t c = 0; c < table.tags.size(); ++c) {
        if (table.tags[c] && extra != nullptr && extra(*table.tags[c])) {
            used[c] = true;
        }
    }
    for (std::size_t s = 0; s < specs.size(); ++s) {
        if (columns[s] || !specs[s].required) {
            continue;
        }
        const HxlTag wanted = *HxlTag::parse(specs[s].tag);
        std::string alike;
        for (std::size_t c = 0; c < table.tags.size(); ++c) {
            if (!used[c] && table.tags[c] && table.tags[c]->hashtag == wanted.hashtag) {
                alike += fmt::format("; column {} is tagged {}, which dayafter does not read",
                                     c + 1, table.tags[c]->text());
            }
        }
        context.problem(static_cast<std::int64_t>(table.tag_line),
                        fmt::format("no column tagged {} (required){}", specs[s].tag, alike));
    }
    for (std::size_t c = 0; c < table.tags.size(); ++c) {
        if (table.tags[c] && !used[c]) {
            context.note(fmt::format("{}: column {} ({}) is not read by dayafter", table.file,
                                     c + 1, table.tags[c]->text()));
        }
    }
    return columns;
}

namespace {

/// The state the cells of one row share: whether any cell had a problem, and the position and
/// reported date, which are checked only once every cell is read.
struct RowRead {
    RowRead(LoadContext& context_, std::int64_t line_) : context(context_), line(line_) {}

    void problem(std::string_view reason) {
        context.problem(line, reason);
        ok = false;
    }
    void bad(const ColumnSpec& spec, std::string_view cell, std::string_view expected) {
        problem(fmt::format("{} '{}' is not {}", spec.tag, cell, expected));
    }

    LoadContext& context;
    std::int64_t line;
    bool ok = true;
    std::optional<double> lat;
    std::optional<double> lon;
    std::optional<std::string> own_date;
    bool date_failed = false;
};

/// The value a cell stores in its field; nothing when it stores none (a problem, or a cell
/// kept aside in RowRead).
using CellValue = std::optional<nlohmann::json>;

/// The non-empty items of a ';'-separated cell, trimmed, in order.
std::vector<std::string> split_items(const std::string& cell) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= cell.size()) {
        const std::size_t end = std::min(cell.find(';', start), cell.size());
        std::string item = trim(std::string_view(cell).substr(start, end - start));
        start = end + 1;
        if (!item.empty()) {
            items.push_back(std::move(item));
        }
    }
    return items;
}

CellValue read_code(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    const auto code = match_code(cell, spec.codes);
    if (!code) {
        read.bad(spec, cell, fmt::format("one of {}", join(spec.codes, ", ")));
        return std::nullopt;
    }
    return nlohmann::json(std::string(*code));
}

// The items that are codes are kept even when others are not: the row is refused anyway, and
// each bad item is reported on its own.
CellValue read_codes(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    nlohmann::json value = nlohmann::json::array();
    for (const std::string& item : split_items(cell)) {
        const auto code = match_code(item, spec.codes);
        if (!code) {
            read.bad(spec, item, fmt::format("one of {}", join(spec.codes, ", ")));
            continue;
        }
        value.push_back(std::string(*code));
    }
    return value;
}

CellValue read_list(const std::string& cell) {
    nlohmann::json value = nlohmann::json::array();
    for (std::string& item : split_items(cell)) {
        value.push_back(std::move(item));
    }
    return value;
}

CellValue read_count(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    const auto count = parse_count(cell);
    if (!count) {
        read.bad(spec, cell, "a whole number of 0 or more");
        return std::nullopt;
    }
    return nlohmann::json(*count);
}

CellValue read_amount(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    const auto amount = parse_number(cell);
    if (!amount || *amount < 0) {
        read.bad(spec, cell, "a number of 0 or more");
        return std::nullopt;
    }
    return nlohmann::json(*amount);
}

CellValue read_date(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    const auto date = parse_iso_date(cell);
    if (!date) {
        read.bad(spec, cell, "an ISO 8601 date (YYYY-MM-DD)");
        read.date_failed = true;
        return std::nullopt;
    }
    if (spec.field == "reported") {
        read.own_date = *date;
        return std::nullopt;
    }
    return nlohmann::json(*date);
}

CellValue read_coordinate(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    const auto number = parse_number(cell);
    if (!number) {
        read.bad(spec, cell, "a number");
        return std::nullopt;
    }
    (spec.type == Cell::Lat ? read.lat : read.lon) = number;
    return std::nullopt;
}

CellValue read_currency(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    if (cell.size() != 3 ||
        !std::all_of(cell.begin(), cell.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        read.bad(spec, cell, "an ISO 4217 currency code such as USD");
        return std::nullopt;
    }
    return nlohmann::json(cell);
}

CellValue read_value(const ColumnSpec& spec, const std::string& cell, RowRead& read) {
    switch (spec.type) {
    case Cell::Text:
        return nlohmann::json(cell);
    case Cell::Code:
        return read_code(spec, cell, read);
    case Cell::Codes:
        return read_codes(spec, cell, read);
    case Cell::List:
        return read_list(cell);
    case Cell::Count:
        return read_count(spec, cell, read);
    case Cell::Amount:
        return read_amount(spec, cell, read);
    case Cell::Date:
        return read_date(spec, cell, read);
    case Cell::Lat:
    case Cell::Lon:
        return read_coordinate(spec, cell, read);
    case Cell::Currency:
        return read_currency(spec, cell, read);
    }
    return nlohmann::json(); // not reached; GCC wants a return after a switch on an enum
}

/// Reads one cell into `out` (an empty cell leaves its field alone, "unknown" clears it).
void read_cell(const ColumnSpec& spec, const std::optional<std::size_t>& column, const HxlRow& row,
               RowRead& read, Parsed& out) {
    const std::string cell = column ? trim(row.cells[*column]) : std::string();
    if (cell.empty()) {
        if (spec.required && column) {
            read.problem(fmt::format("{} is empty (required)", spec.tag));
        }
        return;
    }
    const bool position = spec.type == Cell::Lat || spec.type == Cell::Lon;
    if (is_unknown(cell) && !position && spec.field != "reported") {
        if (spec.required) {
            read.problem(fmt::format("{} is required and cannot be unknown", spec.tag));
        } else {
            out.data[std::string(spec.field)] = nullptr;
        }
        return;
    }
    if (CellValue value = read_value(spec, cell, read)) {
        out.data[std::string(spec.field)] = std::move(*value);
    }
}

/// Stores the row's position once both halves are read and it lies in the project area.
void read_position(RowRead& read, Parsed& out) {
    if (read.lat.has_value() != read.lon.has_value()) {
        read.problem("a position needs both #geo+lat and #geo+lon");
    } else if (read.lat) {
        if (const auto problem = read.context.check_location(*read.lat, *read.lon)) {
            read.problem(*problem);
        } else {
            out.data["lat"] = *read.lat;
            out.data["lon"] = *read.lon;
        }
    }
}

} // namespace

bool read_row(const HxlRow& row, std::span<const ColumnSpec> specs,
              std::span<const std::optional<std::size_t>> columns, LoadContext& context,
              Parsed& out) {
    RowRead read(context, static_cast<std::int64_t>(row.line));
    for (std::size_t s = 0; s < specs.size(); ++s) {
        read_cell(specs[s], columns[s], row, read, out);
    }
    read_position(read, out);
    // A row with an unreadable date cell is refused already; without this, a bad #date+reported
    // would also be reported as missing.
    const auto date = read.date_failed ? std::nullopt : context.reported(read.line, read.own_date);
    if (!date) {
        read.ok = false;
    } else {
        out.reported = *date;
    }
    out.line = read.line;
    return read.ok;
}

} // namespace detail

namespace {

bool ends_with_any(const std::string& name, std::initializer_list<std::string_view> suffixes) {
    const std::string lower = detail::ascii_lower(name);
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](std::string_view s) { return lower.ends_with(s); });
}

/// How each row changes the state known at the date it reports on.
struct DiffedRows {
    std::vector<Change> changes;
    std::vector<bool> unchanged;
    /// The state after a changing row that applies last to its key (JSON), for the cache of the
    /// latest state; nothing for a back-dated row, whose latest state needs a replay.
    std::vector<std::optional<std::string>> latest;
    std::size_t back_dated = 0;
};

DiffedRows diff_rows(Kind kind, const std::vector<detail::Parsed>& parsed,
                     const store::History& history, detail::LoadContext& context) {
    // A row changes the state known at the date it reports on: the latest one, or, for a row
    // reporting on an earlier date than the latest version, the state as it was then.
    std::map<std::string, Registry> earlier;
    DiffedRows diffed;
    for (const detail::Parsed& p : parsed) {
        const Entry* base = context.current.find(kind, p.key);
        const bool back_dated = base != nullptr && p.reported < base->reported;
        if (back_dated) {
            ++diffed.back_dated;
            auto then = earlier.find(p.reported);
            if (then == earlier.end()) {
                then = earlier.emplace(p.reported, Registry::at(history, p.reported)).first;
            }
            base = then->second.find(kind, p.key);
        }
        nlohmann::json after = base != nullptr ? base->data : nlohmann::json();
        apply_version(kind, after, p.data);
        detail::check_state(kind, after, p.line, context);
        const bool unchanged = base != nullptr && base->data == after;
        diffed.unchanged.push_back(unchanged);
        const bool needs_state = !unchanged && !back_dated && !context.failed();
        diffed.latest.push_back(needs_state ? std::optional(after.dump()) : std::nullopt);
        diffed.changes.push_back(
            {p.key, p.line, base == nullptr,
             base != nullptr ? changed_fields(base->data, after) : std::vector<std::string>{}});
    }
    return diffed;
}

/// The layer of a file GDAL reads; problems name it from now on.
io::VectorTable read_layer(const std::filesystem::path& file, detail::LoadContext& context) {
    io::VectorTable table = io::read_vector_table(file, context.options.layer);
    context.name_source(table.name);
    for (const std::string& note : table.notes) {
        context.note(note);
    }
    return table;
}

/// A population layer with areas (polygons) is admin areas; one without is a table.
bool has_areas(const io::VectorTable& table) {
    return std::any_of(table.rows.begin(), table.rows.end(), [](const io::VectorRow& row) {
        return row.geometry && row.geometry->value("type", "").ends_with("Polygon");
    });
}

std::vector<detail::Parsed> parse_features(Kind kind, const std::filesystem::path& file,
                                           const io::VectorTable* layer,
                                           detail::LoadContext& context) {
    const nlohmann::json root =
        layer != nullptr ? io::to_feature_collection(*layer) : io::read_json_file(file);
    return kind == Kind::Hazards ? detail::parse_hazards(root, context)
                                 : detail::parse_admin_areas(root, context);
}

std::vector<detail::Parsed> parse_table(Kind kind, const io::HxlTable& table,
                                        detail::LoadContext& context) {
    for (const std::string& note : table.notes) {
        context.note(note);
    }
    if (kind == Kind::Facilities) {
        return detail::parse_facilities(table, context);
    }
    if (kind == Kind::Population && detail::is_area_count_table(table)) {
        return detail::parse_area_counts(table, context);
    }
    if (kind == Kind::Population) {
        return detail::parse_population_points(table, context);
    }
    return detail::parse_table_kind(kind, table, context);
}

void check_options_fit(Kind kind, const std::filesystem::path& file, bool via_gdal,
                       const LoadOptions& options) {
    if (options.layer && !via_gdal) {
        throw InputError(fmt::format("{}: --layer is for files with layers (GeoPackage, FileGDB, "
                                     "a workbook ...); this one has none",
                                     file.string()));
    }
    if (options.mapping && kind == Kind::Hazards) {
        throw InputError(fmt::format("{}: --mapping tags a table's columns; hazards are features",
                                     file.string()));
    }
}

/// The rows of `file`, read by the format its name gives: GeoJSON, GeoTIFF and HXL CSV by our
/// own readers (which name lines and columns), anything else through GDAL; a population file by
/// what it holds (areas, points or counts per admin area).
std::vector<detail::Parsed> parse_file(Kind kind, const std::filesystem::path& file,
                                       detail::LoadContext& context) {
    const std::string name = file.filename().string();
    const bool geojson = ends_with_any(name, {".geojson", ".json"});
    const bool raster = ends_with_any(name, {".tif", ".tiff"});
    const bool via_gdal = io::is_gdal_vector_path(file);
    check_options_fit(kind, file, via_gdal, context.options);
    std::optional<io::VectorTable> layer;
    if (via_gdal) {
        layer = read_layer(file, context);
    }
    if (kind == Kind::Hazards) {
        if (!geojson && !via_gdal) {
            throw InputError(fmt::format("{}: hazards are read from GeoJSON (.geojson or .json) "
                                         "or a layer GDAL opens (Shapefile, GeoPackage, FileGDB, "
                                         "KML ...)",
                                         file.string()));
        }
        return parse_features(kind, file, layer ? &*layer : nullptr, context);
    }
    if (kind == Kind::Population && (geojson || (layer && has_areas(*layer)))) {
        return parse_features(kind, file, layer ? &*layer : nullptr, context);
    }
    if (kind == Kind::Population && raster) {
        return detail::parse_population_raster(file, context);
    }
    if (geojson || raster) {
        throw InputError(fmt::format("{}: {} are read from HXL CSV or a table GDAL opens (XLSX, "
                                     "ODS, GeoPackage ...)",
                                     file.string(), to_string(kind)));
    }
    std::optional<io::HxlMapping> mapping;
    if (context.options.mapping) {
        mapping = io::read_hxl_mapping(*context.options.mapping);
    }
    const io::HxlMapping* given = mapping ? &*mapping : nullptr;
    return parse_table(
        kind, layer ? io::to_hxl_table(*layer, given) : io::read_hxl_csv(file, given), context);
}

void report_duplicate_keys(Kind kind, const std::vector<detail::Parsed>& parsed,
                           detail::LoadContext& context) {
    std::map<std::string, std::int64_t> seen;
    for (const detail::Parsed& p : parsed) {
        const auto [at, inserted] = seen.emplace(p.key, p.line);
        if (!inserted) {
            context.problem(p.line, fmt::format("{} '{}' appears twice (also line {})",
                                                kind == Kind::Facilities ? "facility" : "key",
                                                p.key, at->second));
        }
    }
}

void note_back_dated(const std::filesystem::path& file, std::size_t back_dated,
                     detail::LoadContext& context) {
    if (back_dated == 0) {
        return;
    }
    context.note(fmt::format("{}: {} row{} report on an earlier date than the project's latest "
                             "version: they change the history from that date, and the fields "
                             "set by later versions stay",
                             file.string(), back_dated, back_dated == 1 ? "" : "s"));
}

/// Adds a record and a change to `plan` for each row that changes its object, and counts the
/// others. Returns the latest state after each record (see DiffedRows::latest).
std::vector<std::optional<std::string>> add_changed_rows(Kind kind,
                                                         const std::vector<detail::Parsed>& parsed,
                                                         DiffedRows& diffed, LoadPlan& plan) {
    std::vector<std::optional<std::string>> latest;
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        if (diffed.unchanged[i]) {
            ++plan.unchanged;
            continue;
        }
        const detail::Parsed& p = parsed[i];
        plan.changes.push_back(std::move(diffed.changes[i]));
        plan.records.push_back(
            {0, 0, std::string(to_string(kind)), p.key, p.reported, p.line, p.data.dump()});
        latest.push_back(std::move(diffed.latest[i]));
    }
    return latest;
}

} // namespace

LoadPlan plan_load(Kind kind, const std::filesystem::path& file, const model::Town& town,
                   const store::History& history, const LoadOptions& options) {
    if (!std::isfinite(options.match_within_m) || options.match_within_m < 0) {
        throw InputError(fmt::format("the distance to match facilities within must be a finite "
                                     "number of metres, 0 or more, not {}",
                                     options.match_within_m));
    }
    LoadPlan plan;
    plan.kind = kind;
    plan.file = file.string();
    std::error_code ec;
    // A FileGDB is a folder, and GDAL's own paths (/vsizip/...) are no files of ours.
    const bool gdal_path = file.string().starts_with("/vsi");
    if (!gdal_path && !std::filesystem::is_regular_file(file, ec) &&
        !(std::filesystem::is_directory(file, ec) && io::is_gdal_vector_path(file))) {
        throw InputError(fmt::format("{}: no such file", file.string()));
    }
    const Registry current = Registry::at(history, std::nullopt);
    detail::LoadContext context(town, current, options, plan);
    const std::vector<detail::Parsed> parsed = parse_file(kind, file, context);
    plan.rows = parsed.size();
    report_duplicate_keys(kind, parsed, context);
    DiffedRows diffed = diff_rows(kind, parsed, history, context);
    if (!plan.problems.empty()) {
        plan.records.clear();
        return plan;
    }
    note_back_dated(file, diffed.back_dated, context);
    std::vector<std::optional<std::string>> latest = add_changed_rows(kind, parsed, diffed, plan);
    plan.current = detail::current_update(history, current, plan.records, std::move(latest));
    return plan;
}

} // namespace dayafter::registry
