// Days of a plan and the dates people read: day 0 is the plan's start date (ISO YYYY-MM-DD).
//
//     days_between("2017-12-15", "2018-01-01", "funding F-01") == 17;
//     date_after("2017-12-15", 17) == "2018-01-01";
#pragma once

#include <string>
#include <string_view>

#include "dayafter/plan/schedule.hpp"

namespace dayafter::plan {

/// Days from `from` to `to`; throws InputError naming `what` for a malformed date.
[[nodiscard]] Day days_between(const std::string& from, const std::string& to,
                               std::string_view what);

/// The ISO date `days` after `start`; empty when `start` is not a date.
[[nodiscard]] std::string date_after(const std::string& start, Day days);

/// Today's date (UTC).
[[nodiscard]] std::string today();

} // namespace dayafter::plan
