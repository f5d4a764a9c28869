// The access engine on a ~100k-node synthetic city from ../shared/bench/make_grid.py: equal to
// scipy cold, equal to a cold recomputation at every step of a random sequence of blocks,
// reopenings, a destroyed and rebuilt bridge and closed and reopened facilities, and equal to
// scipy again on the network left at the end.
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "csv_rows.hpp"
#include "dayafter/access/nearest_facility.hpp"
#include "dayafter/report/access_files.hpp"
#include "test_support.hpp"

namespace dayafter::access {
namespace {

struct City {
    std::uint32_t node_count = 0;
    std::vector<Arc> arcs;
    std::vector<NodeId> sources;
    std::vector<std::vector<std::uint32_t>> bridge_arcs;
};

City read_city(const std::filesystem::path& dir) {
    City city;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> arc_of;
    for (const auto& row : test::csv_rows(dir / "edges.csv")) {
        const auto from = static_cast<std::uint32_t>(std::stoul(row[0]));
        const auto to = static_cast<std::uint32_t>(std::stoul(row[1]));
        arc_of[{from, to}] = static_cast<std::uint32_t>(city.arcs.size());
        city.arcs.push_back(
            {from, to, static_cast<std::uint64_t>(std::llround(std::stod(row[2]) * 1e6))});
        city.node_count = std::max({city.node_count, from + 1, to + 1});
    }
    city.node_count = std::max(
        city.node_count, static_cast<std::uint32_t>(test::csv_rows(dir / "nodes.csv").size()));
    for (const auto& row : test::csv_rows(dir / "sources.csv")) {
        city.sources.push_back(NodeId{static_cast<std::uint32_t>(std::stoul(row[0]))});
    }
    for (const auto& row : test::csv_rows(dir / "bridges.csv")) {
        const auto bridge = std::stoul(row[0]);
        if (city.bridge_arcs.size() <= bridge) {
            city.bridge_arcs.resize(bridge + 1);
        }
        city.bridge_arcs[bridge].push_back(
            arc_of.at({static_cast<std::uint32_t>(std::stoul(row[1])),
                       static_cast<std::uint32_t>(std::stoul(row[2]))}));
    }
    return city;
}

std::vector<FacilityId> facilities(const NearestFacilityEngine& engine) {
    std::vector<FacilityId> result(engine.node_count());
    for (NodeId n{0}; n.value < engine.node_count(); ++n.value) {
        result[n.value] = engine.facility(n);
    }
    return result;
}

void expect_equal_to_scipy(const std::filesystem::path& edges, const std::filesystem::path& sources,
                           const std::vector<std::uint64_t>& ours) {
    const std::filesystem::path file = edges.parent_path() / "ours.csv";
    report::write_node_times(file, ours);
    std::string output;
    ASSERT_EQ(test::compare_with_scipy(edges, sources, file, &output), 0) << output;
    EXPECT_THAT(output, ::testing::HasSubstr("ok=True"));
}

TEST(SyntheticCity, IncrementalEqualsColdAndScipyOnA100kNodeCity) {
    test::TempDir dir;
    const std::filesystem::path bench = test::shared_dir() / "bench";
    std::string output;
    ASSERT_EQ(test::run(test::system_python() + " " + (bench / "make_grid.py").string() + " 100k " +
                            dir.path().string() + " --seed 7",
                        &output),
              0)
        << output;
    const City city = read_city(dir.path());
    ASSERT_GT(city.node_count, 90'000U);
    ASSERT_FALSE(city.bridge_arcs.empty());

    NearestFacilityEngine engine(city.node_count, city.arcs, city.sources);
    engine.compute();
    const std::vector<std::uint64_t> cold = engine.times_us();
    expect_equal_to_scipy(dir / "edges.csv", dir / "sources.csv", cold);

    std::mt19937 random(2026);
    std::vector<bool> blocked(city.arcs.size(), false);
    std::vector<std::uint8_t> open(city.sources.size(), 1);
    std::uniform_int_distribution<std::uint32_t> any_arc(
        0, static_cast<std::uint32_t>(city.arcs.size() - 1));
    std::uint64_t changed_steps = 0;
    for (int step = 0; step < 24; ++step) {
        const std::vector<std::uint64_t> before = engine.times_us();
        switch (step % 6) {
        case 0:
        case 1: { // block 20 random arcs
            std::vector<std::uint32_t> change;
            while (change.size() < 20) {
                const std::uint32_t arc = any_arc(random);
                if (!blocked[arc] && std::find(change.begin(), change.end(), arc) == change.end()) {
                    change.push_back(arc);
                }
            }
            engine.set_arcs_blocked(change, true);
            for (const auto a : change) {
                blocked[a] = true;
            }
            break;
        }
        case 2: { // destroy a bridge
            const auto& arcs = city.bridge_arcs[random() % city.bridge_arcs.size()];
            std::vector<std::uint32_t> change;
            for (const auto a : arcs) {
                if (!blocked[a]) {
                    change.push_back(a);
                    blocked[a] = true;
                }
            }
            engine.set_arcs_blocked(change, true);
            break;
        }
        case 3: { // reopen about half of what is blocked
            std::vector<std::uint32_t> change;
            for (std::uint32_t a = 0; a < city.arcs.size(); ++a) {
                if (blocked[a] && random() % 2 == 0) {
                    change.push_back(a);
                    blocked[a] = false;
                }
            }
            engine.set_arcs_blocked(change, false);
            break;
        }
        case 4: { // close a facility
            const auto f = static_cast<std::uint32_t>(random() % city.sources.size());
            engine.set_facility_open(FacilityId{f}, false);
            open[f] = 0;
            break;
        }
        case 5: { // reopen every closed facility
            for (std::uint32_t f = 0; f < open.size(); ++f) {
                if (open[f] == 0) {
                    engine.set_facility_open(FacilityId{f}, true);
                    open[f] = 1;
                }
            }
            break;
        }
        }
        std::vector<Arc> open_arcs;
        for (std::uint32_t a = 0; a < city.arcs.size(); ++a) {
            if (!blocked[a]) {
                open_arcs.push_back(city.arcs[a]);
            }
        }
        std::vector<NodeId> open_sources = city.sources;
        for (std::uint32_t f = 0; f < open.size(); ++f) {
            if (open[f] == 0) {
                open_sources[f] = NodeId{};
            }
        }
        NearestFacilityEngine fresh(city.node_count, open_arcs, open_sources);
        fresh.compute();
        const std::vector<std::uint64_t> now = engine.times_us();
        ASSERT_EQ(now, fresh.times_us()) << "step " << step;
        ASSERT_EQ(facilities(engine), facilities(fresh)) << "step " << step;
        changed_steps += now != before ? 1 : 0;
    }
    EXPECT_GE(changed_steps, 12U) << "most steps should change some answer";

    // The final network (some arcs still blocked) against scipy.
    test::write_open_edges(dir / "edges.csv", dir / "edges_open.csv", blocked);
    expect_equal_to_scipy(dir / "edges_open.csv", dir / "sources.csv", engine.times_us());
}

} // namespace
} // namespace dayafter::access
