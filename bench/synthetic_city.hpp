// The synthetic city of ../shared/bench/make_grid.py as an OSM XML file the importer reads, for
// the benchmark programs that need a whole town (plan_bench, whatif_bench): one way per road
// segment, its class from its speed, bridge=yes on the generator's bridges, the facilities at its
// sources as OSM nodes of several types (hospital, clinic, bakery, water point, school,
// substation, water works).
//
//     const bench::City city = bench::write_osm("/tmp/city", "/tmp/city/city.osm");
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "csv_rows.hpp"

namespace dayafter::bench {

struct City {
    std::vector<std::pair<double, double>> lon_lat; // per generator node
    std::vector<std::uint32_t> sources;
    std::vector<std::int64_t> bridge_ways; // OSM way id per bridge segment
};

inline constexpr std::int64_t kFacilityNodeBase = 10'000'000;
inline constexpr std::array<const char*, 10> kTypes = {
    "amenity=hospital", "amenity=clinic",      "shop=bakery", "amenity=drinking_water",
    "amenity=school",   "amenity=clinic",      "shop=bakery", "amenity=drinking_water",
    "power=substation", "man_made=water_works"};

inline std::string road_class(double kmh) {
    const std::array<std::pair<double, const char*>, 4> classes = {
        {{30, "residential"}, {50, "secondary"}, {60, "primary"}, {70, "trunk"}}};
    std::string best = "residential";
    double gap = 1e9;
    for (const auto& [speed, name] : classes) {
        if (std::abs(kmh - speed) < gap) {
            gap = std::abs(kmh - speed);
            best = name;
        }
    }
    return best;
}

/// Writes the city as OSM XML: one way per undirected segment, oneway=yes when the generator
/// has one direction only.
inline City write_osm(const std::filesystem::path& dir, const std::filesystem::path& osm) {
    City city;
    for (const auto& row : test::csv_rows(dir / "nodes.csv")) {
        city.lon_lat.emplace_back(std::stod(row[1]), std::stod(row[2]));
    }
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<double, int>> segments;
    for (const auto& row : test::csv_rows(dir / "edges.csv")) {
        const auto from = static_cast<std::uint32_t>(std::stoul(row[0]));
        const auto to = static_cast<std::uint32_t>(std::stoul(row[1]));
        auto& [seconds, directions] = segments[{std::min(from, to), std::max(from, to)}];
        seconds = std::stod(row[2]);
        directions |= from < to ? 1 : 2;
    }
    std::map<std::pair<std::uint32_t, std::uint32_t>, bool> bridges;
    for (const auto& row : test::csv_rows(dir / "bridges.csv")) {
        const auto a = static_cast<std::uint32_t>(std::stoul(row[1]));
        const auto b = static_cast<std::uint32_t>(std::stoul(row[2]));
        bridges[{std::min(a, b), std::max(a, b)}] = true;
    }
    for (const auto& row : test::csv_rows(dir / "sources.csv")) {
        city.sources.push_back(static_cast<std::uint32_t>(std::stoul(row[0])));
    }
    std::ofstream out(osm);
    out << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n";
    for (std::size_t n = 0; n < city.lon_lat.size(); ++n) {
        out << fmt::format("<node id=\"{}\" version=\"1\" lat=\"{:.7f}\" lon=\"{:.7f}\"/>\n", n + 1,
                           city.lon_lat[n].second, city.lon_lat[n].first);
    }
    for (std::size_t k = 0; k < city.sources.size(); ++k) {
        const auto [lon, lat] = city.lon_lat[city.sources[k]];
        const std::string tag = kTypes[k % kTypes.size()];
        const auto eq = tag.find('=');
        out << fmt::format("<node id=\"{}\" version=\"1\" lat=\"{:.7f}\" lon=\"{:.7f}\">"
                           "<tag k=\"{}\" v=\"{}\"/></node>\n",
                           kFacilityNodeBase + static_cast<std::int64_t>(k), lat + 0.0002, lon,
                           tag.substr(0, eq), tag.substr(eq + 1));
    }
    std::int64_t way = 0;
    for (const auto& [ends, value] : segments) {
        const auto& [seconds, directions] = value;
        ++way;
        const auto [lon_a, lat_a] = city.lon_lat[ends.first];
        const auto [lon_b, lat_b] = city.lon_lat[ends.second];
        const double dx = (lon_b - lon_a) * 111'320.0 * std::cos(36.34 * M_PI / 180);
        const double dy = (lat_b - lat_a) * 110'574.0;
        const bool bridge = bridges.contains(ends);
        const std::string cls =
            bridge ? "secondary" : road_class(std::hypot(dx, dy) / seconds * 3.6);
        const std::uint32_t first = directions == 2 ? ends.second : ends.first;
        const std::uint32_t second = directions == 2 ? ends.first : ends.second;
        out << fmt::format("<way id=\"{}\" version=\"1\"><nd ref=\"{}\"/><nd ref=\"{}\"/>"
                           "<tag k=\"highway\" v=\"{}\"/>{}{}</way>\n",
                           way, first + 1, second + 1, cls,
                           directions == 3 ? "" : "<tag k=\"oneway\" v=\"yes\"/>",
                           bridge ? "<tag k=\"bridge\" v=\"yes\"/>" : "");
        if (bridge) {
            city.bridge_ways.push_back(way);
        }
    }
    out << "</osm>\n";
    return city;
}

} // namespace dayafter::bench
