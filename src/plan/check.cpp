// The plan checker: recomputes, from the placements alone, every rule decode() is meant to keep.
// It shares no code with the decoder on purpose, so a bug in one is caught by the other.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan {
namespace {

void check_job(const Problem& problem, const Schedule& schedule, const DurationScale& scale,
               std::uint32_t j, std::vector<std::string>& wrong) {
    const Job& job = problem.jobs[j];
    const Placement& p = schedule.jobs[j];
    const std::string& name = job.name;
    if (!p.placed()) {
        const bool any_predecessor_out =
            std::any_of(job.predecessors.begin(), job.predecessors.end(),
                        [&](std::uint32_t q) { return !schedule.jobs[q].placed(); });
        if (p.why == Unplaced::NobodyCanDoIt && !job.modes.empty()) {
            wrong.push_back(
                fmt::format("'{}' is left out as undoable but has a way to be done", name));
        }
        if (p.why == Unplaced::AfterUnplaced && !any_predecessor_out) {
            wrong.push_back(
                fmt::format("'{}' is left out for a predecessor, yet all are placed", name));
        }
        return;
    }
    if (p.mode >= job.modes.size()) {
        wrong.push_back(fmt::format("'{}' is done in a way it does not have", name));
        return;
    }
    if (p.finish - p.start != scaled_duration(problem, scale, j, p.mode)) {
        wrong.push_back(fmt::format("'{}' lasts {} instead of {}", name, p.finish - p.start,
                                    scaled_duration(problem, scale, j, p.mode)));
    }
    if (p.start < job.release) {
        wrong.push_back(
            fmt::format("'{}' starts on {}, before its release on {}", name, p.start, job.release));
    }
    if (problem.horizon != kNoDay && p.finish > problem.horizon) {
        wrong.push_back(
            fmt::format("'{}' ends on {}, after the horizon {}", name, p.finish, problem.horizon));
    }
    for (const std::uint32_t q : job.predecessors) {
        const Placement& before = schedule.jobs[q];
        if (!before.placed()) {
            wrong.push_back(fmt::format("'{}' is placed but '{}', which must come first, is not",
                                        name, problem.jobs[q].name));
        } else if (before.finish > p.start) {
            wrong.push_back(fmt::format("'{}' starts on {} before '{}' ends on {}", name, p.start,
                                        problem.jobs[q].name, before.finish));
        }
    }
    if (job.cost > 0) {
        if (!p.pot) {
            wrong.push_back(fmt::format("'{}' costs {} and nobody pays", name, job.cost));
        } else if (std::find(job.pots.begin(), job.pots.end(), *p.pot) == job.pots.end()) {
            wrong.push_back(fmt::format("'{}' is paid from money that may not pay for it", name));
        }
    }
}

void check_pools(const Problem& problem, const Schedule& schedule,
                 std::vector<std::string>& wrong) {
    // Per pool, the change in units in use at each period boundary.
    std::vector<std::map<Day, std::int64_t>> delta(problem.pools.size());
    for (std::size_t pool = 0; pool < problem.pools.size(); ++pool) {
        for (const Reservation& r : problem.pools[pool].reserved) {
            delta[pool][r.from] += r.units;
            delta[pool][r.to] -= r.units;
        }
    }
    for (std::size_t j = 0; j < schedule.jobs.size(); ++j) {
        const Placement& p = schedule.jobs[j];
        if (!p.placed() || p.mode >= problem.jobs[j].modes.size() || p.finish == p.start) {
            continue;
        }
        for (const Demand& d : problem.jobs[j].modes[p.mode].demands) {
            delta[d.pool][p.start] += d.units;
            delta[d.pool][p.finish] -= d.units;
        }
    }
    for (std::size_t pool = 0; pool < problem.pools.size(); ++pool) {
        std::int64_t in_use = 0;
        for (const auto& [day, change] : delta[pool]) {
            in_use += change;
            if (in_use > problem.pools[pool].capacity) {
                wrong.push_back(fmt::format("'{}' has {} in use from day {}, more than its {}",
                                            problem.pools[pool].name, in_use, day,
                                            problem.pools[pool].capacity));
                break;
            }
        }
    }
}

void check_pots(const Problem& problem, const Schedule& schedule, std::vector<std::string>& wrong) {
    std::vector<std::map<Day, double>> flow(problem.pots.size());
    for (std::size_t pot = 0; pot < problem.pots.size(); ++pot) {
        for (const auto& [day, amount] : problem.pots[pot].arrivals) {
            flow[pot][day] += amount;
        }
    }
    for (std::size_t j = 0; j < schedule.jobs.size(); ++j) {
        const Placement& p = schedule.jobs[j];
        if (p.placed() && p.pot && *p.pot < problem.pots.size()) {
            flow[*p.pot][p.start] -= problem.jobs[j].cost;
        }
    }
    for (std::size_t pot = 0; pot < problem.pots.size(); ++pot) {
        double balance = 0;
        for (const auto& [day, change] : flow[pot]) {
            balance += change;
            if (balance < -1e-6) {
                wrong.push_back(fmt::format("'{}' is overspent by {:.0f} on day {}",
                                            problem.pots[pot].name, -balance, day));
                break;
            }
        }
    }
}

} // namespace

std::vector<std::string> check(const Problem& problem, const Schedule& schedule,
                               const DurationScale& scale) {
    std::vector<std::string> wrong;
    if (schedule.jobs.size() != problem.jobs.size()) {
        wrong.push_back(
            fmt::format("{} placements for {} jobs", schedule.jobs.size(), problem.jobs.size()));
        return wrong;
    }
    for (std::uint32_t j = 0; j < problem.jobs.size(); ++j) {
        check_job(problem, schedule, scale, j, wrong);
    }
    check_pools(problem, schedule, wrong);
    check_pots(problem, schedule, wrong);
    return wrong;
}

} // namespace dayafter::plan
