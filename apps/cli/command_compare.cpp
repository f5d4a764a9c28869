// dayafter compare: what-ifs side by side with the baseline (work in progress, issue #12).
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct CompareOptions {
    std::string project;
    std::vector<std::string> scenarios;
    std::string as_of;
    std::string config;
    std::optional<double> population_total;
};

std::string change(double now, double base) {
    const double d = now - base;
    return d == 0 ? "=" : fmt::format("{}{}", d > 0 ? "+" : "-", people(std::abs(d)));
}

void run_compare(const CompareOptions& o, const Context& context) {
    app::CompareRequest request;
    request.read = {o.project, date_option(o.as_of, "--as-of"), o.config, o.population_total};
    for (const std::string& file : o.scenarios) {
        request.scenarios.emplace_back(file);
    }
    const app::CompareAnswer answer = app::compare(request, context.logger());
    const app::ScenarioFigures& base = answer.scenarios.front();
    fmt::print("What-ifs on {} against the baseline '{}' (road data (c) OpenStreetMap "
               "contributors, ODbL)\n",
               o.project, base.name);
    for (std::size_t s = 0; s < base.results.size(); ++s) {
        const access::ServiceAccess& b = base.results[s];
        fmt::print("\n{} ({} {}):\n", b.service.name, graph::to_string(b.mode),
                   model::format_threshold(b.service));
        fmt::print("  {:<32} {:>10} {:>10} {:>10} {:>10} {:>12}\n", "scenario", "within", "change",
                   "beyond", "cut off", "not taken");
        for (const app::ScenarioFigures& sc : answer.scenarios) {
            const access::ServiceAccess& r = sc.results[s];
            fmt::print("  {:<32} {:>10} {:>10} {:>10} {:>10} {:>12}\n", sc.name, people(r.within),
                       change(r.within, b.within), people(r.beyond), people(r.cut_off),
                       r.service.capacity_people ? people(r.unserved) : "-");
        }
    }
    for (const app::ScenarioFigures& sc : answer.scenarios) {
        for (const std::string& origin : sc.not_applied) {
            fmt::print("Not yet applied to access: {}\n", origin);
        }
    }
}

} // namespace

Runner add_compare_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<CompareOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compare",
        "What-ifs side by side: each scenario file's changes (roads and bridges cut, facilities\n"
        "closed, utilities down, people arriving, crews withdrawn) applied to the project's\n"
        "state without touching it, and access per service against the first file, the\n"
        "baseline. Scenario files: docs/scenarios.md.");
    cmd->add_option("--project", o->project, "The project (NAME.dayafter)")->required();
    cmd->add_option("scenarios", o->scenarios, "Scenario files (JSON); the first is the baseline")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--as-of", o->as_of, "The registry as of this date (YYYY-MM-DD)");
    cmd->add_option("--config", o->config, "Configuration (JSON) over the project's")
        ->check(CLI::ExistingFile);
    cmd->add_option("--population-total", o->population_total,
                    "Scale the population estimate to this many people")
        ->check(CLI::PositiveNumber);
    cmd->footer("Example:\n"
                "  dayafter compare --project andorra.dayafter base.json bridges.json grid.json\n\n"
                "Exit codes: 0 done, 2 bad input (a scenario naming what the project does not "
                "have,\nwith the file and the JSON path).");
    return [o, cmd, &context] {
        if (cmd->parsed()) {
            run_compare(*o, context);
        }
    };
}

} // namespace dayafter::cli
