// What a plan is worth: the people whose access to a service comes back, weighted, times the days
// they have it before the horizon. A requirement is one group of people for one service; it is
// met once every job of any one of its alternative job sets is finished (two roads to a clinic:
// clearing either restores it). A job that starts on day s with duration d is finished from day
// s + d on, so a requirement met on day c counts w × (H − c) for the days c .. H−1; the value is
// the area under the restoration curve that the plan gains. A requirement with an empty
// alternative is served already and counts nothing; one without alternatives never comes back.
//
// The alternative sets come from the access model as the minimal sets of jobs that restore a
// group: `minimal_sets` enumerates them for any monotone predicate (more work done never takes
// access away).
//
//     const std::vector<Requirement> needs{{.weight = 120, .any_of = {{0}, {1, 2}}}};
//     const double value = restoration_value(needs, schedule, problem.horizon);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan {

struct Requirement {
    double weight = 0; // people × the service's weight; not negative
    /// Job sets of which finishing any one restores the group (job indices of the problem).
    std::vector<std::vector<std::uint32_t>> any_of;
    std::string label;
};

/// The first day from which some alternative of `requirement` is finished under `schedule`, or
/// kNoDay when none is (a job of every alternative is left out). An empty alternative gives 0.
[[nodiscard]] Day restored_on(const Requirement& requirement, const Schedule& schedule);

/// Σ_r w_r × max(0, horizon − c_r) over the requirements restored by the schedule, where c_r is
/// restored_on(r); requirements with an empty alternative are skipped. Recomputed from the
/// placements alone, so it can check any planner's claimed objective.
[[nodiscard]] double restoration_value(const std::vector<Requirement>& requirements,
                                       const Schedule& schedule, Day horizon);

/// The minimal sets of jobs (each sorted, the list sorted) for which the monotone predicate
/// `restored` holds: `done[j]` says whether job j is finished, and adding jobs must never make
/// the predicate false. Returns {} when even all jobs do not restore it, and {{}} when no job
/// is needed. Stops after `limit` sets or `limit × (job_count + 1)` search steps, whichever
/// comes first; `stopped_at_limit`, when given, says whether it stopped early (then the list
/// holds only some of the minimal sets). Each step calls the predicate at most job_count + 1
/// times. The search branches on leaving out each job of a set found, breadth first, and
/// remembers the left-out sets it has tried.
[[nodiscard]] std::vector<std::vector<std::uint32_t>>
minimal_sets(std::uint32_t job_count,
             const std::function<bool(const std::vector<bool>& done)>& restored, std::size_t limit,
             bool* stopped_at_limit = nullptr);

} // namespace dayafter::plan
