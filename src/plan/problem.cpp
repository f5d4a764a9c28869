// From tasks to the scheduling problem: crews per organisation and type, money per funding line.
#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "dayafter/plan/calendar.hpp"
#include "dayafter/plan/planner.hpp"

namespace dayafter::plan {
namespace {

struct Pools {
    std::map<std::pair<std::string, std::string>, std::uint32_t> index; // (org, type) -> pool
    std::vector<std::string> orgs;                                      // in first-seen order
};

/// A pool holds every unit of its resources; a resource that arrives after day 0 (its start
/// date, or an entry point's delay in a what-if) or leaves before the horizon (its end date) is
/// reserved for the days it is not there, so the schedule cannot use it then.
Pools add_pools(const snapshot::Snapshot& snapshot, const std::string& start, Problem& problem) {
    Pools pools;
    for (const model::Resource& r : snapshot.reported().resources) {
        const auto key = std::make_pair(r.org, r.type);
        auto [it, added] =
            pools.index.emplace(key, static_cast<std::uint32_t>(problem.pools.size()));
        if (added) {
            problem.pools.push_back({.name = fmt::format("{} {}", r.org, r.type)});
            if (std::find(pools.orgs.begin(), pools.orgs.end(), r.org) == pools.orgs.end()) {
                pools.orgs.push_back(r.org);
            }
        }
        const auto units = static_cast<std::int32_t>(std::max<std::int64_t>(0, r.count));
        Pool& pool = problem.pools[it->second];
        pool.capacity += units;
        const Day last = problem.horizon == kNoDay ? 36500 : problem.horizon;
        const Day from =
            r.start.empty()
                ? 0
                : std::clamp<Day>(days_between(start, r.start, "resource " + r.key), 0, last);
        const Day until =
            r.end.empty()
                ? last
                : std::clamp<Day>(days_between(start, r.end, "resource " + r.key) + 1, from, last);
        if (units > 0 && from > 0) {
            pool.reserved.push_back({0, from, units});
        }
        if (units > 0 && until < last) {
            pool.reserved.push_back({until, last, units});
        }
    }
    return pools;
}

/// Adds to `pool` the units of `wanted` that are there to hold, day by day: a 3W activity under
/// way holds its crew from day 0, but a crew that arrives later (its start date, an entry point's
/// delay in a what-if), is lost or has left cannot be held while it is not there, and no day's
/// reservations ever exceed the pool. Call it once every arrival and departure is reserved.
void hold(Pool& pool, const Reservation& wanted) {
    std::vector<Day> cuts = {wanted.from, wanted.to};
    for (const Reservation& r : pool.reserved) {
        for (const Day day : {r.from, r.to}) {
            if (day > wanted.from && day < wanted.to) {
                cuts.push_back(day);
            }
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    std::vector<Reservation> held;
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
        const Day day = cuts[c];
        std::int32_t taken = 0;
        for (const Reservation& r : pool.reserved) {
            taken += r.from <= day && day < r.to ? r.units : 0;
        }
        const std::int32_t units = std::min(wanted.units, std::max(0, pool.capacity - taken));
        if (units == 0) {
            continue;
        }
        if (!held.empty() && held.back().to == day && held.back().units == units) {
            held.back().to = cuts[c + 1];
        } else {
            held.push_back({day, cuts[c + 1], units});
        }
    }
    pool.reserved.insert(pool.reserved.end(), held.begin(), held.end());
}

/// One mode per organisation that fields every type the crew needs, the owner's first.
std::vector<Mode> modes_for(const Task& task, const model::KindRule& rule, const Pools& pools) {
    std::vector<std::string> orgs = pools.orgs;
    const auto owner = std::find(orgs.begin(), orgs.end(), task.owner);
    if (owner != orgs.end()) {
        std::rotate(orgs.begin(), owner, owner + 1);
    }
    std::vector<Mode> modes;
    for (const std::string& org : orgs) {
        Mode mode{.duration = task.days};
        for (const auto& [type, units] : rule.crew) {
            const auto pool = pools.index.find({org, type});
            if (pool == pools.index.end()) {
                mode.demands.clear();
                break;
            }
            mode.demands.push_back({pool->second, units});
        }
        if (!mode.demands.empty()) {
            modes.push_back(std::move(mode));
        }
    }
    return modes;
}

void add_pots(const snapshot::Snapshot& snapshot, const std::string& start, Problem& problem) {
    const model::WorkRules& rules = snapshot.config().work;
    for (const model::Funding& f : snapshot.reported().funding) {
        const double amount =
            rules.to_planning(f.amount, f.currency, fmt::format("funding line {}", f.key));
        const Day from = f.start.empty()
                             ? 0
                             : std::max<Day>(0, days_between(start, f.start, "funding " + f.key));
        problem.pots.push_back({.name = fmt::format("{} {} ({})", f.donor, f.window, f.key),
                                .arrivals = {{from, amount}},
                                .funder = f.donor,
                                .window = f.window,
                                .line = f.key});
    }
}

std::vector<std::uint32_t> pots_for(const Task& task, const model::KindRule& rule,
                                    const snapshot::Snapshot& snapshot) {
    std::vector<std::uint32_t> named;
    std::vector<std::uint32_t> others;
    const auto& funding = snapshot.reported().funding;
    for (std::uint32_t p = 0; p < funding.size(); ++p) {
        if (std::find(rule.windows.begin(), rule.windows.end(), funding[p].window) ==
            rule.windows.end()) {
            continue;
        }
        (funding[p].donor == task.funder ? named : others).push_back(p);
    }
    if (!task.funder.empty()) {
        return named; // the registry names who pays: only its money
    }
    return others;
}

} // namespace

Problem build_problem(const snapshot::Snapshot& snapshot, const TaskList& tasks, Day horizon,
                      const std::string& start) {
    Problem problem;
    problem.horizon = horizon;
    const Pools pools = add_pools(snapshot, start, problem);
    add_pots(snapshot, start, problem);
    const model::WorkRules& rules = snapshot.config().work;
    for (const Task& task : tasks.tasks) {
        const model::KindRule& rule = rules.kind(task.kind);
        Job job{.name = task.title, .predecessors = task.after, .release = task.release};
        if (!task.activity.empty()) {
            // Under way or done: it keeps its own crew (held below, as far as the crew is there)
            // and is paid already.
            job.modes.push_back({.duration = task.busy_until});
            job.predecessors.clear();
            job.release = 0;
            const auto pool = rule.crew.empty()
                                  ? pools.index.end()
                                  : pools.index.find({task.owner, rule.crew.begin()->first});
            if (pool != pools.index.end() && task.busy_until > 0) {
                hold(problem.pools[pool->second], {0, task.busy_until, rule.crew.begin()->second});
            }
        } else if (task.impossible.empty()) {
            job.modes = rule.crew.empty() ? std::vector<Mode>{Mode{.duration = task.days}}
                                          : modes_for(task, rule, pools);
            job.cost = task.cost;
            job.pots = pots_for(task, rule, snapshot);
        }
        problem.jobs.push_back(std::move(job));
    }
    return problem;
}

} // namespace dayafter::plan
