// The heuristic planner against CBC's proven optimum, and against the rules planners use, on
// small instances drawn on the bundled towns' real roads (tests/support/plan_instances.hpp).
// Prints one row per instance and the summary for docs/benchmarks.md; writes each instance's
// restoration curves (plan and rules) as CSV into --curves.
//   dayafter-plan-gap --data tests/data --instances 12 --tasks 10,20,30 --curves /tmp/curves
#include <chrono>
#include <fstream>
#include <numeric>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dayafter/plan/planner.hpp"
#include "plan_instances.hpp"

namespace {

using namespace dayafter;

struct Row {
    std::string town;
    unsigned seed = 0;
    std::size_t tasks = 0;
    double exact = 0;
    double heuristic = 0;
    bool proven = false;
    std::string note;
    double exact_s = 0;
    double heuristic_s = 0;
    std::vector<plan::RuleResult> rules;
};

void write_curves(const std::filesystem::path& file, const plan::Plan& plan) {
    std::ofstream out(file);
    out << "day";
    for (const std::string& s : plan.services) {
        out << "," << s;
    }
    out << "\n";
    for (std::size_t d = 0; d < plan.curve.front().size(); ++d) {
        out << d;
        for (const auto& c : plan.curve) {
            out << "," << c[d];
        }
        out << "\n";
    }
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app("heuristic planner against CBC and the rules on generated small instances");
    std::string data = "tests/data";
    unsigned instances = 10;
    std::vector<int> sizes = {10, 20, 30};
    std::string curves;
    app.add_option("--data", data, "tests/data of the checkout");
    app.add_option("--instances", instances, "instances per town and size");
    app.add_option("--tasks", sizes, "task counts to aim at")->delimiter(',');
    app.add_option("--curves", curves, "folder for curve CSVs");
    int horizon = 60;
    double limit = 120;
    app.add_option("--horizon", horizon, "days planned");
    app.add_option("--time-limit", limit, "seconds CBC may take per instance");
    bool scarce = false;
    unsigned only = 0;
    std::size_t evaluations = 4000;
    app.add_option("--evaluations", evaluations, "the heuristic's budget of schedules");
    app.add_option("--only", only, "run only the instance of this seed");
    app.add_flag("--scarce", scarce, "one crew per type and money in tranches");
    CLI11_PARSE(app, argc, argv);
    const auto dir = std::filesystem::temp_directory_path() / "dayafter-plan-gap";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "tight.json") << test::kPlanInstanceConfig;
    if (!curves.empty()) {
        std::filesystem::create_directories(curves);
    }
    std::vector<Row> rows;
    for (const std::string town : {"monaco", "andorra"}) {
        const auto base = dir / (town + ".dayafter");
        (void)app::import_osm(
            {std::filesystem::path(data) / "osm" / town / (town + ".osm.pbf"), base, {}, true}, {});
        for (const int size : sizes) {
            for (unsigned k = 1; k <= instances; ++k) {
                const unsigned seed = static_cast<unsigned>(size) * 1000 + k;
                if (only != 0 && seed != only) {
                    continue;
                }
                const auto folder = dir / fmt::format("{}-{}", town, seed);
                std::filesystem::create_directories(folder);
                const auto project = test::generate_plan_instance(base, folder, seed, size, scarce);
                const auto s =
                    snapshot::Snapshot::open(project, {.config_file = dir / "tight.json"});
                const plan::Plan h = plan::make_plan(
                    s, {.horizon = horizon, .max_evaluations = evaluations, .seed = 1});
                const plan::Plan e = plan::make_plan(
                    s, {.horizon = horizon, .solver = plan::Solver::Exact, .time_limit_s = limit});
                rows.push_back({town, seed, h.tasks.tasks.size(), e.gain, h.gain,
                                e.solver.find("optimal") != std::string::npos, e.solver, e.seconds,
                                h.seconds, h.rules});
                if (!curves.empty()) {
                    write_curves(
                        std::filesystem::path(curves) / fmt::format("{}-{}.csv", town, seed), h);
                }
                const Row& r = rows.back();
                fmt::print(
                    "{:<8} {:>6} tasks {:>3}  exact {:>12.0f}{}  heuristic {:>12.0f}  gap "
                    "{:>6.3f}%  exact {:>6.1f} s  heuristic {:>5.1f} s  best rule {:>12.0f}  {}\n",
                    r.town, r.seed, r.tasks, r.exact, r.proven ? " (opt)" : "      ", r.heuristic,
                    r.exact > 0 ? 100 * (r.exact - r.heuristic) / r.exact : 0, r.exact_s,
                    r.heuristic_s,
                    std::max_element(r.rules.begin(), r.rules.end(),
                                     [](auto& a, auto& b) { return a.gain < b.gain; })
                        ->gain,
                    r.note);
                std::fflush(stdout);
            }
        }
    }
    double gap = 0;
    int at_optimum = 0;
    int proven = 0;
    int counted = 0;
    std::map<std::string, std::pair<int, int>> beaten; // rule -> (heuristic higher, equal)
    int rule_at_optimum = 0;
    for (const Row& r : rows) {
        if (r.exact <= 0 || !r.proven) {
            continue; // nothing to restore, or no proven optimum to measure against
        }
        ++counted;
        proven += 1;
        const double best_rule =
            std::max_element(r.rules.begin(), r.rules.end(), [](auto& a, auto& b) {
                return a.gain < b.gain;
            })->gain;
        rule_at_optimum += r.exact - best_rule < 1e-6 * r.exact ? 1 : 0;
        gap += (r.exact - r.heuristic) / r.exact;
        at_optimum += r.exact - r.heuristic < 1e-6 * r.exact ? 1 : 0;
        for (const auto& rule : r.rules) {
            auto& [higher, equal] = beaten[rule.name];
            higher += r.heuristic > rule.gain + 1e-6 ? 1 : 0;
            equal += std::abs(r.heuristic - rule.gain) <= 1e-6 ? 1 : 0;
        }
    }
    fmt::print("\n{} instances with something to restore and an optimum CBC proved: mean gap "
               "{:.3f}%, heuristic at the optimum in {} ({:.1f}%); the best rule alone in {}\n",
               counted, counted ? 100 * gap / counted : 0, at_optimum,
               counted ? 100.0 * at_optimum / counted : 0, rule_at_optimum);
    for (const auto& [rule, count] : beaten) {
        fmt::print("  against {:<34} heuristic higher in {}, equal in {}\n", rule, count.first,
                   count.second);
    }
}
