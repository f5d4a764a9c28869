// The makespan search on a PSPLIB set against the published optima (docs/benchmarks.md, issue #11):
// every instance of the folder with the schedule budget, then the mean and largest % deviation
// from the optimum, how many it matches, and the time.
//
//   mkdir -p /tmp/psplib && tar -xzf ../shared/data/benchmarks/psplib-rcpsp/j30.sm.tar.gz -C
//   /tmp/psplib dayafter-rcpsp-bench --instances /tmp/psplib/j30.sm
//       --optima ../shared/data/benchmarks/psplib-rcpsp/j30_optimum.csv [--schedules 5000]
//
// --verbose prints one line per instance. An optimum given as "lb..ub" (open instances) is
// compared with its lower bound.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dayafter/io/psplib.hpp"
#include "dayafter/plan/makespan.hpp"

namespace {

using namespace dayafter;
using Clock = std::chrono::steady_clock;

std::map<std::string, int> read_optima(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::map<std::string, int> optima;
    std::string line;
    std::getline(in, line); // problem,optimum
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        if (comma != std::string::npos) {
            optima[line.substr(0, comma)] = std::stoi(line.substr(comma + 1));
        }
    }
    return optima;
}

struct Totals {
    int instances = 0;
    int optimal = 0;
    int proven = 0; // makespan equals the critical path
    double deviation_sum = 0;
    double deviation_max = 0;
    double seconds = 0;
    std::uint64_t schedules = 0;
};

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"The makespan search on PSPLIB instances against their optima"};
    std::string folder;
    std::string optima_file;
    plan::MakespanOptions options;
    bool verbose = false;
    app.add_option("--instances", folder, "Folder of .sm files")->required();
    app.add_option("--optima", optima_file, "problem,optimum CSV")->required();
    app.add_option("--schedules", options.max_schedules, "Schedules per instance");
    app.add_option("--seed", options.seed, "Seed");
    app.add_flag("--verbose", verbose, "One line per instance");
    CLI11_PARSE(app, argc, argv);

    const std::map<std::string, int> optima = read_optima(optima_file);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == ".sm") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    Totals totals;
    for (const auto& file : files) {
        const auto optimum = optima.find(file.filename().string());
        if (optimum == optima.end()) {
            continue;
        }
        const auto start = Clock::now();
        const plan::MakespanResult result =
            plan::minimize_makespan(plan::from_psplib(io::read_psplib(file)), options);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        const double deviation = 100.0 * (result.makespan - optimum->second) / optimum->second;
        ++totals.instances;
        totals.optimal += result.makespan == optimum->second ? 1 : 0;
        totals.proven += result.makespan == result.lower_bound ? 1 : 0;
        totals.deviation_sum += deviation;
        totals.deviation_max = std::max(totals.deviation_max, deviation);
        totals.seconds += seconds;
        totals.schedules += result.schedules;
        if (verbose) {
            fmt::print("{:<14} {:>4} {:>4} {:>5.2f}% {:>5} {:.3f} s\n", file.filename().string(),
                       result.makespan, optimum->second, deviation, result.schedules, seconds);
        }
    }
    const double n = std::max(1, totals.instances);
    fmt::print("instances {}, schedules at most {}\n", totals.instances, options.max_schedules);
    fmt::print("mean deviation from optimum {:.3f}%, largest {:.2f}%\n", totals.deviation_sum / n,
               totals.deviation_max);
    fmt::print("at the optimum {} of {} ({} at the critical-path bound)\n", totals.optimal,
               totals.instances, totals.proven);
    fmt::print("schedules {} (mean {:.0f}), time {:.2f} s (mean {:.1f} ms)\n", totals.schedules,
               static_cast<double>(totals.schedules) / n, totals.seconds,
               1000 * totals.seconds / n);
    return 0;
}
