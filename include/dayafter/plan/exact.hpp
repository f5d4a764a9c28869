// The exact planner: a time-indexed mixed-integer programme solved by CBC, for small problems and
// for measuring how far the heuristic planner is from the optimum.
//
// A binary x[j][m][p][t] says job j starts in mode m on day t, paid from pot p when it costs
// money; each job starts at most once, or may be left out (it need not be done to gain value).
// Rows: a job starts only once its predecessors have finished (time-indexed, so a job left out
// keeps its successors out), release days, the horizon, each pool's units per day less its
// reservations, and each pot's spending up to a day within what has arrived by then. A
// requirement r is restored on day t (z[r][t] = 1) only if some alternative's jobs have all
// finished by t; the objective maximises Σ_r w_r Σ_{t<H} z[r][t], which is restoration_value().
// With `makespan`, every job must be placed and the objective is the latest finish instead
// (PSPLIB-style checks; the requirements are then ignored).
//
// Cost: jobs × modes × pots × days binaries and (pools + pots + arcs + requirements) × days
// rows; fine for tens of jobs over a few dozen days, hopeless for a city-wide plan.
//
//     const ExactResult r = solve_exact(problem, needs, {.time_limit_s = 30});
//     if (r.status == ExactStatus::Optimal) { ... r.schedule, r.objective ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dayafter/plan/restoration.hpp"
#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan {

struct ExactOptions {
    double time_limit_s = 60;
    bool makespan = false; // minimise the latest finish with every job placed
};

enum class ExactStatus : std::uint8_t {
    Optimal,    // proven
    Feasible,   // a schedule, stopped by the time limit before the proof
    Infeasible, // makespan mode only: the jobs cannot all be placed
    TimedOut,   // no schedule found in time
};

struct ExactResult {
    ExactStatus status = ExactStatus::TimedOut;
    /// One placement per job; jobs left out carry a reason check() accepts. Short of a proof,
    /// the better of CBC's best schedule and a serial schedule of the jobs the heaviest
    /// requirements need (so a timed-out restoration plan is Feasible, rarely TimedOut).
    /// Empty when Infeasible, or TimedOut in makespan mode.
    Schedule schedule;
    /// The restoration value of the schedule (the programme's optimum, equal to
    /// restoration_value() of the schedule, when Optimal) or, in makespan mode, its makespan.
    double objective = 0;
    /// The best bound CBC proved: no schedule is worth more (restoration) or ends sooner
    /// (makespan).
    double bound = 0;
    bool optimal = false;
    double seconds = 0; // wall time of building and solving
    std::size_t variable_count = 0;
    std::size_t row_count = 0;
};

/// Solves the problem exactly (within the time limit) for the restoration objective of the
/// requirements, or for the makespan. Throws InputError when a requirement names a job that is
/// not in the problem or has a negative weight, or when the restoration objective is asked
/// without a horizon.
[[nodiscard]] ExactResult solve_exact(const Problem& problem,
                                      const std::vector<Requirement>& requirements,
                                      const ExactOptions& options = {});

[[nodiscard]] std::string_view to_string(ExactStatus status) noexcept;

} // namespace dayafter::plan
