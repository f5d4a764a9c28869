#include "dayafter/io/scenario_templates.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

// Ordered, so that the file reads as written: name, description, then the changes, each with
// its "do" first.
using Json = nlohmann::ordered_json;

constexpr std::array<TemplateInfo, 5> kTemplates = {{
    {"bridges-over", "every bridge over a river destroyed",
     "dayafter scenario bridges-over --waterway 'Le Paillon' --project m.dayafter "
     "--out bridges.json"},
    {"displace", "a share of the people displaced to camps, or out of the project",
     "dayafter scenario displace --share 0.3 --from MC01,MC02 "
     "--camp 'Stade@43.7275,7.4150:0.6' --camp 'Port@43.7350,7.4230' --out displaced.json"},
    {"grid-down", "every power substation and power plant of the project down",
     "dayafter scenario grid-down --project m.dayafter --out grid.json"},
    {"entry-closed", "an entry point closed: what arrives through it delayed, or lost",
     "dayafter scenario entry-closed --name 'Menton crossing' --delay-days 14 "
     "--out entry.json"},
    {"donor-withdraws", "a donor's money withdrawn, all or a share, in one window or all",
     "dayafter scenario donor-withdraws --donor ECHO --share 0.5 --window humanitarian "
     "--out echo.json"},
}};

constexpr std::string_view kEditNote = "Edit freely: docs/scenarios.md lists every change.";

/// A share from 0 (excluded: nothing would change) to 1.
void check_share(double share, std::string_view option) {
    if (!std::isfinite(share) || share <= 0 || share > 1) {
        throw InputError(fmt::format(
            "{}: must be a share above 0 and at most 1 (0.3 is 30%), not {}", option, share));
    }
}

void check_name(const std::string& text, std::string_view option) {
    if (text.empty()) {
        throw InputError(fmt::format("{}: must not be empty", option));
    }
}

std::string percent(double share) {
    return fmt::format("{:g}%", share * 100);
}

Json document(std::string name, std::string description, Json changes) {
    return {{"name", std::move(name)},
            {"description", fmt::format("{} {}", description, kEditNote)},
            {"changes", std::move(changes)}};
}

Json make(const BridgesOver& p) {
    check_name(p.waterway, "--waterway");
    return document(fmt::format("bridges over {} destroyed", p.waterway),
                    fmt::format("Every bridge over {} destroyed.", p.waterway),
                    Json::array({{{"do", "destroy_bridges_over"}, {"waterway", p.waterway}}}));
}

/// The camps as to_camps: shares given kept, the rest split equally among the camps without
/// one; no share written at all when none was given (the reader then splits equally).
Json camps_of(const std::vector<CampSpec>& camps) {
    double given = 0;
    std::size_t without = 0;
    for (const CampSpec& camp : camps) {
        check_name(camp.name, "--camp");
        if (!(camp.lat >= -90 && camp.lat <= 90 && camp.lon >= -180 && camp.lon <= 180)) {
            throw InputError(fmt::format("--camp {}: latitude {} or longitude {} out of range",
                                         camp.name, camp.lat, camp.lon));
        }
        if (camp.share) {
            check_share(*camp.share, fmt::format("--camp {}", camp.name));
        }
        given += camp.share.value_or(0);
        without += camp.share ? 0 : 1;
    }
    const double rest = 1 - given;
    if ((without == 0 && std::abs(rest) > 1e-6) || (without > 0 && rest <= 1e-6)) {
        throw InputError(fmt::format("--camp: the camps' shares add up to {}{}; they must make 1",
                                     given, without > 0 ? " before the camps without one" : ""));
    }
    Json list = Json::array();
    for (const CampSpec& camp : camps) {
        Json entry = {{"name", camp.name}, {"lat", camp.lat}, {"lon", camp.lon}};
        if (without < camps.size()) {
            entry["share"] = camp.share.value_or(rest / double(without));
        }
        list.push_back(std::move(entry));
    }
    return list;
}

Json make(const Displace& p) {
    check_share(p.share, "--share");
    if (p.areas.empty()) {
        throw InputError("--from: give the P-code of at least one admin area");
    }
    Json changes = Json::array();
    const Json camps = p.camps.empty() ? Json() : camps_of(p.camps);
    std::vector<std::string> camp_names;
    for (const std::string& area : p.areas) {
        check_name(area, "--from");
        Json change = {{"do", "move_people"}, {"area", area}, {"share", p.share}};
        if (!camps.is_null()) {
            change["to_camps"] = camps;
        }
        changes.push_back(std::move(change));
    }
    for (const CampSpec& camp : p.camps) {
        camp_names.push_back(camp.name);
    }
    const std::string where = p.camps.empty()
                                  ? "leave the project"
                                  : fmt::format("go to {}", fmt::join(camp_names, ", "));
    const std::string areas = fmt::format("{}", fmt::join(p.areas, ", "));
    return document(fmt::format("{} of {} displaced", percent(p.share), areas),
                    fmt::format("{} of the people of {} {}.", percent(p.share), areas, where),
                    std::move(changes));
}

Json make(const GridDown& p) {
    if (p.utilities.empty()) {
        throw InputError("grid-down: the project has no power substation or power plant");
    }
    Json changes = Json::array();
    std::vector<std::string> named;
    for (const Utility& u : p.utilities) {
        changes.push_back({{"do", "utility_down"}, {"code", u.code}});
        named.push_back(u.name.empty() ? u.code : fmt::format("{} ({})", u.code, u.name));
    }
    return document("power grid down",
                    fmt::format("Every power substation and power plant down: {}; with each, the "
                                "facilities it powers without a working generator.",
                                fmt::join(named, ", ")),
                    std::move(changes));
}

Json make(const EntryClosed& p) {
    check_name(p.name, "--name");
    Json change = {{"do", "close_entry_point"}, {"name", p.name}};
    std::string fate = "lost";
    if (p.delay_days) {
        if (!std::isfinite(*p.delay_days) || *p.delay_days < 0 || *p.delay_days > 3650) {
            throw InputError(
                fmt::format("--delay-days: must be from 0 to 3650 days, not {}", *p.delay_days));
        }
        change["delay_days"] = *p.delay_days;
        fate = fmt::format("delayed by {:g} days", *p.delay_days);
    }
    return document(
        fmt::format("{} closed", p.name),
        fmt::format("The entry point {} closed: what arrives through it is {}.", p.name, fate),
        Json::array({std::move(change)}));
}

Json make(const DonorWithdraws& p) {
    check_name(p.donor, "--donor");
    check_share(p.share, "--share");
    Json change = {{"do", "cut_funding"}, {"donor", p.donor}, {"share", p.share}};
    if (!p.window.empty()) {
        change["window"] = p.window;
    }
    const std::string lines =
        p.window.empty() ? "every funding line" : fmt::format("the {} funding lines", p.window);
    const std::string part = p.share == 1 ? "all its money" : percent(p.share);
    return document(fmt::format("{} withdraws {}", p.donor, part),
                    fmt::format("{} withdraws {} of {}.", p.donor, percent(p.share), lines),
                    Json::array({std::move(change)}));
}

std::optional<double> number(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

} // namespace

nlohmann::ordered_json scenario_from_template(const TemplateParams& params) {
    return std::visit([](const auto& p) { return make(p); }, params);
}

CampSpec parse_camp(std::string_view text) {
    const auto bad = [&] {
        return InputError(fmt::format("--camp '{}': expected NAME@LAT,LON or NAME@LAT,LON:SHARE, "
                                      "e.g. 'Stade@43.7275,7.4150:0.5'",
                                      text));
    };
    // The name may hold anything but '@'; what follows the last '@' is the place.
    const std::size_t at = text.rfind('@');
    const std::size_t comma = text.find(',', at == std::string_view::npos ? 0 : at);
    if (at == std::string_view::npos || at == 0 || comma == std::string_view::npos) {
        throw bad();
    }
    const std::size_t colon = text.find(':', comma);
    const auto lat = number(text.substr(at + 1, comma - at - 1));
    const auto lon = number(text.substr(
        comma + 1, colon == std::string_view::npos ? std::string_view::npos : colon - comma - 1));
    std::optional<double> share;
    if (colon != std::string_view::npos) {
        share = number(text.substr(colon + 1));
        if (!share) {
            throw bad();
        }
    }
    if (!lat || !lon) {
        throw bad();
    }
    return {std::string(text.substr(0, at)), *lat, *lon, share};
}

std::span<const TemplateInfo> scenario_templates() {
    return kTemplates;
}

} // namespace dayafter::io
