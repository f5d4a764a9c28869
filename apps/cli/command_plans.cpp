// dayafter plans: the plans stored in the project, with the inputs that reproduce them.
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct PlansOptions {
    std::string project;
    std::optional<std::int64_t> show;
    bool json = false;
};

/// The stored summary's JSON; StorageError naming the plan when it cannot be parsed.
nlohmann::json summary_of(const store::StoredPlan& plan) {
    nlohmann::json summary = nlohmann::json::parse(plan.summary_json, nullptr, false);
    if (summary.is_discarded()) {
        throw StorageError(fmt::format("plan {}: its stored summary is not JSON", plan.id));
    }
    return summary;
}

std::string gain_of(const nlohmann::json& summary) {
    const auto gain = summary.find("gain");
    return gain != summary.end() && gain->is_number() ? people(gain->get<double>()) : "-";
}

/// The command line that makes the same plan again.
std::string rerun_command(const std::string& project, const store::StoredPlan& plan) {
    std::string command =
        fmt::format("dayafter plan --project {} --horizon {}d --seed {} "
                    "--time-limit {} --evaluations {}",
                    project, plan.horizon_days, plan.seed, plan.time_limit_s, plan.max_evaluations);
    const auto space = plan.solver.find(' ');
    command += fmt::format(" --solver {}", plan.solver.substr(0, space));
    if (space != std::string::npos) {
        command += fmt::format(" --objective {}", plan.solver.substr(space + 1));
    }
    if (plan.as_of) {
        command += fmt::format(" --as-of {}", *plan.as_of);
    }
    if (plan.population_total) {
        command += fmt::format(" --population-total {}", *plan.population_total);
    }
    if (plan.samples > 0) {
        command += fmt::format(" --samples {}", plan.samples);
    }
    if (!plan.config_json.empty()) {
        command += " --config FILE (FILE holding the configuration above)";
    }
    return command;
}

void print_list(const std::string& project, const std::vector<store::StoredPlan>& plans) {
    fmt::print("{:>4}  {:<20}  {:<10}  {:<10}  {:>7}  {:>6}  {:>16}\n", "plan", "created", "as of",
               "start", "horizon", "seed", "gain");
    for (const store::StoredPlan& plan : plans) {
        fmt::print("{:>4}  {:<20}  {:<10}  {:<10}  {:>6}d  {:>6}  {:>16}\n", plan.id, plan.created,
                   plan.as_of.value_or("latest"), plan.start, plan.horizon_days, plan.seed,
                   gain_of(summary_of(plan)));
    }
    fmt::print("{} plan{} stored in {}\n", plans.size(), plans.size() == 1 ? "" : "s", project);
}

void print_plan(const std::string& project, const store::StoredPlan& plan) {
    const nlohmann::json summary = summary_of(plan);
    fmt::print("Plan {} of {}, made {}\n", plan.id, project, plan.created);
    fmt::print("  as of {}, day 0 {}, {} days, {} solver, seed {}\n",
               plan.as_of.value_or("the latest state"), plan.start, plan.horizon_days, plan.solver,
               plan.seed);
    fmt::print("  {} tasks, {} scheduled; area under the curve {} people-days\n",
               summary.value("tasks", 0), summary.value("scheduled", 0), gain_of(summary));
    if (plan.config_json.empty()) {
        fmt::print("  configuration: the project's own\n");
    } else {
        fmt::print("  configuration given for the run:\n{}\n", plan.config_json);
    }
    fmt::print("To make it again:\n  {}\n", rerun_command(project, plan));
}

void run_plans(const PlansOptions& o) {
    if (!o.show) {
        const std::vector<store::StoredPlan> plans = app::plans(o.project);
        if (o.json) {
            nlohmann::json list = nlohmann::json::array();
            for (const store::StoredPlan& plan : plans) {
                list.push_back(
                    {{"id", plan.id},
                     {"created", plan.created},
                     {"as_of", plan.as_of ? nlohmann::json(*plan.as_of) : nlohmann::json(nullptr)},
                     {"start", plan.start},
                     {"horizon_days", plan.horizon_days},
                     {"solver", plan.solver},
                     {"seed", plan.seed},
                     {"gain", summary_of(plan).value("gain", 0.0)}});
            }
            fmt::print("{}\n", list.dump(2));
            return;
        }
        print_list(o.project, plans);
        return;
    }
    const store::StoredPlan plan = app::stored_plan(o.project, *o.show);
    if (o.json) {
        fmt::print("{}\n", summary_of(plan).dump(2));
        return;
    }
    print_plan(o.project, plan);
}

} // namespace

Runner add_plans_command(CLI::App& app, Context&) {
    auto o = std::make_shared<PlansOptions>();
    CLI::App* cmd = app.add_subcommand(
        "plans", "The plans stored in the project (every `dayafter plan` without --no-store),\n"
                 "with the inputs that reproduce them: as-of date, day 0, horizon, seed, limits\n"
                 "and the configuration given for the run.");
    cmd->add_option("--project", o->project, "The project (NAME.dayafter)")->required();
    cmd->add_option("--show", o->show, "Show the stored plan with this id");
    cmd->add_flag("--json", o->json, "Print JSON (with --show: the plan's stored summary)");
    cmd->footer("Example:\n"
                "  dayafter plans --project monaco.dayafter\n"
                "  dayafter plans --project monaco.dayafter --show 2 --json\n\n"
                "Exit codes: 0 ok, 2 bad input (no such project or plan).");
    return [o] { run_plans(*o); };
}

} // namespace dayafter::cli
