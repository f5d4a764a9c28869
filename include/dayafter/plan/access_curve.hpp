// How many people have each service, day by day, as a schedule's tasks finish: the restoration
// curve, and its area (the planner's objective). Built on one AccessSession: each step of a
// schedule (the tasks finished by a day) is an overlay of the edges that open and the facilities
// that function again, applied incrementally; a new schedule reuses the steps it shares with the
// one scored before (same states in the same order) and only replays where they part.
//
//     AccessCurve curve(snapshot, tasks, 180);
//     const double gained = curve.gain(schedule);       // weighted people-days above today
//     const auto days = curve.curve(schedule);          // per service, people within per day
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dayafter/plan/schedule.hpp"
#include "dayafter/plan/tasks.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::plan {

class AccessCurve {
public:
    AccessCurve(const snapshot::Snapshot& snapshot, const TaskList& tasks, Day horizon);
    AccessCurve(AccessCurve&&) noexcept;
    AccessCurve& operator=(AccessCurve&&) noexcept;
    ~AccessCurve();

    [[nodiscard]] const std::vector<std::string>& services() const noexcept;
    [[nodiscard]] const std::vector<double>& weights() const noexcept;
    /// People within each service's threshold today (nothing done).
    [[nodiscard]] const std::vector<double>& today() const noexcept;
    /// Σ over services of weight × Σ over days d < horizon of (people within on day d − today).
    /// A task finishing at f counts from day f on.
    [[nodiscard]] double gain(const Schedule& schedule);
    /// Per service, per day 0 .. horizon-1, the people within.
    [[nodiscard]] std::vector<std::vector<double>> curve(const Schedule& schedule);
    /// People within per service once exactly the tasks marked are done.
    [[nodiscard]] std::vector<double> within_when_done(const std::vector<bool>& done);
    /// Per service, per place, whether it is within the threshold once the tasks marked are done.
    [[nodiscard]] std::vector<std::vector<bool>> places_within(const std::vector<bool>& done);
    /// The same for one service.
    [[nodiscard]] std::vector<bool> places_within(const std::vector<bool>& done,
                                                  std::size_t service);
    /// Whether each facility functions once the tasks marked are done (the snapshot's rule).
    [[nodiscard]] std::vector<FacilityId>
    functioning_when_done(const std::vector<bool>& done) const;
    /// The places people live at, in the order places_within() gives them.
    [[nodiscard]] const std::vector<model::Place>& places() const noexcept;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace dayafter::plan
