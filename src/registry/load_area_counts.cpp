// Population counted per admin area: an HXL CSV with a P-code column and a count and no position,
// as OCHA's COD-PS tables (`#adm1+code`, `#adm2+code`, `#population+total` and sex and age
// columns) and IOM DTM lists are. Each row is stored under `area:<pcode>:<group>`; the snapshot
// spreads the count over the area's buildings (snapshot/population.hpp).
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "registry/load_common.hpp"

namespace dayafter::registry::detail {
namespace {

/// COD-PS tables give counts to one decimal (projections), so a count need not be whole.
constexpr std::array<ColumnSpec, 11> kAreaCountColumns = {{
    {"#adm1+code", "adm1", Cell::Text},
    {"#adm2+code", "adm2", Cell::Text},
    {"#adm3+code", "adm3", Cell::Text},
    {"#adm4+code", "adm4", Cell::Text},
    {"#adm1+name", "adm1_name", Cell::Text},
    {"#adm2+name", "adm2_name", Cell::Text},
    {"#adm3+name", "adm3_name", Cell::Text},
    {"#adm4+name", "adm4_name", Cell::Text},
    {"#population", "population", Cell::Amount, true},
    {"#group", "group", Cell::Code, false, kPopulationGroups},
    {"#date+reported", "reported", Cell::Date},
}};
constexpr std::size_t kCountColumn = 8;

/// The columns COD-PS tables have beside the ones read: the country and the counts by sex and
/// age. They are accepted quietly and counted in one note rather than one note each.
bool is_other_population_column(const HxlTag& tag) {
    return tag.hashtag == "adm0" || (tag.hashtag == "population" && !tag.attributes.empty());
}

/// `#population`, else COD-PS's `#population+total`.
std::vector<ColumnSpec> specs_for(const HxlTable& table) {
    std::vector<ColumnSpec> specs(kAreaCountColumns.begin(), kAreaCountColumns.end());
    if (!table.find("#population") && table.find("#population+total")) {
        specs[kCountColumn].tag = "#population+total";
    }
    return specs;
}

/// The P-code of the row's most detailed admin level and that level; level 0 when none.
std::pair<std::string, int> deepest_code(const nlohmann::json& data) {
    for (int level = 4; level >= 1; --level) {
        const std::string field = fmt::format("adm{}", level);
        if (has(data, field)) {
            return {data[field].get<std::string>(), level};
        }
    }
    return {{}, 0};
}

/// Checks the row's area against the project's admin areas; false after a problem.
bool check_area(const std::string& pcode, int level, const Parsed& p, LoadContext& context) {
    const Entry* area = context.current.find(Kind::Population, "adm:" + pcode);
    if (area == nullptr) {
        context.problem(p.line, fmt::format("#adm{}+code {} is not an admin area of the project "
                                            "(load the areas first: GeoJSON with P-codes)",
                                            level, pcode));
        return false;
    }
    const int area_level = area->data.value("level", 0);
    if (area_level != level) {
        context.problem(p.line, fmt::format("{} is an admin level {} area, not level {} as "
                                            "#adm{}+code says",
                                            pcode, area_level, level, level));
        return false;
    }
    const std::string parent_field = fmt::format("adm{}", level - 1);
    if (level > 1 && has(p.data, parent_field) &&
        area->data.value("parent", "") != p.data[parent_field].get<std::string>()) {
        context.problem(p.line, fmt::format("#adm{}+code {} is not the parent of {} (the "
                                            "project's areas say {})",
                                            level - 1, p.data[parent_field].get<std::string>(),
                                            pcode, area->data.value("parent", "")));
        return false;
    }
    return true;
}

} // namespace

bool is_area_count_table(const HxlTable& table) {
    if (table.find("#geo+lat") || table.find("#geo+lon")) {
        return false;
    }
    for (const char* code : {"#adm1+code", "#adm2+code", "#adm3+code", "#adm4+code"}) {
        if (table.find(code)) {
            return true;
        }
    }
    return false;
}

std::vector<Parsed> parse_area_counts(const HxlTable& table, LoadContext& context) {
    const std::vector<ColumnSpec> specs = specs_for(table);
    const auto columns = bind_columns(table, specs, context, &is_other_population_column);
    std::size_t other_columns = 0;
    for (const auto& tag : table.tags) {
        other_columns +=
            tag && is_other_population_column(*tag) && tag->text() != specs[kCountColumn].tag ? 1
                                                                                              : 0;
    }
    if (other_columns > 0) {
        context.note(fmt::format("{}: {} columns of the country or of counts by sex and age are "
                                 "not read (only {})",
                                 table.file, other_columns, specs[kCountColumn].tag));
    }
    std::vector<Parsed> parsed;
    for (const HxlRow& row : table.rows) {
        Parsed p;
        if (!read_row(row, specs, columns, context, p)) {
            continue;
        }
        const auto [pcode, level] = deepest_code(p.data);
        if (level == 0) {
            context.problem(p.line, "no P-code: #adm1+code to #adm4+code are all empty");
            continue;
        }
        if (!check_area(pcode, level, p, context)) {
            continue;
        }
        const std::string group =
            has(p.data, "group") ? p.data["group"].get<std::string>() : std::string("residents");
        nlohmann::json data = {
            {"pcode", pcode}, {"population", p.data["population"]}, {"group", group}};
        if (const std::string name = fmt::format("adm{}_name", level); has(p.data, name)) {
            data["name"] = p.data[name];
        }
        p.key = fmt::format("area:{}:{}", pcode, group);
        p.data = std::move(data);
        parsed.push_back(std::move(p));
    }
    return parsed;
}

} // namespace dayafter::registry::detail
