// The exact solver on a city's tasks: the access a plan restores written as requirements (per
// service and place, the minimal sets of tasks that bring the place within the threshold,
// found on the incremental session), then the time-indexed MIP (plan/exact.hpp).
#pragma once

#include "dayafter/plan/access_curve.hpp"
#include "dayafter/plan/exact.hpp"

namespace dayafter::plan {

struct ExactPlan {
    ExactResult result;
    Schedule schedule;                // the better of the MIP's and its order decoded
    std::vector<std::uint32_t> order; // by start day
    std::size_t requirements = 0;
    double requirement_seconds = 0; // finding the minimal task sets on the session
};

/// People per place and service as requirements, places with the same minimal sets merged.
[[nodiscard]] std::vector<Requirement> restoration_requirements(AccessCurve& curve,
                                                                std::uint32_t task_count);

/// Throws InputError when the time limit is too short to find any schedule.
[[nodiscard]] ExactPlan plan_exactly(const Problem& problem, AccessCurve& curve,
                                     double time_limit_s);

} // namespace dayafter::plan
