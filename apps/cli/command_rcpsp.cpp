// dayafter rcpsp: the scheduling core on a PSPLIB project scheduling instance.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "dayafter/app/app.hpp"

namespace dayafter::cli {
namespace {

struct RcpspOptions {
    app::RcpspRequest request;
    bool show_schedule = false;
};

void run_rcpsp(const RcpspOptions& options) {
    const app::RcpspAnswer answer = app::rcpsp(options.request);
    const plan::MakespanResult& result = answer.result;
    fmt::print("Instance {}: {} jobs (with the dummy start and end), {} resources\n",
               answer.instance.name, answer.instance.jobs.size(),
               answer.instance.capacities.size());
    fmt::print("Makespan found: {}\n", result.makespan);
    fmt::print("Critical-path lower bound: {}{}\n", result.lower_bound,
               result.makespan == result.lower_bound ? " (reached: the makespan is optimal)" : "");
    fmt::print("Schedules evaluated: {}\n", result.schedules);
    fmt::print("Time: {:.3f} s\n", answer.seconds);
    if (options.show_schedule) {
        fmt::print("\njob  start  finish\n");
        for (std::size_t j = 0; j < result.schedule.jobs.size(); ++j) {
            const plan::Placement& p = result.schedule.jobs[j];
            fmt::print("{:>3}  {:>5}  {:>6}\n", j + 1, p.start, p.finish);
        }
    }
}

} // namespace

Runner add_rcpsp_command(CLI::App& app, Context&) {
    auto options = std::make_shared<RcpspOptions>();
    CLI::App* command = app.add_subcommand(
        "rcpsp",
        "The scheduling core on a PSPLIB instance (resource-constrained project scheduling,\n"
        "single mode, .sm): the shortest schedule found by a genetic algorithm on activity\n"
        "lists with forward-backward improvement, the critical-path lower bound, and how many\n"
        "schedules were evaluated. A makespan equal to the bound is optimal.");
    command->add_option("file", options->request.file, "The PSPLIB .sm file")->required();
    command
        ->add_option("--schedules", options->request.options.max_schedules,
                     "Stop after this many schedules (each decoding of a priority list counts; "
                     "default 5000, as in the literature's comparisons)")
        ->check(CLI::PositiveNumber);
    command
        ->add_option("--time-limit", options->request.options.time_limit_s,
                     "Stop after this many seconds (default: no limit)")
        ->check(CLI::NonNegativeNumber);
    command->add_option("--seed", options->request.options.seed,
                        "Seed of the search; the same seed gives the same schedule (default 1)");
    command->add_flag("--schedule", options->show_schedule,
                      "Also print each job's start and finish (PSPLIB job numbers)");
    command->footer("Examples:\n  dayafter rcpsp j30.sm/j301_1.sm\n"
                    "  dayafter rcpsp j120.sm/j1201_1.sm --schedules 50000 --time-limit 10\n"
                    "Instances: PSPLIB (Kolisch & Sprecher 1996), "
                    "https://www.om-db.wi.tum.de/psplib/");
    return [options] { run_rcpsp(*options); };
}

} // namespace dayafter::cli
