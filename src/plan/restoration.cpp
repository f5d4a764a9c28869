#include "dayafter/plan/restoration.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include "dayafter/util/error.hpp"

namespace dayafter::plan {

Day restored_on(const Requirement& requirement, const Schedule& schedule) {
    Day first = kNoDay;
    for (const std::vector<std::uint32_t>& alternative : requirement.any_of) {
        Day done = 0;
        for (const std::uint32_t job : alternative) {
            DAYAFTER_ASSERT(job < schedule.jobs.size(), "a requirement names a job out of range");
            const Placement& p = schedule.jobs[job];
            if (!p.placed()) {
                done = kNoDay;
                break;
            }
            done = std::max(done, p.finish);
        }
        if (done != kNoDay && (first == kNoDay || done < first)) {
            first = done;
        }
    }
    return first;
}

double restoration_value(const std::vector<Requirement>& requirements, const Schedule& schedule,
                         Day horizon) {
    double value = 0;
    for (const Requirement& r : requirements) {
        const bool served_already =
            std::any_of(r.any_of.begin(), r.any_of.end(), [](const auto& a) { return a.empty(); });
        if (served_already) {
            continue;
        }
        const Day day = restored_on(r, schedule);
        if (day != kNoDay && day < horizon) {
            value += r.weight * static_cast<double>(horizon - day);
        }
    }
    return value;
}

namespace {

/// Drops the jobs of `done` one at a time, in index order, while the predicate still holds:
/// what is left is a minimal set, since the predicate is monotone.
std::vector<std::uint32_t> shrink(std::vector<bool> done,
                                  const std::function<bool(const std::vector<bool>&)>& restored) {
    std::vector<std::uint32_t> kept;
    for (std::uint32_t job = 0; job < done.size(); ++job) {
        if (!done[job]) {
            continue;
        }
        done[job] = false;
        if (!restored(done)) {
            done[job] = true;
            kept.push_back(job);
        }
    }
    return kept;
}

std::vector<bool> complement(const std::vector<bool>& excluded) {
    std::vector<bool> allowed(excluded.size());
    for (std::size_t job = 0; job < excluded.size(); ++job) {
        allowed[job] = !excluded[job];
    }
    return allowed;
}

} // namespace

// Every minimal set T is found: at a step whose left-out jobs avoid T, the set M found is T, or
// it has a job outside T (M is minimal, so M ⊄ T), and leaving that job out keeps avoiding T
// while growing the left-out set; so the branch ends at T.
std::vector<std::vector<std::uint32_t>>
minimal_sets(std::uint32_t job_count, const std::function<bool(const std::vector<bool>&)>& restored,
             std::size_t limit, bool* stopped_at_limit) {
    std::set<std::vector<std::uint32_t>> found;
    std::set<std::vector<bool>> tried;
    std::deque<std::vector<bool>> queue{std::vector<bool>(job_count, false)};
    tried.insert(queue.front());
    const std::size_t step_limit = limit * (static_cast<std::size_t>(job_count) + 1);
    std::size_t steps = 0;
    bool stopped = false;
    while (!queue.empty()) {
        if (found.size() >= limit || steps >= step_limit) {
            stopped = true;
            break;
        }
        ++steps;
        const std::vector<bool> excluded = std::move(queue.front());
        queue.pop_front();
        const std::vector<bool> allowed = complement(excluded);
        if (!restored(allowed)) {
            continue;
        }
        const std::vector<std::uint32_t> set = shrink(allowed, restored);
        found.insert(set);
        for (const std::uint32_t job : set) {
            std::vector<bool> next = excluded;
            next[job] = true;
            if (tried.insert(next).second) {
                queue.push_back(std::move(next));
            }
        }
    }
    if (stopped_at_limit != nullptr) {
        *stopped_at_limit = stopped;
    }
    return {found.begin(), found.end()};
}

} // namespace dayafter::plan
