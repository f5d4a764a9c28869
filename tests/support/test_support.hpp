// Helpers shared by the tests: where things are, throw-away folders, and small OSM towns drawn
// as ASCII maps.
//
//     const auto osm = test::AsciiTown(R"(
//         a---b---c
//             |
//             d      )")
//         .way("abc", {{"highway", "residential"}})
//         .way("bd", {{"highway", "primary"}, {"oneway", "yes"}})
//         .node("d", {{"amenity", "clinic"}})
//         .write(dir / "town.osm");
//
// Each map character is 10 m east of the previous one and each line 10 m south of the previous
// one; letters are nodes (OSM id = position in the alphabet of a-z then A-Z, plus 1).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dayafter/geo/coord.hpp"

namespace dayafter::test {

/// The folder with the bundled data (tests/data).
[[nodiscard]] std::filesystem::path data_dir();
/// ../shared beside the checkout (the reference runners and extracts).
[[nodiscard]] std::filesystem::path shared_dir();
/// The dayafter binary built with the tests.
[[nodiscard]] std::filesystem::path cli_binary();
/// Debian's python3 (which has scipy), not whatever python3 is first on PATH.
[[nodiscard]] std::string system_python();

/// A fresh empty folder, removed with the object.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
        return path_ / name;
    }

private:
    std::filesystem::path path_;
};

/// Runs a shell command; returns its exit code and puts its stdout+stderr into output.
int run(const std::string& command, std::string* output = nullptr);

/// Runs scipy (../shared/bench/anchors_py.py) on the network and checks `ours` (id,seconds)
/// against it with compare.py; returns compare.py's exit code (0: equal) and its output.
int compare_with_scipy(const std::filesystem::path& edges, const std::filesystem::path& sources,
                       const std::filesystem::path& ours, std::string* output);

/// Copies a bench edges.csv, leaving out the data rows (arcs) whose index is blocked.
void write_open_edges(const std::filesystem::path& edges, const std::filesystem::path& out,
                      const std::vector<bool>& blocked);

/// Reads a whole text file.
[[nodiscard]] std::string read_text(const std::filesystem::path& path);

/// The one number a SELECT of one value gives through GDAL's ogrinfo (SQLite dialect, with
/// SpatiaLite's ST_IsValid), so the files we write are read by GDAL, not by our code; -1 when
/// ogrinfo fails (and a test failure).
[[nodiscard]] long long ogr_count(const std::filesystem::path& file, const std::string& sql);

/// Runs SQL on a project behind the store's back (to make an older or broken project).
void exec_sql(const std::filesystem::path& file, const std::string& sql);

/// A GeoJSON square (about 13 m a side) around the middle of the segment from `a` to `b`.
[[nodiscard]] nlohmann::json square_between(geo::Coord a, geo::Coord b);

using Tags = std::map<std::string, std::string>;

class AsciiTown {
public:
    explicit AsciiTown(const std::string& map);
    /// A way through the named nodes, in order ("abca" closes a ring).
    AsciiTown& way(const std::string& nodes, const Tags& tags);
    /// Tags on a node.
    AsciiTown& node(const std::string& name, const Tags& tags);
    /// A relation, given as member ways ("w:<index of way()>:<role>") and tags.
    AsciiTown& relation(const std::vector<std::string>& members, const Tags& tags);
    /// Writes OSM XML; with ways_first the ways come before the nodes (an unsorted file).
    std::filesystem::path write(const std::filesystem::path& file, bool ways_first = false) const;

    [[nodiscard]] static std::int64_t node_id(char name);
    [[nodiscard]] geo::Coord coord(char name) const;
    [[nodiscard]] static std::int64_t way_id(std::size_t index) {
        return 1000 + static_cast<std::int64_t>(index);
    }

private:
    std::map<char, std::pair<int, int>> positions_; // column, row
    std::map<char, Tags> node_tags_;
    std::vector<std::pair<std::string, Tags>> ways_;
    std::vector<std::pair<std::vector<std::string>, Tags>> relations_;
};

} // namespace dayafter::test
