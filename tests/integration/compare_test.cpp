// app::compare on the Monaco bundle: each scenario's figures equal a session built cold with the
// same changes, and a scenario after another sees none of the other's changes (the session is
// taken back each time).
#include <fstream>

#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/io/scenario_file.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "snapshot_fixture.hpp"

namespace dayafter {
namespace {

void expect_same(const access::ServiceAccess& a, const access::ServiceAccess& b) {
    EXPECT_EQ(a.service.name, b.service.name);
    EXPECT_DOUBLE_EQ(a.within, b.within) << a.service.name;
    EXPECT_DOUBLE_EQ(a.beyond, b.beyond) << a.service.name;
    EXPECT_DOUBLE_EQ(a.cut_off, b.cut_off) << a.service.name;
    EXPECT_EQ(a.overloaded, b.overloaded) << a.service.name;
}

TEST(Compare, EachScenarioEqualsAColdSessionAndLeavesNothingBehind) {
    test::TempDir dir;
    std::ofstream(dir / "base.json") << R"({"name": "baseline", "changes": []})";
    std::ofstream(dir / "worse.json") << R"({"name": "grid down, hospital closed",
        "changes": [{"do": "utility_down", "code": "WW-1"},
                    {"do": "close_facility", "code": "FH-1"},
                    {"do": "add_people", "name": "arrivals", "lat": 43.7335, "lon": 7.4195,
                     "count": 4000}]})";
    app::CompareRequest request;
    request.read.project = test::monaco_bundle_project();
    request.scenarios = {dir / "base.json", dir / "worse.json", dir / "base.json"};
    const app::CompareAnswer answer = app::compare(request, {});
    ASSERT_EQ(answer.scenarios.size(), 3U);
    const snapshot::Snapshot& s = answer.snapshot;
    for (std::size_t k = 0; k < 3; ++k) {
        const auto overlay =
            snapshot::scenario_overlay(s, io::read_scenario(request.scenarios[k])).overlay;
        const access::AccessSession cold(s, s.config().services, std::nullopt, overlay);
        std::size_t r = 0;
        for (std::size_t svc = 0; svc < cold.service_count(); ++svc) {
            const access::ServiceAccess expected = cold.result(svc);
            if (expected.status == access::AccessStatus::Computed) {
                ASSERT_LT(r, answer.scenarios[k].results.size());
                expect_same(answer.scenarios[k].results[r++], expected);
            }
        }
    }
    // The works down and the arrivals change something, and the baseline after it is as before.
    double base_within = 0;
    double worse_within = 0;
    for (std::size_t r = 0; r < answer.scenarios[0].results.size(); ++r) {
        base_within += answer.scenarios[0].results[r].within;
        worse_within += answer.scenarios[1].results[r].within;
        expect_same(answer.scenarios[2].results[r], answer.scenarios[0].results[r]);
    }
    EXPECT_NE(base_within, worse_within);
}

} // namespace
} // namespace dayafter
