// A plan as JSON: what the project stores with it (store::StoredPlan) and what `dayafter plans
// --show N --json` prints. Both are deterministic for a plan (no times, no paths), so a rerun
// with the same inputs gives the same text.
//
//   summary   {"start", "horizon_days", "currency", "tasks", "scheduled", "services": [{"service",
//             "today", "day_7", "day_30", "day_90" (null past the horizon), "achievable"}],
//             "gain", "rules": [{"name", "gain"}], "findings": [{"task", "object", "what",
//             "held_back": {service: people}}], "money": [{"name", "available", "spent"}]}
//   schedule  one object per task, in task order: {"task" (title), "kind", "object", "start",
//             "finish" (days from the plan's start, null when not scheduled), "start_date",
//             "finish_date" (ISO, "" when not scheduled), "crew", "owner", "funder", "cost",
//             "status"}
//
//     const std::string text = report::plan_summary_json(plan).dump();
#pragma once

#include <nlohmann/json.hpp>

#include "dayafter/plan/planner.hpp"

namespace dayafter::report {

/// The plan's outcome: people with each service now, on days 7, 30 and 90 and once everything
/// that can be done is; the area under the curve against the rules; the findings with the people
/// they hold back; the money per pot.
[[nodiscard]] nlohmann::json plan_summary_json(const plan::Plan& plan);

/// The plan's tasks with when, by whom, paid by whom and their status.
[[nodiscard]] nlohmann::json plan_schedule_json(const plan::Plan& plan);

} // namespace dayafter::report
