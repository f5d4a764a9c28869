// The HXL CSV kinds: facility statuses, population points, organisations, resources, funding
// and activities.
#include <array>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "dayafter/geo/coord.hpp"
#include "registry/load_common.hpp"

namespace dayafter::registry::detail {
namespace {

// HeRAMS codes (DESIGN.md, REFERENCE-FIGURES A: HeRAMS Syria, Dec 2017).
constexpr std::array<std::string_view, 3> kFunctionality = {"A1", "A2", "A3"};
constexpr std::array<std::string_view, 5> kCondition = {"A1", "A2", "A3", "A4", "A5"};
constexpr std::array<std::string_view, 3> kAccessibility = {"A1", "A2", "A3"};
constexpr std::array<std::string_view, 5> kCauses = {"staff", "finances", "physical_access",
                                                     "equipment", "supplies"};
/// The model's facility type names, so a type added there is loadable at once.
const std::array<std::string_view, model::kFacilityTypeCount> kFacilityTypes = [] {
    std::array<std::string_view, model::kFacilityTypeCount> names{};
    for (std::size_t t = 0; t < names.size(); ++t) {
        names[t] = model::to_string(static_cast<model::FacilityType>(t));
    }
    return names;
}();
constexpr std::array<std::string_view, 5> kPowerSources = {"grid", "generator", "grid+generator",
                                                           "solar", "none"};
constexpr std::array<std::string_view, 4> kGeneratorStates = {"working", "broken", "no_fuel",
                                                              "none"};
constexpr std::array<std::string_view, 4> kWaterSources = {"network", "trucked", "well", "none"};

const std::array<ColumnSpec, 22> kFacilityColumns = {{
    {"#loc+facility+code", "ext_code", Cell::Text, true},
    {"#loc+facility+name", "name", Cell::Text},
    {"#loc+facility+type", "type", Cell::Code, false, kFacilityTypes},
    {"#adm1+code", "adm1", Cell::Text},
    {"#adm2+code", "adm2", Cell::Text},
    {"#geo+lat", "lat", Cell::Lat},
    {"#geo+lon", "lon", Cell::Lon},
    {"#status+functionality", "functionality", Cell::Code, true, kFunctionality},
    {"#status+damage", "damage", Cell::Code, false, kCondition},
    {"#status+damage+equipment", "equipment_condition", Cell::Code, false, kCondition},
    {"#access", "access", Cell::Code, false, kAccessibility},
    {"#cause", "causes", Cell::Codes, false, kCauses},
    {"#org+impl", "operator", Cell::Text},
    {"#org+funding", "funders", Cell::List},
    {"#date+reported", "reported", Cell::Date},
    {"#meta+source", "source", Cell::Text},
    {"#x_osm+id", "osm_id", Cell::Text},
    {"#x_power+source", "power_source", Cell::Code, false, kPowerSources},
    {"#x_power+substation", "power_substation", Cell::Text},
    {"#x_power+generator", "generator", Cell::Code, false, kGeneratorStates},
    {"#x_water+source", "water_source", Cell::Code, false, kWaterSources},
    {"#capacity+people", "capacity_people", Cell::Count}, // people it can serve, over the service's
}};
constexpr ColumnSpec kWaterFacility = {"#x_water+facility", "water_facility", Cell::Text};

/// `#x_staff+present+doctors`, `#x_equipment+total+dialysis`: the per-role and per-kind columns.
struct Pattern {
    std::string group; // staff | equipment
    std::string measure;
    std::string name;
};
std::optional<Pattern> pattern_of(const HxlTag& tag) {
    const bool staff = tag.hashtag == "x_staff";
    if ((!staff && tag.hashtag != "x_equipment") || tag.attributes.size() != 2) {
        return std::nullopt;
    }
    const std::array<std::string_view, 2> measures =
        staff ? std::array<std::string_view, 2>{"present", "needed"}
              : std::array<std::string_view, 2>{"working", "total"};
    for (const std::string_view measure : measures) {
        for (std::size_t a = 0; a < 2; ++a) {
            if (tag.attributes[a] == measure && tag.attributes[1 - a] != measures[0] &&
                tag.attributes[1 - a] != measures[1]) {
                return Pattern{staff ? "staff" : "equipment", std::string(measure),
                               tag.attributes[1 - a]};
            }
        }
    }
    return std::nullopt;
}
bool is_pattern(const HxlTag& tag) {
    return pattern_of(tag).has_value();
}

class FacilityMatcher {
public:
    explicit FacilityMatcher(const LoadContext& context) : context_(context) {
        for (std::uint32_t f = 0; f < context.town.facilities.size(); ++f) {
            by_code_[context.town.facilities[FacilityId{f}].code] = f;
        }
        for (const auto& [key, entry] : context.current.objects(Kind::Facilities)) {
            if (entry.data.contains("ext_code")) {
                by_ext_code_[entry.data["ext_code"].get<std::string>()] = key;
            }
        }
    }

    /// The key a row belongs to and how it was matched; nothing when it matches no facility.
    std::optional<std::pair<std::string, std::string>> match(const nlohmann::json& row) const {
        // A code retired by `import osm --update` names the facility it was re-matched to.
        const std::string& code =
            context_.current.successor(row["ext_code"].get_ref<const std::string&>());
        if (by_code_.contains(code) || context_.current.find(Kind::Facilities, code) != nullptr) {
            return std::pair{code, std::string("code")};
        }
        if (const auto found = by_ext_code_.find(code); found != by_ext_code_.end()) {
            return std::pair{found->second, std::string("code")};
        }
        if (has(row, "osm_id")) {
            if (const auto osm = osm_code(row["osm_id"].get<std::string>());
                osm && by_code_.contains(*osm)) {
                return std::pair{*osm, std::string("OSM id")};
            }
        }
        if (!has(row, "lat")) {
            return std::nullopt;
        }
        const geo::Coord where =
            geo::Coord::from_degrees(row["lon"].get<double>(), row["lat"].get<double>());
        const std::optional<model::FacilityType> type =
            has(row, "type") ? model::parse_facility_type(row["type"].get<std::string>())
                             : std::nullopt;
        double best = context_.options.match_within_m;
        std::optional<std::uint32_t> found;
        for (std::uint32_t f = 0; f < context_.town.facilities.size(); ++f) {
            const model::Facility& facility = context_.town.facilities[FacilityId{f}];
            if (type && facility.type != *type) {
                continue;
            }
            const double d = geo::distance_m(where, facility.location);
            if (d <= best) {
                best = d;
                found = f;
            }
        }
        if (!found) {
            return std::nullopt;
        }
        return std::pair{context_.town.facilities[FacilityId{*found}].code,
                         fmt::format("location ({:.0f} m)", best)};
    }

    [[nodiscard]] bool on_map(const std::string& code) const { return by_code_.contains(code); }
    [[nodiscard]] bool known(const std::string& code) const {
        return by_code_.contains(code) || by_ext_code_.contains(code) ||
               context_.current.find(Kind::Facilities, code) != nullptr ||
               context_.current.replaced().contains(code);
    }

private:
    const LoadContext& context_;
    std::map<std::string, std::uint32_t> by_code_;
    std::map<std::string, std::string> by_ext_code_;
};

/// The staff and equipment columns of the table, by column index.
std::vector<std::pair<std::size_t, Pattern>> pattern_columns(const HxlTable& table) {
    std::vector<std::pair<std::size_t, Pattern>> patterns;
    for (std::size_t c = 0; c < table.tags.size(); ++c) {
        if (table.tags[c]) {
            if (auto pattern = pattern_of(*table.tags[c])) {
                patterns.emplace_back(c, std::move(*pattern));
            }
        }
    }
    return patterns;
}

/// Reads the staff and equipment counts of a row into `p`; false after a problem.
bool read_pattern_cells(const HxlRow& row,
                        std::span<const std::pair<std::size_t, Pattern>> patterns,
                        LoadContext& context, Parsed& p) {
    bool ok = true;
    for (const auto& [column, pattern] : patterns) {
        const std::string cell = trim(row.cells[column]);
        if (cell.empty()) {
            continue;
        }
        if (is_unknown(cell)) {
            p.data[pattern.group][pattern.name][pattern.measure] = nullptr;
            continue;
        }
        const auto count = parse_count(cell);
        if (!count) {
            context.problem(static_cast<std::int64_t>(row.line),
                            fmt::format("#x_{}+{}+{} '{}' is not a whole number of 0 or more",
                                        pattern.group, pattern.measure, pattern.name, cell));
            ok = false;
            continue;
        }
        p.data[pattern.group][pattern.name][pattern.measure] = *count;
    }
    return ok;
}

/// How the rows of a facilities file found their facilities, for the closing note.
struct MatchCounts {
    std::size_t by_location = 0; // by OSM id or location, not by code
    std::size_t added = 0;       // not on the map
};

/// Gives `p` the key of the facility its row with `code` reports on: one of the project's, or a
/// new one when the row says what and where it is. False after a problem.
bool assign_facility(const FacilityMatcher& matcher, const std::string& code, std::int64_t line,
                     const HxlTable& table, LoadContext& context, MatchCounts& counts, Parsed& p) {
    if (const auto match = matcher.match(p.data)) {
        p.key = match->first;
        if (match->second != "code") {
            ++counts.by_location;
            context.note(fmt::format("{}:{}: '{}' matched facility {} by {}", table.file, line,
                                     code, p.key, match->second));
        }
        return true;
    }
    if (osm_code(code)) {
        context.problem(line, fmt::format("'{}' looks like an OSM code but the project has no "
                                          "such facility",
                                          code));
        return false;
    }
    if (!has(p.data, "type") || !has(p.data, "lat")) {
        context.problem(line, fmt::format("facility '{}' matches no facility of the project (by "
                                          "code, OSM id or within {} m) and cannot be added "
                                          "without #loc+facility+type, #geo+lat and #geo+lon",
                                          code, context.options.match_within_m));
        return false;
    }
    p.key = code;
    ++counts.added;
    context.note(fmt::format("{}:{}: '{}' is not on the map: added as a new {}", table.file, line,
                             code, p.data["type"].get<std::string>()));
    return true;
}

/// The row's code is kept only when it is not the key; the OSM id served only to match.
void settle_codes(const FacilityMatcher& matcher, const std::string& code, Parsed& p) {
    const bool added = !matcher.on_map(p.key);
    if (added) {
        p.data["added"] = true; // not on the map: added from a file
    }
    if (p.key != code) {
        p.data["ext_code"] = code;
    } else {
        p.data.erase("ext_code");
    }
    // The OSM id of a facility not on this map is kept: a newer map may have it
    // (`import osm --update` matches it there). On the map, the key is the OSM id.
    const auto osm =
        has(p.data, "osm_id") ? osm_code(p.data["osm_id"].get<std::string>()) : std::nullopt;
    if (added && osm) {
        p.data["osm_id"] = *osm;
    } else {
        p.data.erase("osm_id");
    }
}

/// Dependencies must name a facility of the project or of this file.
void check_dependencies(std::span<const Parsed> parsed, const FacilityMatcher& matcher,
                        const std::map<std::string, std::int64_t>& codes_in_file,
                        LoadContext& context) {
    for (const Parsed& p : parsed) {
        for (const char* field : {"power_substation", "water_facility"}) {
            if (!has(p.data, field)) {
                continue;
            }
            const std::string ref = p.data[field];
            if (!matcher.known(ref) && !codes_in_file.contains(ref)) {
                context.problem(p.line, fmt::format("{} '{}' is not a facility of the project or "
                                                    "of this file",
                                                    field == std::string_view("power_substation")
                                                        ? "#x_power+substation"
                                                        : "#x_water+facility",
                                                    ref));
            }
        }
    }
}

} // namespace

/// "n123", "node/123", "w5", "way/5", "relation/7" to the project's code, or nothing.
std::optional<std::string> osm_code(std::string_view text) {
    const std::string t = trim(text);
    for (const auto& [prefix, letter] : std::array<std::pair<std::string_view, char>, 3>{
             {{"node/", 'n'}, {"way/", 'w'}, {"relation/", 'r'}}}) {
        if (t.starts_with(prefix) && parse_count(t.substr(prefix.size()))) {
            return fmt::format("{}{}", letter, t.substr(prefix.size()));
        }
    }
    if (t.size() > 1 && (t[0] == 'n' || t[0] == 'w' || t[0] == 'r') && parse_count(t.substr(1))) {
        return t;
    }
    return std::nullopt;
}

std::vector<Parsed> parse_facilities(const HxlTable& table, LoadContext& context) {
    std::vector<ColumnSpec> specs(kFacilityColumns.begin(), kFacilityColumns.end());
    specs.push_back(kWaterFacility);
    const auto columns = bind_columns(table, specs, context, &is_pattern);
    const auto patterns = pattern_columns(table);
    const FacilityMatcher matcher(context);
    std::vector<Parsed> parsed;
    std::map<std::string, std::int64_t> codes_in_file;
    MatchCounts counts;
    for (const HxlRow& row : table.rows) {
        Parsed p;
        bool ok = read_row(row, specs, columns, context, p);
        ok = read_pattern_cells(row, patterns, context, p) && ok;
        if (!ok || !has(p.data, "ext_code")) {
            continue;
        }
        const auto line = static_cast<std::int64_t>(row.line);
        const std::string code = p.data["ext_code"];
        if (const auto [at, inserted] = codes_in_file.emplace(code, line); !inserted) {
            context.problem(line, fmt::format("facility code '{}' appears twice (also line {})",
                                              code, at->second));
            continue;
        }
        if (!assign_facility(matcher, code, line, table, context, counts, p)) {
            continue;
        }
        settle_codes(matcher, code, p);
        parsed.push_back(std::move(p));
    }
    check_dependencies(parsed, matcher, codes_in_file, context);
    if (counts.by_location > 0 || counts.added > 0) {
        context.note(fmt::format("{}: {} rows matched by OSM id or location, {} added as new "
                                 "facilities",
                                 table.file, counts.by_location, counts.added));
    }
    return parsed;
}

void check_state(Kind kind, const nlohmann::json& state, std::int64_t line, LoadContext& context) {
    if (has(state, "start") && has(state, "end") && state["start"] > state["end"]) {
        context.problem(line, fmt::format("#date+start {} is after #date+end {}",
                                          state["start"].get<std::string>(),
                                          state["end"].get<std::string>()));
    }
    if (kind == Kind::Activities && has(state, "budget") != has(state, "currency")) {
        context.problem(line, "#value+budget needs #currency+code (and the other way)");
    }
    if (kind != Kind::Facilities || !state.contains("equipment")) {
        return;
    }
    for (const auto& [name, counts] : state["equipment"].items()) {
        if (counts.contains("working") && counts.contains("total") &&
            counts["working"].get<std::int64_t>() > counts["total"].get<std::int64_t>()) {
            context.problem(line, fmt::format("{}: {} working is more than the {} in total", name,
                                              counts["working"].get<std::int64_t>(),
                                              counts["total"].get<std::int64_t>()));
        }
    }
}

namespace {

constexpr std::array<std::string_view, 9> kOrgTypes = {
    "un", "ingo", "ngo", "local_authority", "government", "red_cross", "private", "donor", "other"};
constexpr std::array<ColumnSpec, 5> kOrgColumns = {{
    {"#org+name", "name", Cell::Text, true},
    {"#org+code", "code", Cell::Text},
    {"#org+type", "type", Cell::Code, true, kOrgTypes},
    {"#sector", "sectors", Cell::List},
    {"#date+reported", "reported", Cell::Date},
}};

constexpr std::array<std::string_view, 10> kResourceTypes = {
    "demining_team",   "excavator",  "truck",         "loader",    "engineering_unit",
    "electrical_crew", "water_crew", "medical_staff", "generator", "bridging_unit"};
constexpr std::array<ColumnSpec, 10> kResourceColumns = {{
    {"#meta+id", "id", Cell::Text, true},
    {"#org+impl", "org", Cell::Text, true},
    {"#item+type", "type", Cell::Code, true, kResourceTypes},
    {"#item+name", "name", Cell::Text},
    {"#capacity+num", "count", Cell::Count, true},
    {"#adm1+code", "adm1", Cell::Text},
    {"#loc+entry+name", "entry_point", Cell::Text}, // the border crossing or hub it comes through
    {"#date+start", "start", Cell::Date},
    {"#date+end", "end", Cell::Date},
    {"#date+reported", "reported", Cell::Date},
}};

constexpr std::array<std::string_view, 4> kWindows = {"stabilization", "reconstruction",
                                                      "humanitarian", "development"};
constexpr std::array<ColumnSpec, 10> kFundingColumns = {{
    {"#meta+id", "id", Cell::Text, true},
    {"#org+funding", "donor", Cell::Text, true},
    {"#org+impl", "recipient", Cell::Text},
    {"#meta+window", "window", Cell::Code, true, kWindows},
    {"#value+funding", "amount", Cell::Amount, true},
    {"#currency+code", "currency", Cell::Currency, true},
    {"#sector+cluster", "sector", Cell::Text},
    {"#date+start", "start", Cell::Date},
    {"#date+end", "end", Cell::Date},
    {"#date+reported", "reported", Cell::Date},
}};

constexpr std::array<std::string_view, 5> kActivityStatus = {"planned", "ongoing", "completed",
                                                             "suspended", "cancelled"};
constexpr std::array<ColumnSpec, 19> kActivityColumns = {{
    {"#org+impl", "org", Cell::Text, true},
    {"#org+funding", "funder", Cell::Text},
    {"#sector+cluster", "sector", Cell::Text, true},
    {"#activity+name", "name", Cell::Text, true},
    {"#adm1+code", "adm1", Cell::Text},
    {"#adm2+code", "adm2", Cell::Text},
    {"#loc+name", "place", Cell::Text},
    {"#loc+code", "object", Cell::Text},
    {"#geo+lat", "lat", Cell::Lat},
    {"#geo+lon", "lon", Cell::Lon},
    {"#status", "status", Cell::Code, true, kActivityStatus},
    {"#date+start", "start", Cell::Date},
    {"#date+end", "end", Cell::Date},
    {"#targeted+ind", "targeted", Cell::Count},
    {"#reached+ind", "reached", Cell::Count},
    {"#value+budget", "budget", Cell::Amount},
    {"#currency+code", "currency", Cell::Currency},
    {"#meta+id", "id", Cell::Text, true},
    {"#date+reported", "reported", Cell::Date},
}};

std::span<const ColumnSpec> columns_of(Kind kind) {
    switch (kind) {

    case Kind::Orgs:
        return kOrgColumns;
    case Kind::Resources:
        return kResourceColumns;
    case Kind::Funding:
        return kFundingColumns;
    default:
        return kActivityColumns;
    }
}

} // namespace

std::vector<Parsed> parse_table_kind(Kind kind, const HxlTable& table, LoadContext& context) {
    const std::span<const ColumnSpec> specs = columns_of(kind);
    const auto columns = bind_columns(table, specs, context);
    std::vector<Parsed> parsed;
    for (const HxlRow& row : table.rows) {
        Parsed p;
        if (!read_row(row, specs, columns, context, p)) {
            continue;
        }
        const nlohmann::json& d = p.data;
        // A required key column that is missing was reported by bind_columns; its rows have no
        // key to read and are left out (the load is refused for that problem).
        const char* key_field = kind == Kind::Orgs && !has(d, "code") ? "name" : "id";
        if (kind == Kind::Orgs && has(d, "code")) {
            p.key = d["code"].get<std::string>();
        } else if (!has(d, key_field)) {
            continue;
        } else {
            p.key = d[key_field].get<std::string>();
            if (kind != Kind::Orgs) {
                p.data.erase("id");
            }
        }
        parsed.push_back(std::move(p));
    }
    return parsed;
}

namespace {

constexpr std::array<std::string_view, 4> kSiteTypes = {"home", "camp", "collective_centre",
                                                        "informal_settlement"};
constexpr std::array<ColumnSpec, 12> kPopulationColumns = {{
    {"#loc+code", "code", Cell::Text},
    {"#loc+name", "name", Cell::Text},
    {"#geo+lat", "lat", Cell::Lat, true},
    {"#geo+lon", "lon", Cell::Lon, true},
    {"#population", "population", Cell::Count, true},
    {"#group", "group", Cell::Code, false, kPopulationGroups},
    {"#loc+type", "site", Cell::Code, false, kSiteTypes},
    {"#adm1+code", "adm1", Cell::Text},
    {"#adm2+code", "adm2", Cell::Text},
    {"#adm1+code+origin", "origin_adm1", Cell::Text},
    {"#loc+name+origin", "origin", Cell::Text},
    {"#date+reported", "reported", Cell::Date},
}};

} // namespace

std::vector<Parsed> parse_population_points(const HxlTable& table, LoadContext& context) {
    const auto columns = bind_columns(table, kPopulationColumns, context);
    std::vector<Parsed> parsed;
    for (const HxlRow& row : table.rows) {
        Parsed p;
        if (!read_row(row, kPopulationColumns, columns, context, p)) {
            continue;
        }
        if (!has(p.data, "lat")) {
            context.problem(p.line, "a population point needs #geo+lat and #geo+lon");
            continue;
        }
        if (!has(p.data, "group")) {
            p.data["group"] = "residents";
        }
        if (has(p.data, "code")) {
            p.key = p.data["code"].get<std::string>();
            p.data.erase("code");
        } else {
            p.key = fmt::format("pt:{:.6f},{:.6f}:{}", p.data["lat"].get<double>(),
                                p.data["lon"].get<double>(), p.data["group"].get<std::string>());
        }
        parsed.push_back(std::move(p));
    }
    return parsed;
}

} // namespace dayafter::registry::detail

namespace dayafter::registry {

std::vector<ColumnSpec> columns_for(Kind kind) {
    if (kind == Kind::Facilities) {
        std::vector<ColumnSpec> specs(detail::kFacilityColumns.begin(),
                                      detail::kFacilityColumns.end());
        specs.push_back(detail::kWaterFacility);
        return specs;
    }
    if (kind == Kind::Population) {
        return {detail::kPopulationColumns.begin(), detail::kPopulationColumns.end()};
    }
    const std::span<const ColumnSpec> specs = detail::columns_of(kind);
    return {specs.begin(), specs.end()};
}

} // namespace dayafter::registry
