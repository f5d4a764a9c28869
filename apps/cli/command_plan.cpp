// dayafter plan: which repairs, in which order, by whom and paid by whom.
#include <algorithm>
#include <charconv>
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"
#include "dayafter/report/plan_files.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::cli {
namespace {

struct PlanCliOptions {
    std::string project;
    std::string horizon = "180d";
    std::string solver = "heuristic";
    std::string objective = "restoration";
    double time_limit = 20;
    std::uint64_t seed = 1;
    std::size_t evaluations = 4000;
    std::size_t samples = 0;
    std::string as_of;
    std::string config;
    std::optional<double> population_total;
    std::string out;
    bool no_store = false;
    bool force = false;
};

std::string day_reached(const std::vector<double>& curve, double today, double target,
                        double share) {
    if (target <= today) {
        return "-";
    }
    const std::optional<plan::Day> day = plan::day_reaching(curve, today, target, share);
    return day ? fmt::format("day {}", *day) : "not in horizon";
}

void print_access(const plan::Plan& p) {
    fmt::print("People with each service (within its threshold), as the plan restores it:\n");
    fmt::print("{:<10} {:>9} {:>9} {:>9} {:>9} {:>11}  {:>12} {:>12}\n", "service", "now", "day 7",
               "day 30", "day 90", "achievable", "50% back", "90% back");
    for (std::size_t s = 0; s < p.services.size(); ++s) {
        const auto& c = p.curve[s];
        auto at = [&](std::size_t d) { return people(c[std::min(d, c.size() - 1)]); };
        fmt::print("{:<10} {:>9} {:>9} {:>9} {:>9} {:>11}  {:>12} {:>12}\n", p.services[s],
                   people(p.today[s]), at(7), at(30), at(90), people(p.achievable[s]),
                   day_reached(c, p.today[s], p.achievable[s], 0.5),
                   day_reached(c, p.today[s], p.achievable[s], 0.9));
    }
    if (p.bands.samples > 0) {
        fmt::print("\nWith uncertain work rates ({} samples): chance each service has 90% of "
                   "what the plan restores\n",
                   p.bands.samples);
        for (std::size_t s = 0; s < p.services.size(); ++s) {
            fmt::print("  {:<10} by day 30: {:>4.0f}%   by day 90: {:>4.0f}%\n", p.services[s],
                       100 * p.bands.reach_90[s][0], 100 * p.bands.reach_90[s][1]);
        }
    }
}

void print_findings(const plan::Plan& p) {
    fmt::print("\nWork nobody can do, owns or pays for, and the people it holds back\n"
               "(people who would have the service if everything else were done):\n");
    if (p.findings.empty()) {
        fmt::print("  none\n");
    }
    for (const plan::Finding& f : p.findings) {
        std::string held;
        for (std::size_t s = 0; s < f.held_back.size(); ++s) {
            if (f.held_back[s] > 0) {
                held += fmt::format("{}{} {}", held.empty() ? "" : ", ", people(f.held_back[s]),
                                    p.services[s]);
            }
        }
        fmt::print("  {}: {} — holds back {}\n", p.tasks.tasks[f.task].title, f.what,
                   held.empty() ? "nobody's access" : held);
    }
    for (const std::string& note : p.tasks.notes) {
        fmt::print("  {}\n", note);
    }
}

void print_money(const plan::Plan& p) {
    fmt::print("\nMoney per funder and window ({}): available, spent by the plan\n",
               p.tasks.currency);
    for (const plan::PotUse& m : p.money) {
        fmt::print("  {:<45} {:>14} {:>14}\n", m.name, people(m.available), people(m.spent));
    }
    std::map<std::string, double> unpaid;
    for (std::uint32_t t = 0; t < p.tasks.tasks.size(); ++t) {
        if (p.schedule.jobs[t].why == plan::Unplaced::NobodyPays) {
            unpaid[std::string(model::to_string(p.tasks.tasks[t].kind))] += p.tasks.tasks[t].cost;
        }
    }
    for (const auto& [kind, amount] : unpaid) {
        fmt::print("  needed and not paid for: {} {}\n", kind, people(amount));
    }
}

void run_plan(const PlanCliOptions& o, const Context& context) {
    const Logger log = context.logger();
    if (o.solver != "heuristic" && o.solver != "exact") {
        throw InputError(fmt::format("--solver '{}': use heuristic or exact", o.solver));
    }
    if (o.objective != "restoration" && o.objective != "makespan") {
        throw InputError(fmt::format("--objective '{}': use restoration or makespan", o.objective));
    }
    if (!(o.time_limit > 0)) {
        throw InputError("--time-limit: give seconds > 0");
    }
    std::filesystem::path out = o.out;
    if (out.empty()) {
        out = std::filesystem::path(o.project).replace_extension().string() + "-plan";
    }
    // The files report::write_plan_files writes (report/plan_files.hpp).
    refuse_to_replace({out / "schedule.csv", out / "curve.csv", out / "tasks.geojson"}, o.force);
    plan::PlanOptions options{.horizon = horizon_days(o.horizon),
                              .solver = o.solver == "exact" ? plan::Solver::Exact
                                                            : plan::Solver::Heuristic,
                              .objective = o.objective == "makespan" ? plan::Objective::Makespan
                                                                     : plan::Objective::Restoration,
                              .time_limit_s = o.time_limit,
                              .max_evaluations = o.evaluations,
                              .seed = o.seed,
                              .samples = o.samples};
    const app::PlanAnswer answer =
        app::plan({{o.project, date_option(o.as_of, "--as-of"), o.config, o.population_total},
                   options,
                   out,
                   !o.no_store},
                  log);
    const plan::Plan& p = answer.plan;
    std::size_t placed = 0;
    for (const plan::Placement& j : p.schedule.jobs) {
        placed += j.placed() ? 1 : 0;
    }
    fmt::print("Plan for {} from {} over {} days ({}; road data (c) OpenStreetMap "
               "contributors, ODbL)\n",
               o.project, p.start, options.horizon, p.solver);
    fmt::print("{} tasks, {} scheduled, {} not; {} schedules tried in {:.1f} s.\n\n",
               p.tasks.tasks.size(), placed, p.tasks.tasks.size() - placed, p.evaluations,
               p.seconds);
    print_access(p);
    fmt::print("\nArea under the curve (people-days gained, weighted) against the rules planners "
               "use:\n  {:<34} {:>14}\n",
               "this plan", people(p.gain));
    for (const plan::RuleResult& r : p.rules) {
        fmt::print("  {:<34} {:>14}\n", r.name, people(r.gain));
    }
    print_findings(p);
    print_money(p);
    fmt::print("\nAssumptions: crews start from the largest part of the road network still "
               "connected by car;\nwork rates and costs are the configuration's `work` section "
               "(defaults and sources: docs/cli/plan.md).\n");
    for (const auto& file : answer.files) {
        fmt::print("Wrote {}\n", file.string());
    }
    if (answer.stored_id) {
        fmt::print("Stored as plan {} in the project (dayafter plans --project {} --show {})\n",
                   *answer.stored_id, o.project, *answer.stored_id);
    }
}

} // namespace

Runner add_plan_command(CLI::App& app, Context& context) {
    auto o = std::make_shared<PlanCliOptions>();
    CLI::App* cmd = app.add_subcommand(
        "plan",
        "Which repairs, in which order, by whom and paid by whom, so that the most people regain\n"
        "services soonest. Derives the tasks from the project's state (mines, rubble, bridges,\n"
        "facilities' damage, power, water, equipment and staff), schedules them on the crews\n"
        "and money the registry lists, and names what nobody can do, owns or pays for with the\n"
        "people it holds back. Writes schedule.csv (HXL), curve.csv and tasks.geojson.");
    cmd->add_option("--project", o->project, "The project (NAME.dayafter)")->required();
    cmd->add_option("--horizon", o->horizon, "Days to plan, such as 180d or 26w (default 180d)");
    cmd->add_option("--solver", o->solver,
                    "heuristic (default: any size) or exact (CBC, proven optimum, for plans of "
                    "up to 40 tasks)");
    cmd->add_option("--objective", o->objective,
                    "restoration (default: people with each service summed over the days) or "
                    "makespan (the day the last task ends)");
    cmd->add_option("--time-limit", o->time_limit,
                    "Seconds for the search or the exact solver (default 20)")
        ->check(finite_number(0, false));
    cmd->add_option("--evaluations", o->evaluations,
                    "Most schedules to try in the search (default 4000)");
    cmd->add_option("--seed", o->seed, "Seed of the search: the same seed, the same plan");
    cmd->add_option("--samples", o->samples,
                    "Re-decode the plan under N sampled work rates: P10/P50/P90 curves");
    cmd->add_option("--as-of", o->as_of, "Plan on the registry as of this date (YYYY-MM-DD)");
    cmd->add_option("--config", o->config, "Configuration (JSON) over the project's, e.g. `work`")
        ->check(CLI::ExistingFile);
    cmd->add_option("--population-total", o->population_total,
                    "Scale the population estimate to this many people")
        ->check(finite_number(0, false));
    cmd->add_option("--out", o->out, "Folder for the files (default: NAME-plan beside it)");
    cmd->add_flag("--no-store", o->no_store,
                  "Do not keep the plan and its inputs in the project (see dayafter plans)");
    add_force_flag(*cmd, o->force);
    cmd->footer("Example:\n"
                "  dayafter plan --project monaco.dayafter --horizon 180d --samples 50\n\n"
                "Day 0 is the --as-of date (else the latest state's date). Work rates, costs,\n"
                "spreads, funding windows and exchange rates come from the configuration's\n"
                "`work` section; every default states its source or says ASSUMPTION\n"
                "(docs/cli/plan.md). Exit codes: 0 done (work nobody can do is a finding, not\n"
                "an error), 2 bad input.");
    return [o, cmd, &context] {
        if (cmd->parsed()) {
            run_plan(*o, context);
        }
    };
}

} // namespace dayafter::cli
