// dayafter report: the page a planner reads, offline, in one HTML file.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct ReportCliOptions {
    std::string project;
    std::string out;
    std::string as_of;
    std::string config;
    std::string horizon = "180d";
    std::size_t evaluations = 600;
    double time_limit = 20;
    std::uint64_t seed = 1;
    std::vector<std::string> scenarios;
    bool plan_scenarios = false;
    std::string town;
    std::string note;
    bool force = false;
};

void run_report(const ReportCliOptions& o, const Context& context) {
    const Logger log = context.logger();
    std::filesystem::path out = o.out;
    if (out.empty()) {
        out = std::filesystem::path(o.project).replace_extension("").string() + "-report.html";
    }
    app::ReportRequest request;
    request.read = {o.project, date_option(o.as_of, "--as-of"), o.config, std::nullopt};
    request.out = out;
    request.plan = {.horizon = horizon_days(o.horizon),
                    .time_limit_s = o.time_limit,
                    .max_evaluations = o.evaluations,
                    .seed = o.seed};
    for (const std::string& s : o.scenarios) {
        request.scenarios.emplace_back(s);
    }
    request.plan_scenarios = o.plan_scenarios;
    request.town = o.town;
    request.illustrative_note = o.note;
    request.replace = o.force;
    const app::ReportAnswer answer = app::write_report(request, log);
    for (const report::Skipped& s : answer.skipped) {
        log.info(fmt::format("{}: left out of access: {}", s.service, s.reason));
    }
    fmt::print("Wrote {} ({:.1f} MB): {} roads, {} facilities, {} hazards, {} places, {} tasks, "
               "{} what-ifs{}.\nOpen it in a browser; it needs no network.\n",
               out.string(), static_cast<double>(answer.bytes) / 1e6, answer.roads,
               answer.facilities, answer.hazards, answer.places, answer.tasks, answer.scenarios,
               answer.illustrative ? "; marked illustrative on its first screen" : "");
}

} // namespace

Runner add_report_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<ReportCliOptions>();
    CLI::App* cmd = app.add_subcommand(
        "report",
        "Write the report a planner reads: one HTML file that opens offline in any browser, with\n"
        "the headline (people with each service now, by day 30 and 90 under the plan, work\n"
        "nobody owns or funds), a map of roads by state, facilities by status, hazards and\n"
        "travel times, the restoration curves against the simple rules, the schedule by crew,\n"
        "the tables (status and causes, single points of failure, owners, money) and the\n"
        "what-ifs side by side, each figure with its source and date. Nothing is stored.");
    cmd->add_option("--project", o->project, "The project (NAME.dayafter)")->required();
    cmd->add_option("-o,--output", o->out, "The HTML file (default: NAME-report.html beside it)");
    cmd->add_option("--scenarios", o->scenarios,
                    "What-if files (docs/scenarios.md) to compare; the first is the baseline")
        ->expected(1, -1);
    cmd->add_flag("--plan-scenarios", o->plan_scenarios,
                  "Also plan each what-if (slower): days until 90% is back, money needed");
    cmd->add_option("--as-of", o->as_of, "The state reported on or before this date (YYYY-MM-DD)");
    cmd->add_option("--config", o->config, "Configuration (JSON) over the project's");
    cmd->add_option("--horizon", o->horizon, "Days to plan, such as 180d or 26w (default 180d)");
    cmd->add_option("--evaluations", o->evaluations,
                    "Schedules the plan's search tries at most (default 600)");
    cmd->add_option("--time-limit", o->time_limit, "Seconds for the plan's search (default 20)")
        ->check(finite_number(0, false));
    cmd->add_option("--seed", o->seed, "Seed of the plan's search: the same seed, the same plan");
    cmd->add_option("--town", o->town, "The town's name on the page (default: from the extract)");
    cmd->add_option("--illustrative-note", o->note,
                    "What is made up and how it was calibrated, for the first screen (default: "
                    "said when the loaded files' sources begin with 'illustrative')");
    add_force_flag(*cmd, o->force);
    cmd->footer("Example:\n"
                "  dayafter report --project monaco.dayafter -o monaco-report.html \\\n"
                "      --scenarios docs/scenarios/baseline.json docs/scenarios/bridges.json\n\n"
                "The page's data follow docs/report-data.md; its libraries (MapLibre GL JS, d3,\n"
                "Observable Plot) are inlined, so it opens with no network.");
    return [o, cmd, &context] {
        if (cmd->parsed()) {
            run_report(*o, context);
        }
    };
}

} // namespace dayafter::cli
