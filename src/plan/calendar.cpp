#include "dayafter/plan/calendar.hpp"

#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "dayafter/registry/registry.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::plan {
namespace {

using std::chrono::sys_days;

std::optional<sys_days> parse(const std::string& text) {
    const auto date = registry::parse_iso_date(text);
    if (!date) {
        return std::nullopt;
    }
    return sys_days(std::chrono::year{std::stoi(date->substr(0, 4))} /
                    std::chrono::month{static_cast<unsigned>(std::stoi(date->substr(5, 2)))} /
                    std::chrono::day{static_cast<unsigned>(std::stoi(date->substr(8, 2)))});
}

std::string format(sys_days day) {
    const std::chrono::year_month_day ymd{day};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

} // namespace

Day days_between(const std::string& from, const std::string& to, std::string_view what) {
    const auto a = parse(from);
    const auto b = parse(to);
    if (!a || !b) {
        throw InputError(fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", what, a ? to : from));
    }
    return static_cast<Day>((*b - *a).count());
}

std::string date_after(const std::string& start, Day days) {
    const auto day = parse(start);
    return day ? format(*day + std::chrono::days{days}) : "";
}

std::string today() {
    return format(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

} // namespace dayafter::plan
