#include "activity_list.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

namespace dayafter::plan::detail {
namespace {

Day shortest_duration(const Job& job) {
    Day shortest = 0;
    for (std::size_t m = 0; m < job.modes.size(); ++m) {
        shortest = m == 0 ? job.modes[m].duration : std::min(shortest, job.modes[m].duration);
    }
    return shortest;
}

/// How many jobs follow each job, directly or not, by bit sets filled in reverse topological
/// order (at 30 to 120 jobs a few words per job).
std::vector<std::uint32_t> count_total_successors(const Network& network, const Order& topo) {
    const std::size_t words = (network.size() + 63) / 64;
    std::vector<std::vector<std::uint64_t>> after(network.size(),
                                                  std::vector<std::uint64_t>(words, 0));
    std::vector<std::uint32_t> count(network.size(), 0);
    for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
        auto& bits = after[*it];
        for (const std::uint32_t s : network.successors[*it]) {
            bits[s / 64] |= std::uint64_t{1} << (s % 64);
            for (std::size_t w = 0; w < words; ++w) {
                bits[w] |= after[s][w];
            }
        }
        for (const std::uint64_t word : bits) {
            count[*it] += static_cast<std::uint32_t>(std::popcount(word));
        }
    }
    return count;
}

} // namespace

Network::Network(const Problem& problem)
    : successors(problem.jobs.size()), predecessors(problem.jobs.size()),
      duration(problem.jobs.size()), rank(problem.jobs.size()), reverse_rank(problem.jobs.size()),
      earliest_start(problem.jobs.size(), 0), latest_finish(problem.jobs.size(), 0) {
    const std::size_t n = problem.jobs.size();
    for (std::uint32_t j = 0; j < n; ++j) {
        predecessors[j] = problem.jobs[j].predecessors;
        for (const std::uint32_t p : predecessors[j]) {
            successors[p].push_back(j);
        }
        duration[j] = shortest_duration(problem.jobs[j]);
    }
    const Order topo = topological_order(problem);
    for (std::uint32_t i = 0; i < n; ++i) {
        rank[topo[i]] = i;
        reverse_rank[topo[i]] = static_cast<std::uint32_t>(n) - 1 - i;
    }
    for (const std::uint32_t j : topo) {
        earliest_start[j] = problem.jobs[j].release;
        for (const std::uint32_t p : predecessors[j]) {
            earliest_start[j] = std::max(earliest_start[j], earliest_start[p] + duration[p]);
        }
        critical_path = std::max(critical_path, earliest_start[j] + duration[j]);
    }
    // The tail after a job is the longest chain of durations that must follow it.
    std::vector<Day> tail(n, 0);
    for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
        for (const std::uint32_t s : successors[*it]) {
            tail[*it] = std::max(tail[*it], duration[s] + tail[s]);
        }
        latest_finish[*it] = critical_path - tail[*it];
    }
    total_successors = count_total_successors(*this, topo);
}

std::vector<double> priorities(const Network& network, Rule rule) {
    std::vector<double> value(network.size());
    for (std::size_t j = 0; j < network.size(); ++j) {
        switch (rule) {
        case Rule::LatestFinish:
            value[j] = network.latest_finish[j];
            break;
        case Rule::LatestStart:
            value[j] = network.latest_finish[j] - network.duration[j];
            break;
        case Rule::MostTotalSuccessors:
            value[j] = -static_cast<double>(network.total_successors[j]);
            break;
        case Rule::GreatestRankWeight: {
            Day weight = network.duration[j];
            for (const std::uint32_t s : network.successors[j]) {
                weight += network.duration[s];
            }
            value[j] = -static_cast<double>(weight);
            break;
        }
        }
    }
    return value;
}

namespace {

/// The index into `eligible` of the job to take next.
std::size_t choose(const Order& eligible, std::span<const double> priority, Rng* rng) {
    std::size_t best = 0;
    double worst_value = priority[eligible[0]];
    for (std::size_t i = 1; i < eligible.size(); ++i) {
        const double v = priority[eligible[i]];
        if (v < priority[eligible[best]] ||
            (v == priority[eligible[best]] && eligible[i] < eligible[best])) {
            best = i;
        }
        worst_value = std::max(worst_value, v);
    }
    if (rng == nullptr) {
        return best;
    }
    double total = 0;
    for (const std::uint32_t job : eligible) {
        total += worst_value - priority[job] + 1;
    }
    double draw = rng->unit() * total;
    for (std::size_t i = 0; i < eligible.size(); ++i) {
        draw -= worst_value - priority[eligible[i]] + 1;
        if (draw < 0) {
            return i;
        }
    }
    return eligible.size() - 1;
}

} // namespace

Order rule_order(const Network& network, std::span<const double> priority, Rng* rng) {
    std::vector<std::size_t> waiting(network.size());
    Order eligible;
    for (std::uint32_t j = 0; j < network.size(); ++j) {
        waiting[j] = network.predecessors[j].size();
        if (waiting[j] == 0) {
            eligible.push_back(j);
        }
    }
    Order order;
    order.reserve(network.size());
    while (!eligible.empty()) {
        const std::size_t pick = choose(eligible, priority, rng);
        const std::uint32_t job = eligible[pick];
        eligible.erase(eligible.begin() + static_cast<std::ptrdiff_t>(pick));
        order.push_back(job);
        for (const std::uint32_t s : network.successors[job]) {
            if (--waiting[s] == 0) {
                eligible.push_back(s);
            }
        }
    }
    return order;
}

Order crossover(const Order& mother, const Order& father, std::size_t first, std::size_t second) {
    std::vector<bool> taken(mother.size(), false);
    Order child;
    child.reserve(mother.size());
    auto take_from = [&](const Order& parent, std::size_t until) {
        for (std::size_t i = 0; i < parent.size() && child.size() < until; ++i) {
            if (!taken[parent[i]]) {
                taken[parent[i]] = true;
                child.push_back(parent[i]);
            }
        }
    };
    take_from(mother, first);
    take_from(father, second);
    take_from(mother, mother.size());
    return child;
}

void mutate(const Network& network, Order& order, double rate, Rng& rng) {
    for (std::size_t i = 0; i + 1 < order.size(); ++i) {
        if (rng.unit() >= rate) {
            continue;
        }
        const auto& after = network.successors[order[i]];
        if (std::find(after.begin(), after.end(), order[i + 1]) == after.end()) {
            std::swap(order[i], order[i + 1]);
        }
    }
}

void shift(const Network& network, Order& order, Rng& rng) {
    std::vector<std::size_t> position(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        position[order[i]] = i;
    }
    const std::size_t from = rng.below(order.size());
    const std::uint32_t job = order[from];
    std::size_t lowest = 0;
    for (const std::uint32_t p : network.predecessors[job]) {
        lowest = std::max(lowest, position[p] + 1);
    }
    std::size_t highest = order.size() - 1;
    for (const std::uint32_t s : network.successors[job]) {
        highest = std::min(highest, position[s] == 0 ? 0 : position[s] - 1);
    }
    if (highest < lowest) { // not in precedence order: leave it
        return;
    }
    const std::size_t to = lowest + rng.below(highest - lowest + 1);
    order.erase(order.begin() + static_cast<std::ptrdiff_t>(from));
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(to), job);
}

Order by_start(std::span<const std::uint32_t> rank, const Schedule& schedule) {
    Order order(schedule.jobs.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Day sa = schedule.jobs[a].start;
        const Day sb = schedule.jobs[b].start;
        return sa != sb ? sa < sb : rank[a] < rank[b];
    });
    return order;
}

Order by_finish_descending(std::span<const std::uint32_t> rank, const Schedule& schedule) {
    Order order(schedule.jobs.size());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Day fa = schedule.jobs[a].finish;
        const Day fb = schedule.jobs[b].finish;
        return fa != fb ? fa > fb : rank[a] < rank[b];
    });
    return order;
}

Problem reversed(const Problem& problem, const Network& network) {
    Problem back = problem;
    for (std::size_t j = 0; j < back.jobs.size(); ++j) {
        back.jobs[j].predecessors = network.successors[j];
        back.jobs[j].release = 0;
    }
    return back;
}

} // namespace dayafter::plan::detail
