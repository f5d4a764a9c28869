#include "dayafter/app/new_scenario.hpp"

#include <set>

#include <fmt/format.h>

#include "dayafter/io/scenario_file.hpp"
#include "dayafter/snapshot/scenario_overlay.hpp"
#include "dayafter/util/error.hpp"
#include "dayafter/util/text_file.hpp"

namespace dayafter::app {
namespace {

std::string listed(const std::set<std::string>& names, std::string_view none) {
    return names.empty() ? std::string(none) : fmt::format("{}", fmt::join(names, ", "));
}

/// Said with the option the user typed, rather than as a JSON path of a file not yet written.
void check_waterway(const snapshot::Snapshot& snapshot, const io::BridgesOver& p) {
    const model::Town& town = snapshot.town();
    std::set<std::string> crossed;
    for (const model::Bridge& bridge : town.bridges.raw()) {
        if (bridge.waterway.valid() && !town.waterways[bridge.waterway].name.empty()) {
            crossed.insert(town.waterways[bridge.waterway].name);
        }
    }
    if (!crossed.contains(p.waterway)) {
        throw InputError(fmt::format("--waterway: no bridge of the project crosses a waterway "
                                     "named '{}'; its bridges cross: {}",
                                     p.waterway, listed(crossed, "no named waterway")));
    }
}

void check_areas(const snapshot::Snapshot& snapshot, const io::Displace& p) {
    std::set<std::string> codes;
    for (const model::AdminArea& area : snapshot.reported().areas) {
        codes.insert(area.pcode);
    }
    for (const std::string& area : p.areas) {
        if (!codes.contains(area)) {
            throw InputError(fmt::format("--from: no admin area with P-code '{}' in the project "
                                         "(its areas: {})",
                                         area, listed(codes, "none loaded")));
        }
    }
}

void check_donor(const snapshot::Snapshot& snapshot, const io::DonorWithdraws& p) {
    std::set<std::string> donors;
    std::set<std::string> windows; // the donor's
    for (const model::Funding& line : snapshot.reported().funding) {
        donors.insert(line.donor);
        if (line.donor == p.donor) {
            windows.insert(line.window);
        }
    }
    if (!donors.contains(p.donor)) {
        throw InputError(fmt::format("--donor: no funding from '{}' in the project (donors: {})",
                                     p.donor, listed(donors, "no funding loaded")));
    }
    if (!p.window.empty() && !windows.contains(p.window)) {
        throw InputError(fmt::format("--window: {} funds nothing in the window '{}' (its "
                                     "windows: {})",
                                     p.donor, p.window, listed(windows, "none")));
    }
}

void check_parameters(const snapshot::Snapshot& snapshot, const io::TemplateParams& params) {
    if (const auto* p = std::get_if<io::BridgesOver>(&params)) {
        check_waterway(snapshot, *p);
    } else if (const auto* d = std::get_if<io::Displace>(&params)) {
        check_areas(snapshot, *d);
    } else if (const auto* w = std::get_if<io::DonorWithdraws>(&params)) {
        check_donor(snapshot, *w);
    }
}

void write(const nlohmann::ordered_json& document, const std::filesystem::path& out) {
    util::TextFile file(out);
    file.line(document.dump(2));
    file.commit();
}

} // namespace

std::vector<io::Utility> power_utilities(const snapshot::Snapshot& snapshot) {
    std::vector<io::Utility> utilities;
    for (const model::Facility& f : snapshot.town().facilities.raw()) {
        if (f.type == model::FacilityType::Substation ||
            f.type == model::FacilityType::PowerPlant) {
            utilities.push_back({f.code, f.name});
        }
    }
    return utilities;
}

NewScenarioAnswer new_scenario(const NewScenarioRequest& request) {
    io::TemplateParams params = request.params;
    NewScenarioAnswer answer;
    if (request.read.project.empty()) {
        if (std::holds_alternative<io::GridDown>(params)) {
            throw InputError("grid-down: give --project: the power utilities are the project's");
        }
        answer.document = io::scenario_from_template(params);
    } else {
        const snapshot::Snapshot snapshot = open_snapshot(request.read);
        if (auto* grid = std::get_if<io::GridDown>(&params)) {
            grid->utilities = power_utilities(snapshot);
        }
        check_parameters(snapshot, params);
        answer.document = io::scenario_from_template(params);
        // The same reading and overlay as compare: what passes here runs there.
        const std::string origin = request.out.empty() ? "(new scenario)" : request.out.string();
        const model::Scenario scenario =
            io::parse_scenario(nlohmann::json(answer.document), origin);
        (void)snapshot::scenario_overlay(snapshot, scenario);
    }
    answer.change_count = answer.document.at("changes").size();
    if (!request.out.empty()) {
        write(answer.document, request.out);
    }
    return answer;
}

} // namespace dayafter::app
