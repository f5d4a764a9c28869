#include "test_support.hpp"

#include <sqlite3.h>
#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace dayafter::test {

std::filesystem::path data_dir() {
    return DAYAFTER_TEST_DATA_DIR;
}
std::filesystem::path shared_dir() {
    return DAYAFTER_SHARED_DIR;
}
std::filesystem::path cli_binary() {
    return DAYAFTER_CLI_BINARY;
}
std::string system_python() {
    return "/usr/bin/python3";
}

TempDir::TempDir() {
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        path_ = base / ("dayafter-test-" + std::to_string(random()));
        if (std::filesystem::create_directory(path_)) {
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
}

int compare_with_scipy(const std::filesystem::path& edges, const std::filesystem::path& sources,
                       const std::filesystem::path& ours, std::string* output) {
    const std::filesystem::path bench = shared_dir() / "bench";
    const std::filesystem::path scipy = ours.parent_path() / (ours.stem().string() + "-scipy.csv");
    const int rc = run(system_python() + " " + (bench / "anchors_py.py").string() +
                           " --tool scipy --reps 1 --edges " + edges.string() + " --sources " +
                           sources.string() + " --out " + scipy.string(),
                       output);
    if (rc != 0) {
        return rc;
    }
    return run(system_python() + " " + (bench / "compare.py").string() + " " + scipy.string() +
                   " " + ours.string(),
               output);
}

void write_open_edges(const std::filesystem::path& edges, const std::filesystem::path& out,
                      const std::vector<bool>& blocked) {
    std::ifstream in(edges);
    std::ofstream open_edges(out);
    std::string line;
    std::getline(in, line);
    open_edges << line << '\n';
    for (std::size_t arc = 0; std::getline(in, line); ++arc) {
        if (!blocked.at(arc)) {
            open_edges << line << '\n';
        }
    }
}

int run(const std::string& command, std::string* output) {
    const std::string full = command + " 2>&1";
    FILE* pipe = ::popen(full.c_str(), "r");
    if (pipe == nullptr) {
        return -1;
    }
    std::array<char, 4096> buffer{};
    std::string text;
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        text.append(buffer.data(), n);
    }
    const int status = ::pclose(pipe);
    if (output != nullptr) {
        *output = text;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {
constexpr double kBaseLon = 10.0;
constexpr double kBaseLat = 50.0;
constexpr double kStepM = 10.0;

std::string escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

void write_tags(std::ostream& out, const Tags& tags) {
    for (const auto& [key, value] : tags) {
        out << "    <tag k=\"" << escape(key) << "\" v=\"" << escape(value) << "\"/>\n";
    }
}
} // namespace

AsciiTown::AsciiTown(const std::string& map) {
    int row = 0;
    int column = 0;
    for (const char c : map) {
        if (c == '\n') {
            ++row;
            column = 0;
            continue;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
            positions_[c] = {column, row};
        }
        ++column;
    }
}

AsciiTown& AsciiTown::way(const std::string& nodes, const Tags& tags) {
    ways_.emplace_back(nodes, tags);
    return *this;
}

AsciiTown& AsciiTown::node(const std::string& name, const Tags& tags) {
    node_tags_[name.at(0)] = tags;
    return *this;
}

AsciiTown& AsciiTown::relation(const std::vector<std::string>& members, const Tags& tags) {
    relations_.emplace_back(members, tags);
    return *this;
}

std::int64_t AsciiTown::node_id(char name) {
    return std::islower(static_cast<unsigned char>(name)) != 0 ? name - 'a' + 1 : name - 'A' + 27;
}

geo::Coord AsciiTown::coord(char name) const {
    const auto [column, row] = positions_.at(name);
    const double lat = kBaseLat - row * kStepM / 111'194.9;
    const double lon =
        kBaseLon + column * kStepM / (111'194.9 * std::cos(kBaseLat * geo::kDegToRad));
    return geo::Coord::from_degrees(lon, lat);
}

std::filesystem::path AsciiTown::write(const std::filesystem::path& file, bool ways_first) const {
    std::ostringstream nodes;
    nodes << std::setprecision(10);
    for (const auto& [name, position] : positions_) {
        const geo::Coord c = coord(name);
        nodes << "  <node id=\"" << node_id(name) << "\" version=\"1\" lat=\"" << c.lat()
              << "\" lon=\"" << c.lon() << "\">\n";
        if (const auto it = node_tags_.find(name); it != node_tags_.end()) {
            write_tags(nodes, it->second);
        }
        nodes << "  </node>\n";
    }
    std::ostringstream ways;
    for (std::size_t w = 0; w < ways_.size(); ++w) {
        ways << "  <way id=\"" << way_id(w) << "\" version=\"1\">\n";
        for (const char name : ways_[w].first) {
            ways << "    <nd ref=\"" << node_id(name) << "\"/>\n";
        }
        write_tags(ways, ways_[w].second);
        ways << "  </way>\n";
    }
    std::ostringstream relations;
    for (std::size_t r = 0; r < relations_.size(); ++r) {
        relations << "  <relation id=\"" << 5000 + r << "\" version=\"1\">\n";
        for (const std::string& member : relations_[r].first) {
            // "w:<way index>:<role>"
            const auto second = member.find(':', 2);
            const std::size_t index = std::stoul(member.substr(2, second - 2));
            relations << "    <member type=\"way\" ref=\"" << way_id(index) << "\" role=\""
                      << member.substr(second + 1) << "\"/>\n";
        }
        write_tags(relations, relations_[r].second);
        relations << "  </relation>\n";
    }
    std::ofstream out(file);
    out << std::setprecision(10);
    out << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"test\">\n";
    if (ways_first) {
        out << relations.str() << ways.str() << nodes.str();
    } else {
        out << nodes.str() << ways.str() << relations.str();
    }
    out << "</osm>\n";
    return file;
}

nlohmann::json square_between(geo::Coord a, geo::Coord b) {
    const double lon = (a.lon() + b.lon()) / 2;
    const double lat = (a.lat() + b.lat()) / 2;
    const double e = 0.00006;
    return {{"type", "Polygon"},
            {"coordinates",
             {{{lon - e, lat - e},
               {lon + e, lat - e},
               {lon + e, lat + e},
               {lon - e, lat + e},
               {lon - e, lat - e}}}}};
}

long long ogr_count(const std::filesystem::path& file, const std::string& sql) {
    std::string out;
    const int code =
        run("ogrinfo -q -ro -dialect sqlite -sql \"" + sql + "\" " + file.string(), &out);
    EXPECT_EQ(code, 0) << out;
    const auto at = out.find(" = ");
    return code != 0 || at == std::string::npos ? -1 : std::stoll(out.substr(at + 3));
}

void exec_sql(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

} // namespace dayafter::test
