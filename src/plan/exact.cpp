#include "dayafter/plan/exact.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"
#include "exact_model.hpp"

namespace dayafter::plan {
namespace {

using detail::ExactModel;

void validate(const Problem& problem, const std::vector<Requirement>& requirements,
              const ExactOptions& options) {
    if (!options.makespan && problem.horizon == kNoDay) {
        throw InputError("planning exactly for restored access: the problem has no horizon");
    }
    for (const Requirement& r : requirements) {
        if (r.weight < 0) {
            throw InputError(fmt::format(
                "planning exactly: requirement '{}' has a negative weight {}", r.label, r.weight));
        }
        for (const auto& alternative : r.any_of) {
            for (const std::uint32_t job : alternative) {
                if (job >= problem.jobs.size()) {
                    throw InputError(
                        fmt::format("planning exactly: requirement '{}' names job {} of {}",
                                    r.label, job, problem.jobs.size()));
                }
            }
        }
    }
}

/// A plan to fall back on when CBC stops before it finds a better one: the serial schedule of
/// the jobs in the order the heaviest requirements need them, then the rest.
Schedule fallback_schedule(const Problem& problem, const std::vector<Requirement>& requirements) {
    std::vector<const Requirement*> heaviest;
    for (const Requirement& r : requirements) {
        heaviest.push_back(&r);
    }
    std::stable_sort(heaviest.begin(), heaviest.end(),
                     [](const auto* a, const auto* b) { return a->weight > b->weight; });
    std::vector<std::uint32_t> order;
    std::vector<bool> listed(problem.jobs.size(), false);
    auto list = [&](std::uint32_t job) {
        if (!listed[job]) {
            listed[job] = true;
            order.push_back(job);
        }
    };
    for (const Requirement* r : heaviest) {
        for (const auto& alternative : r->any_of) {
            std::for_each(alternative.begin(), alternative.end(), list);
        }
    }
    for (const std::uint32_t job : topological_order(problem)) {
        list(job);
    }
    return decode(problem, order);
}

/// The objective of a schedule as the programme counts it, larger is better; nothing when it is
/// not a makespan schedule (a job left out).
std::optional<double> score(const Problem& problem, const std::vector<Requirement>& requirements,
                            const ExactOptions& options, const Schedule& schedule) {
    if (!options.makespan) {
        return restoration_value(requirements, schedule, problem.horizon);
    }
    const bool all_placed = std::all_of(schedule.jobs.begin(), schedule.jobs.end(),
                                        [](const Placement& p) { return p.placed(); });
    return all_placed ? std::optional<double>(-schedule.makespan()) : std::nullopt;
}

/// Short of a proof, the better of CBC's schedule and the fallback, valued from scratch.
void keep_the_better(const Problem& problem, const std::vector<Requirement>& requirements,
                     const ExactOptions& options, ExactResult& result) {
    Schedule fallback = fallback_schedule(problem, requirements);
    const std::optional<double> theirs = score(problem, requirements, options, fallback);
    const std::optional<double> ours = result.status == ExactStatus::Feasible
                                           ? score(problem, requirements, options, result.schedule)
                                           : std::nullopt;
    if (theirs && (!ours || *theirs > *ours)) {
        result.schedule = std::move(fallback);
        result.status = ExactStatus::Feasible;
    }
    if (const auto value = score(problem, requirements, options, result.schedule); value) {
        result.objective = options.makespan ? -*value : *value;
    }
}

/// Why a job the programme left out is not placed, as check() accepts it.
Unplaced reason(const Problem& problem, const Schedule& schedule, std::uint32_t job) {
    const Job& j = problem.jobs[job];
    if (j.modes.empty()) {
        return Unplaced::NobodyCanDoIt;
    }
    const bool too_big = std::all_of(j.modes.begin(), j.modes.end(), [&](const Mode& m) {
        return std::any_of(m.demands.begin(), m.demands.end(), [&](const Demand& d) {
            return d.units > problem.pools[d.pool].capacity;
        });
    });
    if (too_big) {
        return Unplaced::TooBigForPools;
    }
    if (j.cost > 0 && j.pots.empty()) {
        return Unplaced::NobodyPays;
    }
    const bool after_unplaced =
        std::any_of(j.predecessors.begin(), j.predecessors.end(),
                    [&](std::uint32_t q) { return !schedule.jobs[q].placed(); });
    return after_unplaced ? Unplaced::AfterUnplaced : Unplaced::BeyondHorizon;
}

/// The chosen starts as placements; jobs left out get their reason.
Schedule read_schedule(const ExactModel& model, const std::vector<double>& values) {
    const Problem& problem = *model.problem;
    Schedule schedule;
    schedule.jobs.resize(problem.jobs.size(), Placement{.why = Unplaced::BeyondHorizon});
    for (std::uint32_t job = 0; job < problem.jobs.size(); ++job) {
        for (const detail::Start& s : model.starts[job]) {
            if (!values.empty() && values[static_cast<std::size_t>(s.column)] > 0.5) {
                schedule.jobs[job] = {
                    .start = s.start, .finish = s.finish, .mode = s.mode, .pot = s.pot};
            }
        }
    }
    for (std::uint32_t job = 0; job < problem.jobs.size(); ++job) {
        if (!schedule.jobs[job].placed()) {
            schedule.jobs[job].why = reason(problem, schedule, job);
        }
    }
    return schedule;
}

ExactStatus status_of(const detail::MipSolution& solution) {
    if (solution.has_solution) {
        return solution.optimal ? ExactStatus::Optimal : ExactStatus::Feasible;
    }
    return solution.infeasible ? ExactStatus::Infeasible : ExactStatus::TimedOut;
}

bool some_job_cannot_start(const ExactModel& model) {
    return std::any_of(model.starts.begin(), model.starts.end(),
                       [](const auto& starts) { return starts.empty(); });
}

} // namespace

std::string_view to_string(ExactStatus status) noexcept {
    switch (status) {
    case ExactStatus::Optimal:
        return "optimal";
    case ExactStatus::Feasible:
        return "feasible";
    case ExactStatus::Infeasible:
        return "infeasible";
    case ExactStatus::TimedOut:
        return "timed out";
    }
    return "?";
}

ExactResult solve_exact(const Problem& problem, const std::vector<Requirement>& requirements,
                        const ExactOptions& options) {
    const auto began = std::chrono::steady_clock::now();
    validate(problem, requirements, options);
    const ExactModel model = detail::build_model(problem, requirements, options.makespan);
    ExactResult result;
    result.variable_count = static_cast<std::size_t>(model.mip.column_count());
    result.row_count = static_cast<std::size_t>(model.mip.row_count());
    const auto seconds = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    };
    if (options.makespan && some_job_cannot_start(model)) {
        result.status = ExactStatus::Infeasible;
        result.seconds = seconds();
        return result;
    }
    const detail::MipSolution solution = model.mip.solve(options.time_limit_s);
    result.status = status_of(solution);
    result.optimal = result.status == ExactStatus::Optimal;
    if (solution.has_solution || !options.makespan) {
        result.schedule = read_schedule(model, solution.values);
    }
    if (options.makespan) {
        result.objective = result.schedule.makespan();
        result.bound = std::ceil(solution.bound - 1e-6);
    } else {
        // The programme minimises the negated value; -0.0 would print oddly.
        result.objective = solution.has_solution ? 0.0 - solution.objective : 0.0;
        result.bound = 0.0 - solution.bound;
    }
    if (result.status == ExactStatus::Feasible || result.status == ExactStatus::TimedOut) {
        keep_the_better(problem, requirements, options, result);
    }
    result.seconds = seconds();
    return result;
}

} // namespace dayafter::plan
