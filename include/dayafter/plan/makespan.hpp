// The shortest schedule of a project on renewable pools (the RCPSP, as in PSPLIB): a genetic
// algorithm on activity lists (Hartmann 1998: two-point crossover that keeps lists in precedence
// order, swap mutation) whose every child is improved by forward-backward improvement (double
// justification; Valls, Ballestin & Quintanilla 2005, Tormos & Lova 2001) before it joins the
// population. Every list is decoded by the serial schedule-generation scheme of schedule.hpp; a
// backward pass decodes the reversed problem. The cost is counted in schedules: one per call of
// decode(), stopping at `max_schedules`, the time limit, or a schedule as short as the critical
// path. The same seed gives the same result.
//
//     const plan::Problem problem = plan::from_psplib(io::read_psplib("j301_1.sm"));
//     const plan::MakespanResult best = plan::minimize_makespan(problem, {.max_schedules = 5000});
//     best.makespan;   // 43
#pragma once

#include <cstdint>
#include <vector>

#include "dayafter/io/psplib.hpp"
#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan {

/// One pool per resource ("R1"...), one mode per job, predecessors from PSPLIB's successors, jobs
/// named by their PSPLIB numbers (from 1); the dummy source and sink stay as jobs of duration 0.
[[nodiscard]] Problem from_psplib(const io::PsplibInstance& instance);

struct MakespanOptions {
    std::uint64_t max_schedules = 5000; // calls of decode(), forward and backward alike
    double time_limit_s = 0;            // 0: no limit
    std::uint64_t seed = 1;
};

struct MakespanResult {
    Schedule schedule; // the best found
    Day makespan = 0;
    std::uint64_t schedules = 0;      // calls of decode() made
    std::vector<std::uint32_t> order; // decodes to `schedule`
    Day lower_bound = 0;              // critical path; makespan == lower_bound is optimal
};

/// The longest chain of durations through precedence and release days (pools ignored): no
/// schedule is shorter. Uses each job's shortest mode. Throws Error on cyclic precedence.
[[nodiscard]] Day critical_path_bound(const Problem& problem);

/// The shortest schedule found. Preconditions: every job has a mode that fits its pools, no
/// money pots or horizon bind (the RCPSP; a job left unplaced is reported in the schedule).
[[nodiscard]] MakespanResult minimize_makespan(const Problem& problem,
                                               const MakespanOptions& options = {});

} // namespace dayafter::plan
