// The plan: the repair tasks of a snapshot (plan/tasks.hpp) scheduled on the crews and money that
// exist (plan/schedule.hpp) so that the people with each service, summed over the days of the
// horizon, is as large as possible (plan/access_curve.hpp). The heuristic decodes priority lists
// with the serial SGS: first the lists of the rules planners use (most people first, most people
// per dollar first, biggest damage first, nearest first, cheapest first, and the greedy that
// takes the largest immediate gain), then an iterated local search from the best of them (a task
// moved earlier, alone or with all it waits for, moved last, or two swapped; kept when the area
// under the curve does not drop; restarted from the best, shaken, when nothing better comes),
// deterministic for a seed. What nobody can do or
// pay for is named with the people it holds back: those who would have the service if
// everything else were done but not this task (and what waits for it).
//
//     const Plan plan = make_plan(snapshot, {.horizon = 180, .seed = 1});
//     plan.schedule;  plan.findings;  plan.rules;
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dayafter/plan/schedule.hpp"
#include "dayafter/plan/tasks.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::plan {

enum class Solver : std::uint8_t { Heuristic, Exact };
/// Restoration: the area under the restoration curve (weights per service); makespan: the day
/// the last task ends.
enum class Objective : std::uint8_t { Restoration, Makespan };

struct PlanOptions {
    Day horizon = 180;
    Solver solver = Solver::Heuristic;
    Objective objective = Objective::Restoration;
    std::string start;        // ISO date of day 0; empty: the snapshot's date
    double time_limit_s = 20; // for the local search
    std::size_t max_evaluations = 4000;
    std::uint64_t seed = 1;
    std::size_t samples = 0; // decodes under sampled durations (P10/P50/P90)
    std::function<void(std::size_t evaluations, double best)> progress;
};

/// A rule planners use, and the area under the curve its order gives.
struct RuleResult {
    std::string name;
    double gain = 0;
    std::vector<std::uint32_t> order;       // the rule's order of the tasks
    std::vector<std::vector<double>> curve; // per service per day, as Plan::curve
};

/// A task that is not done, not owned or not funded, and the people it holds back per service.
struct Finding {
    std::uint32_t task = 0;
    std::string what; // "nobody can do it", "no owner", "nobody pays for it", ...
    std::vector<double> held_back;
    bool no_owner = false;
    bool no_funder = false; // costs money, and neither a funder nor a 3W activity pays
};

/// Money of one funder in one window: what it holds, what the plan spends of it.
struct PotUse {
    std::string name;
    double available = 0;
    double spent = 0;
    std::string funder; // as the pot has them
    std::string window;
    std::string line;
};

/// P10/P50/P90 people within per service and day, and the chance each service reaches 90% of
/// what the plan can restore by day 30 and by day 90.
struct Bands {
    std::size_t samples = 0;
    std::vector<std::array<std::vector<double>, 3>> by_service;
    std::vector<std::array<double, 2>> reach_90; // by day 30, by day 90
};

struct Plan {
    TaskList tasks;
    Problem problem; // job j is task j
    std::vector<std::uint32_t> order;
    Schedule schedule;
    std::vector<std::string> services;
    std::vector<double> today;              // people within per service now
    std::vector<double> achievable;         // once every task that can be done is
    std::vector<std::vector<double>> curve; // per service per day
    double gain = 0;
    std::vector<RuleResult> rules;
    std::vector<Finding> findings;
    /// Per service, the people the tasks nobody owns or funds hold back together (and what waits
    /// for them): each finding's own figure counts people other findings hold back too.
    std::vector<double> held_back_unowned_or_unfunded;
    std::vector<PotUse> money;
    /// What the plan checker found (empty: nothing): a rule the schedule breaks (check()), or an
    /// area under the curve that a session built from scratch does not confirm.
    std::vector<std::string> checks;
    Bands bands;
    std::size_t evaluations = 0;
    double seconds = 0;
    std::string start;
    std::string solver; // how the schedule was found, for people
};

/// The exact solver takes plans of at most this many tasks.
inline constexpr std::size_t kExactMaxTasks = 40;

/// Day 0 of a plan when none is given: the snapshot's date, else the latest facility report
/// (else today).
[[nodiscard]] std::string default_start(const snapshot::Snapshot& snapshot);

/// The first day a service's curve holds `share` of what the plan restores (achievable − today),
/// or nothing when it does not within the curve.
[[nodiscard]] std::optional<Day> day_reaching(const std::vector<double>& curve, double today,
                                              double achievable, double share);

/// Crews (one pool per organisation and resource type, less what 3W activities under way keep)
/// and money (one pot per funding line, converted to the planning currency) for the tasks.
[[nodiscard]] Problem build_problem(const snapshot::Snapshot& snapshot, const TaskList& tasks,
                                    Day horizon, const std::string& start);

/// Throws InputError for a horizon < 1 day, a currency without a rate, precedence made circular
/// by the configuration (naming a task on the circle), the exact solver on more than
/// kExactMaxTasks tasks or with too little time to find any plan.
[[nodiscard]] Plan make_plan(const snapshot::Snapshot& snapshot, const PlanOptions& options);

} // namespace dayafter::plan
