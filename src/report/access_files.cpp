#include "dayafter/report/access_files.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "dayafter/io/graph_export.hpp"
#include "dayafter/io/hxl.hpp"
#include "dayafter/report/gis_layers.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::report {
namespace {

using access::Reach;
using access::ServiceAccess;
using util::TextFile;

std::string json_string(std::string_view text) {
    return nlohmann::json(std::string(text)).dump();
}

std::string point(geo::Coord c) {
    return fmt::format(R"({{"type":"Point","coordinates":[{:.7f},{:.7f}]}})", c.lon(), c.lat());
}

std::string amount_tag(const ServiceAccess& r) {
    return r.service.measure == model::Measure::Time ? "#x_time+minutes+" + r.service.name
                                                     : "#x_distance+metres+" + r.service.name;
}

/// Minutes to the hundredth, or metres to the decimetre; empty when cut off.
std::string amount_text(const ServiceAccess& r, const access::PlaceAccess& place) {
    const std::optional<double> amount = amount_for_people(r, place);
    if (!amount) {
        return {};
    }
    return r.service.measure == model::Measure::Time ? fmt::format("{:.2f}", *amount)
                                                     : fmt::format("{:.1f}", *amount);
}

std::string facility_code(const model::Town& town, FacilityId f) {
    return f.valid() ? town.facilities[f].code : std::string();
}

void write_places_csv(const model::Town& town, std::span<const model::Place> places,
                      std::span<const ServiceAccess> results, const std::filesystem::path& path) {
    std::vector<std::string> header = {"code", "lat", "lon", "population"};
    std::vector<std::string> tags = {"#loc+code", "#geo+lat", "#geo+lon", "#population"};
    for (const ServiceAccess& r : results) {
        header.insert(header.end(),
                      {amount_column(r), r.service.name + "_facility", r.service.name + "_access"});
        tags.insert(tags.end(), {amount_tag(r), "#loc+facility+code+" + r.service.name,
                                 "#status+access+" + r.service.name});
    }
    std::string text = io::csv_row(header) + '\n' + io::csv_row(tags) + '\n';
    std::vector<std::string> row;
    for (std::size_t i = 0; i < places.size(); ++i) {
        const model::Place& place = places[i];
        // Codes come from partners' files: through the one CSV writer, quoted and defused.
        row = {place.code, fmt::format("{:.7f}", place.location.lat()),
               fmt::format("{:.7f}", place.location.lon()),
               fmt::format("{:.2f}", place.population)};
        for (const ServiceAccess& r : results) {
            const access::PlaceAccess& a = r.places[i];
            row.insert(row.end(), {amount_text(r, a), facility_code(town, a.facility),
                                   std::string(access::to_string(a.reach))});
        }
        text += io::csv_row(row);
        text += '\n';
    }
    io::write_csv_file(path, text);
}

void write_places_geojson(const model::Town& town, std::span<const model::Place> places,
                          std::span<const ServiceAccess> results,
                          const std::filesystem::path& path) {
    TextFile file(path);
    file.line(R"({"type":"FeatureCollection","features":[)");
    for (std::size_t i = 0; i < places.size(); ++i) {
        const model::Place& place = places[i];
        std::string properties = fmt::format(R"("code":{},"population":{:.2f})",
                                             json_string(place.code), place.population);
        for (const ServiceAccess& r : results) {
            const access::PlaceAccess& a = r.places[i];
            const std::string amount = amount_text(r, a);
            properties += fmt::format(
                R"(,"{}":{},"{}_facility":{},"{}_access":"{}")", amount_column(r),
                amount.empty() ? "null" : amount, r.service.name,
                a.facility.valid() ? json_string(facility_code(town, a.facility)) : "null",
                r.service.name, access::to_string(a.reach));
        }
        file.write(fmt::format(R"({}{{"type":"Feature","geometry":{},"properties":{{{}}}}})",
                               i == 0 ? "" : ",\n", point(place.location), properties));
    }
    file.line("\n]}");
    file.commit();
}

std::string load_properties(const model::Town& town, const ServiceAccess& r,
                            const access::FacilityLoad& load) {
    const model::Facility& f = town.facilities[load.facility];
    // The status the search used (a what-if may close or reopen it); a facility with no status
    // loaded counts as functioning but is shown as unknown, so a map tells reported from assumed.
    const std::string_view status = !load.functioning ? "not functioning"
                                    : f.functioning   ? "functioning"
                                                      : "unknown";
    return fmt::format(
        R"("service":{},"code":{},"name":{},"type":"{}","status":"{}","down_because":{},)"
        R"("snapped":{},"population":{:.0f},"capacity":{},"unserved":{:.0f},"overloaded":{})",
        json_string(r.service.name), json_string(f.code), json_string(f.name),
        model::to_string(f.type), status,
        f.down_because.empty() ? "null" : json_string(f.down_because),
        load.snapped ? "true" : "false", load.population,
        load.capacity ? fmt::format("{:.0f}", *load.capacity) : "null", load.unserved,
        load.overloaded() ? "true" : "false");
}

void write_facilities_geojson(const model::Town& town, std::span<const ServiceAccess> results,
                              const std::filesystem::path& path) {
    TextFile file(path);
    file.line(R"({"type":"FeatureCollection","features":[)");
    bool first = true;
    for (const ServiceAccess& r : results) {
        for (const access::FacilityLoad& load : r.facilities) {
            file.write(fmt::format(
                R"({}{{"type":"Feature","geometry":{},"properties":{{{}}}}})", first ? "" : ",\n",
                point(town.facilities[load.facility].location), load_properties(town, r, load)));
            first = false;
        }
    }
    file.line("\n]}");
    file.commit();
}

void write_catchments_geojson(const model::Town& town, std::span<const ServiceAccess> results,
                              const std::filesystem::path& path) {
    const graph::RoadNetwork& net = town.roads;
    TextFile file(path);
    file.line(R"({"type":"FeatureCollection","features":[)");
    bool first = true;
    for (const ServiceAccess& r : results) {
        const std::vector<std::vector<EdgeId>> edges_of = catchment_edges(town, r);
        for (std::size_t i = 0; i < r.facilities.size(); ++i) {
            std::string lines;
            for (const EdgeId e : edges_of[i]) {
                std::vector<std::string> points;
                for (const geo::Coord c : net.geometry(e)) {
                    points.push_back(fmt::format("[{:.7f},{:.7f}]", c.lon(), c.lat()));
                }
                // A node drawn twice makes a part of no length once written: not a valid line
                // (ST_IsValid), and nothing to see.
                if (std::all_of(points.begin(), points.end(),
                                [&](const std::string& p) { return p == points.front(); })) {
                    continue;
                }
                lines += fmt::format("{}[{}]", lines.empty() ? "" : ",", fmt::join(points, ","));
            }
            if (lines.empty()) {
                continue;
            }
            file.write(fmt::format(
                R"({}{{"type":"Feature","geometry":{{"type":"MultiLineString","coordinates":[{}]}},)"
                R"("properties":{{{}}}}})",
                first ? "" : ",\n", lines, load_properties(town, r, r.facilities[i])));
            first = false;
        }
    }
    file.line("\n]}");
    file.commit();
}

} // namespace

std::vector<std::filesystem::path> write_access_files(const model::Town& town,
                                                      std::span<const model::Place> places,
                                                      std::span<const ServiceAccess> results,
                                                      const std::filesystem::path& folder) {
    util::create_folder(folder);
    std::vector<std::filesystem::path> paths = {folder / "places.csv", folder / "places.geojson",
                                                folder / "facilities.geojson",
                                                folder / "catchments.geojson"};
    write_places_csv(town, places, results, paths[0]);
    write_places_geojson(town, places, results, paths[1]);
    write_facilities_geojson(town, results, paths[2]);
    write_catchments_geojson(town, results, paths[3]);
    return paths;
}

void write_node_times(const std::filesystem::path& file, std::span<const std::uint64_t> times_us) {
    TextFile out(file);
    out.line("id,seconds");
    for (std::size_t node = 0; node < times_us.size(); ++node) {
        const std::uint64_t us = times_us[node];
        out.line(us == access::kUnreachable
                     ? fmt::format("{},inf", node)
                     : fmt::format("{},{}", node,
                                   us % 1000 == 0
                                       ? io::format_seconds(us / 1000)
                                       : fmt::format("{:.6f}", static_cast<double>(us) / 1e6)));
    }
    out.commit();
}

} // namespace dayafter::report
