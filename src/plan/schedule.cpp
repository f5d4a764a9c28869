#include "dayafter/plan/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::plan {

std::string_view to_string(Unplaced why) noexcept {
    switch (why) {
    case Unplaced::Placed:
        return "placed";
    case Unplaced::NobodyCanDoIt:
        return "nobody can do it";
    case Unplaced::NobodyPays:
        return "nobody pays for it";
    case Unplaced::AfterUnplaced:
        return "waits for work that cannot be done";
    case Unplaced::BeyondHorizon:
        return "no room before the horizon";
    case Unplaced::TooBigForPools:
        return "needs more crews or machines than exist";
    }
    return "?";
}

Day Schedule::makespan() const noexcept {
    Day last = 0;
    for (const Placement& p : jobs) {
        if (p.placed()) {
            last = std::max(last, p.finish);
        }
    }
    return last;
}

Day scaled_duration(const Problem& problem, const DurationScale& scale, std::uint32_t job,
                    std::uint32_t mode) {
    const Day own = problem.jobs[job].modes[mode].duration;
    if (scale.factor.empty() || own == 0) {
        return own;
    }
    const double scaled = std::ceil(static_cast<double>(own) * scale.factor[job] - 1e-9);
    return std::max<Day>(1, static_cast<Day>(scaled));
}

std::vector<std::uint32_t> topological_order(const Problem& problem) {
    const auto n = static_cast<std::uint32_t>(problem.jobs.size());
    std::vector<std::uint32_t> waiting(n, 0);
    std::vector<std::vector<std::uint32_t>> successors(n);
    for (std::uint32_t j = 0; j < n; ++j) {
        for (const std::uint32_t p : problem.jobs[j].predecessors) {
            DAYAFTER_ASSERT(p < n, "a predecessor that is not a job");
            successors[p].push_back(j);
            ++waiting[j];
        }
    }
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
    for (std::uint32_t j = 0; j < n; ++j) {
        if (waiting[j] == 0) {
            ready.push(j);
        }
    }
    std::vector<std::uint32_t> order;
    order.reserve(n);
    while (!ready.empty()) {
        const std::uint32_t j = ready.top();
        ready.pop();
        order.push_back(j);
        for (const std::uint32_t s : successors[j]) {
            if (--waiting[s] == 0) {
                ready.push(s);
            }
        }
    }
    if (order.size() != n) {
        const auto stuck =
            std::find_if(waiting.begin(), waiting.end(), [](std::uint32_t w) { return w > 0; });
        const auto j = static_cast<std::size_t>(stuck - waiting.begin());
        throw Error(fmt::format("the work order is circular: '{}' waits, through other work, "
                                "for itself",
                                problem.jobs[j].name));
    }
    return order;
}

namespace {

/// Units in use per pool and period, and money committed per pot, as jobs are placed.
class Ledger {
public:
    explicit Ledger(const Problem& problem) : problem_(&problem), used_(problem.pools.size()) {
        for (std::size_t p = 0; p < problem.pools.size(); ++p) {
            for (const Reservation& r : problem.pools[p].reserved) {
                add(static_cast<std::uint32_t>(p), r.from, r.to, r.units);
            }
        }
        spent_.resize(problem.pots.size());
    }

    /// The first period in [start, start + duration) where the mode does not fit, or kNoDay.
    [[nodiscard]] Day clash(const Mode& mode, Day start, Day duration) const {
        for (const Demand& d : mode.demands) {
            const auto& row = used_[d.pool];
            const std::int32_t capacity = problem_->pools[d.pool].capacity;
            for (Day t = start; t < start + duration && t < static_cast<Day>(row.size()); ++t) {
                if (row[static_cast<std::size_t>(t)] + d.units > capacity) {
                    return t;
                }
            }
        }
        return kNoDay;
    }

    /// Whether the pot can pay `cost` at `start` without leaving any later commitment short.
    [[nodiscard]] bool affords(std::uint32_t pot, Day start, double cost) const {
        auto short_at = [&](Day t) { return arrived(pot, t) - spent_until(pot, t) < cost - 1e-6; };
        if (short_at(start)) {
            return false;
        }
        return std::none_of(spent_[pot].begin(), spent_[pot].end(),
                            [&](const auto& s) { return s.first > start && short_at(s.first); });
    }

    /// The next day after t on which a pot's balance changes, or kNoDay.
    [[nodiscard]] Day next_money_event(std::span<const std::uint32_t> pots, Day t) const {
        Day next = kNoDay;
        auto consider = [&](Day d) {
            if (d > t && (next == kNoDay || d < next)) {
                next = d;
            }
        };
        for (const std::uint32_t pot : pots) {
            for (const auto& [day, amount] : problem_->pots[pot].arrivals) {
                consider(day);
            }
            for (const auto& [day, amount] : spent_[pot]) {
                consider(day);
            }
        }
        return next;
    }

    void commit(const Mode& mode, Day start, Day duration, std::optional<std::uint32_t> pot,
                double cost) {
        for (const Demand& d : mode.demands) {
            add(d.pool, start, start + duration, d.units);
        }
        if (pot) {
            spent_[*pot].emplace_back(start, cost);
        }
    }

private:
    void add(std::uint32_t pool, Day from, Day to, std::int32_t units) {
        auto& row = used_[pool];
        if (static_cast<Day>(row.size()) < to) {
            row.resize(static_cast<std::size_t>(to), 0);
        }
        for (Day t = std::max<Day>(from, 0); t < to; ++t) {
            row[static_cast<std::size_t>(t)] += units;
        }
    }
    [[nodiscard]] double arrived(std::uint32_t pot, Day t) const {
        double sum = 0;
        for (const auto& [day, amount] : problem_->pots[pot].arrivals) {
            sum += day <= t ? amount : 0;
        }
        return sum;
    }
    [[nodiscard]] double spent_until(std::uint32_t pot, Day t) const {
        double sum = 0;
        for (const auto& [day, amount] : spent_[pot]) {
            sum += day <= t ? amount : 0;
        }
        return sum;
    }

    const Problem* problem_;
    std::vector<std::vector<std::int32_t>> used_;
    std::vector<std::vector<std::pair<Day, double>>> spent_;
};

/// The earliest placement of a job in one mode at or after `earliest`, or why there is none.
Placement place_in_mode(const Problem& problem, const Ledger& ledger, std::uint32_t job,
                        std::uint32_t m, Day earliest, Day duration) {
    const Job& j = problem.jobs[job];
    const Mode& mode = j.modes[m];
    for (const Demand& d : mode.demands) {
        if (d.units > problem.pools[d.pool].capacity) {
            return {.why = Unplaced::TooBigForPools};
        }
    }
    const bool pays = j.cost > 0;
    if (pays && j.pots.empty()) {
        return {.why = Unplaced::NobodyPays};
    }
    Day t = earliest;
    while (true) {
        if (problem.horizon != kNoDay && t + duration > problem.horizon) {
            return {.why = Unplaced::BeyondHorizon};
        }
        if (const Day c = duration > 0 ? ledger.clash(mode, t, duration) : kNoDay; c != kNoDay) {
            t = c + 1;
            continue;
        }
        if (!pays) {
            return {.start = t, .finish = t + duration, .mode = m};
        }
        for (const std::uint32_t pot : j.pots) {
            if (ledger.affords(pot, t, j.cost)) {
                return {.start = t, .finish = t + duration, .mode = m, .pot = pot};
            }
        }
        const Day next = ledger.next_money_event(j.pots, t);
        if (next == kNoDay) {
            return {.why = Unplaced::NobodyPays};
        }
        t = next;
    }
}

Placement place(const Problem& problem, const Ledger& ledger, const DurationScale& scale,
                std::uint32_t job, Day earliest) {
    const Job& j = problem.jobs[job];
    if (j.modes.empty()) {
        return {.why = Unplaced::NobodyCanDoIt};
    }
    Placement best{.why = Unplaced::TooBigForPools};
    for (std::uint32_t m = 0; m < j.modes.size(); ++m) {
        const Placement p = place_in_mode(problem, ledger, job, m, earliest,
                                          scaled_duration(problem, scale, job, m));
        if (p.placed() && (!best.placed() || p.finish < best.finish)) {
            best = p;
        } else if (!p.placed() && !best.placed() && p.why != Unplaced::TooBigForPools) {
            best = p; // a more telling reason than "too big"
        }
    }
    return best;
}

} // namespace

Schedule decode(const Problem& problem, std::span<const std::uint32_t> order,
                const DurationScale& scale) {
    const auto n = static_cast<std::uint32_t>(problem.jobs.size());
    if (order.size() != n) {
        throw Error(fmt::format("a priority list of {} jobs for {} jobs", order.size(), n));
    }
    std::vector<std::uint32_t> position(n, n);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (order[i] >= n || position[order[i]] != n) {
            throw Error("a priority list that is not an order of the jobs");
        }
        position[order[i]] = i;
    }
    std::vector<std::uint32_t> waiting(n, 0);
    std::vector<std::vector<std::uint32_t>> successors(n);
    for (std::uint32_t j = 0; j < n; ++j) {
        for (const std::uint32_t p : problem.jobs[j].predecessors) {
            successors[p].push_back(j);
            ++waiting[j];
        }
    }
    // Eligible jobs by their position in the list: the first eligible goes next.
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> eligible;
    for (std::uint32_t j = 0; j < n; ++j) {
        if (waiting[j] == 0) {
            eligible.push(position[j]);
        }
    }
    Schedule schedule;
    schedule.jobs.resize(n);
    Ledger ledger(problem);
    std::uint32_t decided = 0;
    while (!eligible.empty()) {
        const std::uint32_t job = order[eligible.top()];
        eligible.pop();
        ++decided;
        Day earliest = problem.jobs[job].release;
        bool blocked = false;
        for (const std::uint32_t p : problem.jobs[job].predecessors) {
            blocked = blocked || !schedule.jobs[p].placed();
            earliest = std::max(earliest, schedule.jobs[p].finish);
        }
        Placement& placed = schedule.jobs[job];
        placed = blocked ? Placement{.why = Unplaced::AfterUnplaced}
                         : place(problem, ledger, scale, job, earliest);
        if (placed.placed()) {
            ledger.commit(problem.jobs[job].modes[placed.mode], placed.start,
                          placed.finish - placed.start, placed.pot, problem.jobs[job].cost);
        }
        for (const std::uint32_t s : successors[job]) {
            if (--waiting[s] == 0) {
                eligible.push(position[s]);
            }
        }
    }
    if (decided != n) {
        (void)topological_order(problem); // names a job on the cycle
    }
    return schedule;
}

} // namespace dayafter::plan
