// Files of a plan, for spreadsheets, HDX and QGIS:
//
//   schedule.csv    one row per task, with an HXL hashtag row: task, kind, place (object), lat,
//                   lon, start, end (days from the plan's start and ISO dates), crew, owner,
//                   funder, cost, currency, status (planned, or why not)
//   curve.csv       one row per day: day, date, then per service the people within its threshold
//                   (and the P10/P50/P90 bands when the plan was sampled)
//   tasks.geojson   the tasks as points (RFC 7946), with the same fields
//
// Text cells are quoted as RFC 4180 says. Every file is written beside its name and moved into
// place.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "dayafter/plan/planner.hpp"

namespace dayafter::report {

/// Per task, who does it: the organisation of the crew the schedule uses ("" when none).
[[nodiscard]] std::string crew_of(const plan::Plan& plan, std::uint32_t task);

/// Per task, its status: planned, under way or done (3W), or why it is not scheduled.
[[nodiscard]] std::string task_status(const plan::Plan& plan, std::uint32_t task);

/// Writes the three files into `folder` (created if missing); returns their paths.
std::vector<std::filesystem::path> write_plan_files(const plan::Plan& plan,
                                                    const std::filesystem::path& folder);

} // namespace dayafter::report
