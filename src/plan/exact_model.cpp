// The time-indexed programme of exact.hpp. Columns are only made for starts that could happen at
// all (after the release and the earliest finish of every predecessor, inside the horizon, within
// each pool's free units, with the money a pot will ever have by then), which keeps the model
// small and the relaxation tight; rows no schedule could break are left out for the same reason.
#include "exact_model.hpp"

#include <algorithm>
#include <numeric>

namespace dayafter::plan::detail {
namespace {

using Term = CbcMip::Term;
using Model = ExactModel;

/// A term with the job it belongs to, so a row can tell whether it could ever bind.
struct JobTerm {
    std::uint32_t job = 0;
    int column = 0;
    double coefficient = 0;
};

/// The last day any job may finish: the horizon, or (for a makespan without one) a day by which
/// a serial schedule surely has placed everything it can.
Day last_day(const Problem& problem) {
    if (problem.horizon != kNoDay) {
        return problem.horizon;
    }
    Day quiet = 0; // after it, only placed jobs change what is free
    Day work = 0;
    for (const Job& job : problem.jobs) {
        quiet = std::max(quiet, job.release);
        Day longest = 0;
        for (const Mode& mode : job.modes) {
            longest = std::max(longest, mode.duration);
        }
        work += longest;
    }
    for (const Pool& pool : problem.pools) {
        for (const Reservation& r : pool.reserved) {
            quiet = std::max(quiet, r.to);
        }
    }
    for (const Pot& pot : problem.pots) {
        for (const auto& [day, amount] : pot.arrivals) {
            quiet = std::max(quiet, day);
        }
    }
    return quiet + work;
}

std::vector<std::vector<std::int32_t>> reserved_per_day(const Problem& problem, Day end) {
    std::vector<std::vector<std::int32_t>> reserved(
        problem.pools.size(), std::vector<std::int32_t>(static_cast<std::size_t>(end), 0));
    for (std::size_t pool = 0; pool < problem.pools.size(); ++pool) {
        for (const Reservation& r : problem.pools[pool].reserved) {
            for (Day t = std::max<Day>(r.from, 0); t < std::min(r.to, end); ++t) {
                reserved[pool][static_cast<std::size_t>(t)] += r.units;
            }
        }
    }
    return reserved;
}

double arrived_by(const Pot& pot, Day t) {
    double sum = 0;
    for (const auto& [day, amount] : pot.arrivals) {
        sum += day <= t ? amount : 0;
    }
    return sum;
}

/// Whether the mode's units fit on every day of [start, start + duration) with nothing else.
bool fits_alone(const Model& model, const Mode& mode, Day start) {
    for (const Demand& d : mode.demands) {
        const std::int32_t capacity = model.problem->pools[d.pool].capacity;
        for (Day t = start; t < start + mode.duration; ++t) {
            if (d.units > capacity - model.reserved[d.pool][static_cast<std::size_t>(t)]) {
                return false;
            }
        }
    }
    return true;
}

/// The first day a job could start given its predecessors' earliest finishes, or kNoDay when a
/// predecessor can never be placed.
Day earliest_start(const Model& model, std::uint32_t job) {
    Day earliest = std::max<Day>(0, model.problem->jobs[job].release);
    for (const std::uint32_t q : model.problem->jobs[job].predecessors) {
        if (model.starts[q].empty()) {
            return kNoDay;
        }
        Day first_finish = model.starts[q].front().finish;
        for (const Start& s : model.starts[q]) {
            first_finish = std::min(first_finish, s.finish);
        }
        earliest = std::max(earliest, first_finish);
    }
    return earliest;
}

void add_start(Model& model, std::uint32_t job, Start start) {
    start.column = model.mip.add_column(0, 1, 0, true);
    model.starts[job].push_back(start);
}

/// Columns for every start of `job` that could happen at all.
void add_starts(Model& model, std::uint32_t job) {
    const Job& j = model.problem->jobs[job];
    const Day earliest = earliest_start(model, job);
    if (earliest == kNoDay || (j.cost > 0 && j.pots.empty())) {
        return;
    }
    std::vector<std::uint32_t> pots = j.pots;
    std::sort(pots.begin(), pots.end());
    pots.erase(std::unique(pots.begin(), pots.end()), pots.end());
    for (std::uint32_t m = 0; m < j.modes.size(); ++m) {
        const Day duration = j.modes[m].duration;
        for (Day t = earliest; t + duration <= model.end; ++t) {
            if (!fits_alone(model, j.modes[m], t)) {
                continue;
            }
            const Start start{.mode = m, .start = t, .finish = t + duration};
            if (j.cost <= 0) {
                add_start(model, job, start);
                continue;
            }
            for (const std::uint32_t pot : pots) {
                if (arrived_by(model.problem->pots[pot], t) >= j.cost - 1e-6) {
                    Start paid = start;
                    paid.pot = pot;
                    add_start(model, job, paid);
                }
            }
        }
    }
}

/// The starts of `job` finished by day t, as terms with `sign`.
void add_finished_by(const Model& model, std::uint32_t job, Day t, double sign,
                     std::vector<Term>& terms) {
    for (const Start& s : model.starts[job]) {
        if (s.finish <= t) {
            terms.emplace_back(s.column, sign);
        }
    }
}

/// Started by t ≤ finished by t for each predecessor, on each day the job could start: a job
/// waits for its predecessors, and one left out keeps its successors out.
void add_precedence(Model& model, std::uint32_t job) {
    std::vector<std::uint32_t> before = model.problem->jobs[job].predecessors;
    std::sort(before.begin(), before.end());
    before.erase(std::unique(before.begin(), before.end()), before.end());
    std::vector<Day> days;
    for (const Start& s : model.starts[job]) {
        days.push_back(s.start);
    }
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    for (const std::uint32_t q : before) {
        for (const Day t : days) {
            std::vector<Term> terms;
            for (const Start& s : model.starts[job]) {
                if (s.start <= t) {
                    terms.emplace_back(s.column, 1.0);
                }
            }
            add_finished_by(model, q, t, -1.0, terms);
            model.mip.add_row(terms, -kInfinity, 0);
        }
    }
}

/// A row Σ terms ≤ limit, unless it cannot bind: each job starts once, so its largest
/// coefficient is the most it can add.
void add_capacity_row(Model& model, const std::vector<JobTerm>& terms, double limit) {
    std::vector<double> most(model.problem->jobs.size(), 0);
    std::vector<Term> row;
    for (const JobTerm& t : terms) {
        most[t.job] = std::max(most[t.job], t.coefficient);
        row.emplace_back(t.column, t.coefficient);
    }
    if (std::accumulate(most.begin(), most.end(), 0.0) > limit + 1e-9) {
        model.mip.add_row(row, -kInfinity, limit);
    }
}

void add_pool_rows(Model& model) {
    const Problem& problem = *model.problem;
    for (std::uint32_t pool = 0; pool < problem.pools.size(); ++pool) {
        std::vector<std::vector<JobTerm>> on_day(static_cast<std::size_t>(model.end));
        for (std::uint32_t job = 0; job < problem.jobs.size(); ++job) {
            for (const Start& s : model.starts[job]) {
                for (const Demand& d : problem.jobs[job].modes[s.mode].demands) {
                    for (Day t = s.start; d.pool == pool && t < s.finish; ++t) {
                        on_day[static_cast<std::size_t>(t)].push_back(
                            {job, s.column, static_cast<double>(d.units)});
                    }
                }
            }
        }
        for (Day t = 0; t < model.end; ++t) {
            const auto day = static_cast<std::size_t>(t);
            add_capacity_row(model, on_day[day],
                             problem.pools[pool].capacity - model.reserved[pool][day]);
        }
    }
}

/// Spent by day t ≤ arrived by day t, on each day something may be paid from the pot; between
/// such days the balance only grows.
void add_money_rows(Model& model) {
    const Problem& problem = *model.problem;
    for (std::uint32_t pot = 0; pot < problem.pots.size(); ++pot) {
        std::vector<Day> days;
        for (const auto& starts : model.starts) {
            for (const Start& s : starts) {
                if (s.pot == pot) {
                    days.push_back(s.start);
                }
            }
        }
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        for (const Day t : days) {
            std::vector<JobTerm> terms;
            for (std::uint32_t job = 0; job < problem.jobs.size(); ++job) {
                for (const Start& s : model.starts[job]) {
                    if (s.pot == pot && s.start <= t) {
                        terms.push_back({job, s.column, problem.jobs[job].cost});
                    }
                }
            }
            add_capacity_row(model, terms, arrived_by(problem.pots[pot], t));
        }
    }
}

/// The alternatives of a requirement that could ever be finished, each sorted and distinct.
std::vector<std::vector<std::uint32_t>> possible_alternatives(const Model& model,
                                                              const Requirement& requirement) {
    std::vector<std::vector<std::uint32_t>> possible;
    for (std::vector<std::uint32_t> alternative : requirement.any_of) {
        std::sort(alternative.begin(), alternative.end());
        alternative.erase(std::unique(alternative.begin(), alternative.end()), alternative.end());
        const bool can_finish = std::none_of(alternative.begin(), alternative.end(),
                                             [&](auto job) { return model.starts[job].empty(); });
        if (can_finish) {
            possible.push_back(std::move(alternative));
        }
    }
    std::sort(possible.begin(), possible.end());
    possible.erase(std::unique(possible.begin(), possible.end()), possible.end());
    return possible;
}

/// The first day all jobs of the alternative could have finished.
Day earliest_finish(const Model& model, const std::vector<std::uint32_t>& alternative) {
    Day day = 0;
    for (const std::uint32_t job : alternative) {
        Day first = model.end;
        for (const Start& s : model.starts[job]) {
            first = std::min(first, s.finish);
        }
        day = std::max(day, first);
    }
    return day;
}

/// z[t] ≤ Σ_k done_k(t), where done_k(t) is "the job finished by t" for a one-job alternative
/// and otherwise a column bounded by each of its jobs' "finished by t". z and done_k need not
/// be integer: with the starts integer, the best z is 1 exactly when an alternative is done.
void add_requirement(Model& model, const Requirement& requirement) {
    const auto alternatives = possible_alternatives(model, requirement);
    if (alternatives.empty() || requirement.weight <= 0) {
        return;
    }
    std::vector<Day> ready;
    for (const auto& alternative : alternatives) {
        ready.push_back(earliest_finish(model, alternative));
    }
    for (Day t = *std::min_element(ready.begin(), ready.end()); t < model.end; ++t) {
        std::vector<Term> row{{model.mip.add_column(0, 1, -requirement.weight, false), 1.0}};
        for (std::size_t k = 0; k < alternatives.size(); ++k) {
            if (t < ready[k]) {
                continue;
            }
            if (alternatives[k].size() == 1) {
                add_finished_by(model, alternatives[k].front(), t, -1.0, row);
                continue;
            }
            const int done = model.mip.add_column(0, 1, 0, false);
            row.emplace_back(done, -1.0);
            for (const std::uint32_t job : alternatives[k]) {
                std::vector<Term> bound{{done, 1.0}};
                add_finished_by(model, job, t, -1.0, bound);
                model.mip.add_row(bound, -kInfinity, 0);
            }
        }
        model.mip.add_row(row, -kInfinity, 0);
    }
}

/// Every job placed once and C ≥ each job's finish; minimise C.
void add_makespan(Model& model) {
    const int makespan = model.mip.add_column(0, model.end, 1, false);
    for (const auto& starts : model.starts) {
        std::vector<Term> finish{{makespan, -1.0}};
        for (const Start& s : starts) {
            finish.emplace_back(s.column, static_cast<double>(s.finish));
        }
        model.mip.add_row(finish, -kInfinity, 0);
    }
}

/// Each job starts at most once, or exactly once when every job must be placed.
void add_once(Model& model, bool every_job) {
    for (const auto& starts : model.starts) {
        std::vector<Term> once;
        for (const Start& s : starts) {
            once.emplace_back(s.column, 1.0);
        }
        if (!once.empty()) {
            model.mip.add_row(once, every_job ? 1.0 : -kInfinity, 1.0);
        }
    }
}

} // namespace

ExactModel build_model(const Problem& problem, const std::vector<Requirement>& requirements,
                       bool makespan) {
    ExactModel model;
    model.problem = &problem;
    model.end = std::max<Day>(0, last_day(problem));
    model.reserved = reserved_per_day(problem, model.end);
    model.starts.resize(problem.jobs.size());
    for (const std::uint32_t job : topological_order(problem)) {
        add_starts(model, job);
    }
    add_once(model, makespan);
    for (std::uint32_t job = 0; job < problem.jobs.size(); ++job) {
        add_precedence(model, job);
    }
    add_pool_rows(model);
    add_money_rows(model);
    if (makespan) {
        add_makespan(model);
        return model;
    }
    for (const Requirement& requirement : requirements) {
        add_requirement(model, requirement);
    }
    return model;
}

} // namespace dayafter::plan::detail
