// The project's command for ../shared/bench/run_all.sh (PROJECT_CMD), per the contract in
// ../shared/bench/README.md:
//
//   dayafter-access-runner --edges E --sources S --out O.csv --reps R
//                          [--block B1.csv,B2.csv --scen-out PREFIX]
//
// Reads the network (edges.csv: from,to,seconds; sources.csv: id), computes the nearest-source
// time of every node R times from scratch (timed), writes O.csv (id,seconds; inf if unreachable),
// then for each block file applies the block to the baseline incrementally (timed), writes the
// last repetition to PREFIX_k.csv and undoes the block (untimed). Prints one JSON line last.
// Weights are kept to the microsecond.
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dayafter/access/nearest_facility.hpp"

namespace {

using dayafter::NodeId;
using dayafter::access::Arc;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(path + ": cannot open");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Calls row(fields) for each data row of a small numeric CSV (header skipped).
template <typename Row> void for_each_row(const std::string& text, Row row) {
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end && *p != '\n') {
        ++p;
    }
    std::vector<std::string_view> fields;
    while (p < end) {
        ++p;
        const char* line_end = p;
        while (line_end < end && *line_end != '\n') {
            ++line_end;
        }
        if (line_end > p) {
            fields.clear();
            const char* field = p;
            for (const char* c = p; c <= line_end; ++c) {
                if (c == line_end || *c == ',') {
                    fields.emplace_back(field, static_cast<std::size_t>(c - field));
                    field = c + 1;
                }
            }
            row(fields);
        }
        p = line_end;
    }
}

template <typename T> T parse(std::string_view text) {
    T value{};
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

void write_times(const std::string& path, const dayafter::access::NearestFacilityEngine& engine) {
    std::string out = "id,seconds\n";
    out.reserve(engine.node_count() * 20);
    for (std::uint32_t node = 0; node < engine.node_count(); ++node) {
        const std::uint64_t us = engine.time_us(NodeId{node});
        if (us == dayafter::access::kUnreachable) {
            out += fmt::format("{},inf\n", node);
        } else {
            out += fmt::format("{},{}.{:06}\n", node, us / 1'000'000, us % 1'000'000);
        }
    }
    std::FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr) {
        throw std::runtime_error(path + ": cannot write");
    }
    std::fwrite(out.data(), 1, out.size(), file);
    std::fclose(file);
}

std::string json_list(const std::vector<double>& values) {
    std::string text = "[";
    for (std::size_t k = 0; k < values.size(); ++k) {
        text += fmt::format("{}{:.6f}", k == 0 ? "" : ",", values[k]);
    }
    return text + "]";
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"dayafter access engine, in the reference runners' command shape"};
    std::string edges_path, sources_path, out_path, blocks, scen_prefix;
    int reps = 3;
    app.add_option("--edges", edges_path)->required();
    app.add_option("--sources", sources_path)->required();
    app.add_option("--out", out_path);
    app.add_option("--reps", reps);
    app.add_option("--block", blocks);
    app.add_option("--scen-out", scen_prefix);
    CLI11_PARSE(app, argc, argv);

    const auto load_start = Clock::now();
    std::vector<Arc> arcs;
    std::uint32_t node_count = 0;
    for_each_row(slurp(edges_path), [&](const std::vector<std::string_view>& f) {
        const auto from = parse<std::uint32_t>(f.at(0));
        const auto to = parse<std::uint32_t>(f.at(1));
        const auto seconds = parse<double>(f.at(2));
        arcs.push_back({from, to, static_cast<std::uint64_t>(std::llround(seconds * 1e6))});
        node_count = std::max({node_count, from + 1, to + 1});
    });
    std::vector<NodeId> sources;
    for_each_row(slurp(sources_path), [&](const std::vector<std::string_view>& f) {
        sources.push_back(NodeId{parse<std::uint32_t>(f.at(0))});
        node_count = std::max(node_count, sources.back().value + 1);
    });
    dayafter::access::NearestFacilityEngine engine(node_count, arcs, sources);
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> arcs_of;
    for (std::uint32_t a = 0; a < arcs.size(); ++a) {
        arcs_of[(std::uint64_t{arcs[a].from} << 32) | arcs[a].to].push_back(a);
    }
    const double load_s = since(load_start);

    std::vector<double> compute_s;
    for (int rep = 0; rep < reps; ++rep) {
        const auto start = Clock::now();
        engine.compute();
        compute_s.push_back(since(start));
    }
    const auto write_start = Clock::now();
    if (!out_path.empty()) {
        write_times(out_path, engine);
    }
    const double write_s = since(write_start);

    std::vector<std::vector<double>> scen_s;
    std::vector<std::uint64_t> scen_reset;
    std::stringstream list(blocks);
    std::string block_path;
    for (int k = 0; std::getline(list, block_path, ','); ++k) {
        std::vector<std::uint32_t> blocked;
        for_each_row(slurp(block_path), [&](const std::vector<std::string_view>& f) {
            const auto key = (std::uint64_t{parse<std::uint32_t>(f.at(0))} << 32) |
                             parse<std::uint32_t>(f.at(1));
            if (const auto it = arcs_of.find(key); it != arcs_of.end()) {
                blocked.insert(blocked.end(), it->second.begin(), it->second.end());
            }
        });
        scen_s.emplace_back();
        for (int rep = 0; rep < reps; ++rep) {
            const auto start = Clock::now();
            engine.set_arcs_blocked(blocked, true);
            scen_s.back().push_back(since(start));
            if (rep + 1 == reps && !scen_prefix.empty()) {
                write_times(fmt::format("{}_{}.csv", scen_prefix, k), engine);
                scen_reset.push_back(engine.last_update().nodes_reset);
            }
            engine.set_arcs_blocked(blocked, false);
        }
    }
    std::string scen_json = "[";
    for (std::size_t k = 0; k < scen_s.size(); ++k) {
        scen_json += (k == 0 ? "" : ",") + json_list(scen_s[k]);
    }
    scen_json += "]";
    std::string reset_json = "[";
    for (std::size_t k = 0; k < scen_reset.size(); ++k) {
        reset_json += fmt::format("{}{}", k == 0 ? "" : ",", scen_reset[k]);
    }
    reset_json += "]";
    std::cout << fmt::format(
                     "{{\"tool\":\"project\",\"n\":{},\"m\":{},\"load_s\":{:.6f},\"compute_s\":{},"
                     "\"write_s\":{:.6f},\"scen_s\":{},\"scen_nodes_reset\":{},"
                     "\"bytes_per_node\":{:.1f},\"bytes_per_arc\":{:.1f}}}",
                     node_count, arcs.size(), load_s, json_list(compute_s), write_s, scen_json,
                     reset_json, engine.bytes_per_node(), engine.bytes_per_arc())
              << std::endl;
    return 0;
}
