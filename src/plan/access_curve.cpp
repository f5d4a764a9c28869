#include "dayafter/plan/access_curve.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "dayafter/access/session.hpp"

namespace dayafter::plan {

namespace {

/// What is open after some tasks are done: per edge entry of the task list, and per facility
/// that was down in the snapshot.
struct Openings {
    std::vector<bool> edges;
    std::vector<bool> facilities;
    bool operator==(const Openings&) const = default;
};

struct Step {
    Day day = 0;
    Openings open;
    std::vector<double> within;
};

} // namespace

struct AccessCurve::State {
    State(const snapshot::Snapshot& s, const TaskList& t, Day h)
        : snapshot(&s), tasks(&t), horizon(h), session(s, s.config().services) {
        for (std::size_t k = 0; k < session.service_count(); ++k) {
            const model::Service& service = s.config().services[k];
            names.push_back(service.name);
            const auto w = s.config().work.service_weights.find(service.name);
            weights.push_back(w == s.config().work.service_weights.end() ? 1.0 : w->second);
        }
        for (std::uint32_t i = 0; i < t.facilities.size(); ++i) {
            by_code[t.facilities[i].code] = i;
        }
        const std::vector<bool> none(t.tasks.size(), false);
        for (std::uint32_t i = 0; i < t.facilities.size(); ++i) {
            if (!functions(i, none)) {
                down.push_back(i);
            }
        }
        current = {std::vector<bool>(t.edge_tasks.size(), false),
                   std::vector<bool>(down.size(), false)};
        today = within();
    }

    [[nodiscard]] bool own_ok(std::uint32_t i, const std::vector<bool>& done) const {
        const FacilityNeeds& f = tasks->facilities[i];
        return f.own_ok ||
               (!f.own.empty() &&
                std::all_of(f.own.begin(), f.own.end(), [&](std::uint32_t t) { return done[t]; }));
    }
    [[nodiscard]] bool works(const std::string& code, const std::vector<bool>& done) const {
        const auto it = by_code.find(code);
        return it == by_code.end() || own_ok(it->second, done);
    }
    [[nodiscard]] bool functions(std::uint32_t i, const std::vector<bool>& done) const {
        const FacilityNeeds& f = tasks->facilities[i];
        const bool grid = f.substation.empty() || works(f.substation, done);
        const bool generator = f.generator_ok || (f.generator_task && done[*f.generator_task]);
        bool power = true;
        if (f.power_source == "grid") {
            power = grid;
        } else if (f.power_source == "generator") {
            power = generator;
        } else if (f.power_source == "grid+generator") {
            power = grid || generator;
        }
        const bool water = f.water_source != "network" || f.water_facility.empty() ||
                           works(f.water_facility, done);
        return own_ok(i, done) && power && water;
    }

    [[nodiscard]] Openings openings(const std::vector<bool>& done) const {
        Openings o{std::vector<bool>(tasks->edge_tasks.size(), false),
                   std::vector<bool>(down.size(), false)};
        for (std::size_t e = 0; e < tasks->edge_tasks.size(); ++e) {
            const auto& need = tasks->edge_tasks[e].second;
            o.edges[e] =
                std::all_of(need.begin(), need.end(), [&](std::uint32_t t) { return done[t]; });
        }
        for (std::size_t k = 0; k < down.size(); ++k) {
            o.facilities[k] = functions(down[k], done);
        }
        return o;
    }

    /// Moves the session to `target` by the difference from where it is.
    void move_to(const Openings& target) {
        snapshot::Overlay change;
        for (std::size_t e = 0; e < target.edges.size(); ++e) {
            if (target.edges[e] != current.edges[e]) {
                (target.edges[e] ? change.reopen_edges : change.restore_edges)
                    .push_back(tasks->edge_tasks[e].first);
            }
        }
        for (std::size_t k = 0; k < target.facilities.size(); ++k) {
            if (target.facilities[k] != current.facilities[k]) {
                (target.facilities[k] ? change.open_facilities : change.close_facilities)
                    .push_back(tasks->facilities[down[k]].facility);
            }
        }
        session.apply(change);
        current = target;
    }

    [[nodiscard]] std::vector<double> within() const {
        std::vector<double> out;
        for (std::size_t s = 0; s < session.service_count(); ++s) {
            out.push_back(session.within(s));
        }
        return out;
    }

    /// The states a schedule passes through, each on the day it is reached.
    [[nodiscard]] std::vector<Step> steps_of(const Schedule& schedule) const {
        std::vector<std::uint32_t> finished;
        for (std::uint32_t j = 0; j < schedule.jobs.size(); ++j) {
            if (schedule.jobs[j].placed() && schedule.jobs[j].finish < horizon) {
                finished.push_back(j);
            }
        }
        std::sort(finished.begin(), finished.end(), [&](std::uint32_t a, std::uint32_t b) {
            return schedule.jobs[a].finish < schedule.jobs[b].finish;
        });
        std::vector<Step> steps;
        std::vector<bool> done(tasks->tasks.size(), false);
        Openings last = current_initial();
        for (std::size_t i = 0; i < finished.size();) {
            const Day day = schedule.jobs[finished[i]].finish;
            for (; i < finished.size() && schedule.jobs[finished[i]].finish == day; ++i) {
                done[finished[i]] = true;
            }
            Openings now = openings(done);
            if (!(now == last)) {
                steps.push_back({day, now, {}});
                last = std::move(now);
            }
        }
        return steps;
    }

    [[nodiscard]] Openings current_initial() const {
        return {std::vector<bool>(tasks->edge_tasks.size(), false),
                std::vector<bool>(down.size(), false)};
    }

    /// Fills each step's people within, replaying only where the steps part from the cache.
    void replay(std::vector<Step>& steps) {
        std::size_t same = 0;
        while (same < steps.size() && same < cache.size() && steps[same].open == cache[same].open) {
            steps[same].within = cache[same].within;
            ++same;
        }
        move_to(same == 0 ? current_initial() : steps[same - 1].open);
        for (std::size_t k = same; k < steps.size(); ++k) {
            move_to(steps[k].open);
            steps[k].within = within();
        }
        cache = steps;
    }

    const snapshot::Snapshot* snapshot;
    const TaskList* tasks;
    Day horizon;
    access::AccessSession session;
    std::vector<std::string> names;
    std::vector<double> weights;
    std::vector<double> today;
    std::map<std::string, std::uint32_t> by_code;
    std::vector<std::uint32_t> down; // facilities (index into tasks->facilities) down today
    Openings current;
    std::vector<Step> cache;
};

AccessCurve::AccessCurve(const snapshot::Snapshot& snapshot, const TaskList& tasks, Day horizon)
    : state_(std::make_unique<State>(snapshot, tasks, horizon)) {}
AccessCurve::AccessCurve(AccessCurve&&) noexcept = default;
AccessCurve& AccessCurve::operator=(AccessCurve&&) noexcept = default;
AccessCurve::~AccessCurve() = default;

const std::vector<std::string>& AccessCurve::services() const noexcept {
    return state_->names;
}
const std::vector<double>& AccessCurve::weights() const noexcept {
    return state_->weights;
}
const std::vector<double>& AccessCurve::today() const noexcept {
    return state_->today;
}
const std::vector<model::Place>& AccessCurve::places() const noexcept {
    return state_->session.places();
}

double AccessCurve::gain(const Schedule& schedule) {
    std::vector<Step> steps = state_->steps_of(schedule);
    state_->replay(steps);
    double total = 0;
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const Day end = k + 1 < steps.size() ? steps[k + 1].day : state_->horizon;
        for (std::size_t s = 0; s < steps[k].within.size(); ++s) {
            total += state_->weights[s] * (steps[k].within[s] - state_->today[s]) *
                     static_cast<double>(end - steps[k].day);
        }
    }
    return total;
}

std::vector<std::vector<double>> AccessCurve::curve(const Schedule& schedule) {
    std::vector<Step> steps = state_->steps_of(schedule);
    state_->replay(steps);
    std::vector<std::vector<double>> out(state_->today.size());
    for (std::size_t s = 0; s < out.size(); ++s) {
        out[s].assign(static_cast<std::size_t>(state_->horizon), state_->today[s]);
        for (const Step& step : steps) {
            std::fill(out[s].begin() + step.day, out[s].end(), step.within[s]);
        }
    }
    return out;
}

std::vector<double> AccessCurve::within_when_done(const std::vector<bool>& done) {
    state_->cache.clear();
    state_->move_to(state_->openings(done));
    return state_->within();
}

std::vector<std::vector<bool>> AccessCurve::places_within(const std::vector<bool>& done) {
    std::vector<std::vector<bool>> out;
    for (std::size_t s = 0; s < state_->session.service_count(); ++s) {
        out.push_back(places_within(done, s));
    }
    return out;
}

std::vector<bool> AccessCurve::places_within(const std::vector<bool>& done, std::size_t service) {
    state_->cache.clear();
    state_->move_to(state_->openings(done));
    const access::ServiceAccess result = state_->session.result(service);
    std::vector<bool> within(result.places.size(), false);
    for (std::size_t p = 0; p < result.places.size(); ++p) {
        within[p] = result.places[p].reach == access::Reach::Within;
    }
    return within;
}

std::vector<FacilityId> AccessCurve::functioning_when_done(const std::vector<bool>& done) const {
    std::vector<FacilityId> out;
    for (std::uint32_t i = 0; i < state_->tasks->facilities.size(); ++i) {
        if (state_->functions(i, done)) {
            out.push_back(state_->tasks->facilities[i].facility);
        }
    }
    return out;
}

} // namespace dayafter::plan
