#include "dayafter/model/work.hpp"

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::model {
namespace {

constexpr std::array<std::string_view, kTaskKindCount> kKeys = {
    "demine",        "clear_rubble",  "temporary_crossing", "repair_bridge", "repair_building",
    "restore_power", "restore_water", "repair_equipment",   "staff"};
constexpr std::array<std::string_view, kTaskKindCount> kTitles = {
    "Clear mines",   "Clear rubble",  "Temporary crossing", "Repair bridge", "Repair building",
    "Restore power", "Restore water", "Repair equipment",   "Staff"};

// Windows that may pay, after the Raqqa distinction: stabilization money pays for clearing,
// temporary crossings and basic power and water, not for rebuilding.
const std::vector<std::string> kStabilization = {"stabilization", "humanitarian"};
const std::vector<std::string> kRebuilding = {"reconstruction", "development"};

} // namespace

std::string_view to_string(TaskKind kind) noexcept {
    return kKeys[static_cast<std::size_t>(kind)];
}

std::optional<TaskKind> parse_task_kind(std::string_view text) noexcept {
    for (std::size_t k = 0; k < kKeys.size(); ++k) {
        if (kKeys[k] == text) {
            return static_cast<TaskKind>(k);
        }
    }
    return std::nullopt;
}

std::string_view task_title(TaskKind kind) noexcept {
    return kTitles[static_cast<std::size_t>(kind)];
}

double WorkRules::to_planning(double amount, const std::string& from, std::string_view what) const {
    if (from.empty() || from == currency) {
        return amount;
    }
    const auto rate = exchange_rates.find(from);
    if (rate == exchange_rates.end()) {
        throw InputError(
            fmt::format("{} is in {}, and the plan is in {} with no rate for {}: add "
                        "\"work\": {{\"exchange_rates\": {{\"{}\": {{\"rate\": ..., \"date\": ..., "
                        "\"source\": ...}}}}}} to the configuration",
                        what, from, currency, from, from));
    }
    return amount * rate->second.rate;
}

WorkRules WorkRules::defaults() {
    WorkRules w;
    // Per-team clearance productivity is not yet verified (REFERENCE-FIGURES "Unverified:
    // per-team clearance productivity"): 300 m² per team-day is an ASSUMPTION; the spread is
    // skewed long because mines are found as work goes on.
    w.kind(TaskKind::Demine) = {
        .crew = {{"demining_team", 1}},
        .rate = 300,
        .cost_per_unit = 5,
        .spread = {0.8, 1.0, 2.5},
        .windows = kStabilization,
        .source = "ASSUMPTION: 300 m²/team-day, 5 USD/m² (per-team productivity unverified, "
                  "REFERENCE-FIGURES)"};
    // Haul cost derived from ~250 M USD for ~8 M t of Mosul debris (REFERENCE-FIGURES B2:
    // 31 USD/t, paraphrased, low confidence) at 1.5 t/m³ (ASSUMPTION): ~47 USD/m³.
    w.kind(TaskKind::ClearRubble) = {
        .crew = {{"excavator", 1}, {"truck", 2}},
        .rate = 250,
        .cost_per_unit = 47,
        .spread = {0.7, 1.0, 1.8},
        .windows = kStabilization,
        .source = "rate ASSUMPTION 250 m³/excavator-day (plant productivity unverified); cost "
                  "derived 47 USD/m³ from Mosul haul estimate (REFERENCE-FIGURES B2)"};
    // A Medium Girder Bridge goes up in 2¾–4½ h (REFERENCE-FIGURES B4, quoted), approaches
    // excluded: 2 days with approaches and site work is an ASSUMPTION.
    w.kind(TaskKind::TemporaryCrossing) = {
        .crew = {{"bridging_unit", 1}},
        .days = 2,
        .cost = 150000,
        .spread = {0.8, 1.0, 2.0},
        .windows = kStabilization,
        .source = "MGB build 2.75-4.5 h (US Army TM 5-5420-212-10-1, REFERENCE-FIGURES B4) "
                  "plus approaches: 2 days ASSUMPTION; cost ASSUMPTION"};
    w.kind(TaskKind::RepairBridge) = {.crew = {{"engineering_unit", 1}},
                                      .days = 120,
                                      .cost = 2000000,
                                      .spread = {0.8, 1.0, 1.6},
                                      .windows = kRebuilding,
                                      .source = "ASSUMPTION: 120 days, 2 M USD"};
    w.kind(TaskKind::RepairBuilding) = {
        .crew = {{"engineering_unit", 1}},
        .spread = {0.8, 1.0, 1.7},
        .windows = kRebuilding,
        .source = "costs derived per house from the Nineveh Reconstruction Committee needs "
                  "assessment (REFERENCE-FIGURES B3); days and size factors ASSUMPTION"};
    w.kind(TaskKind::RestorePower) = {.crew = {{"electrical_crew", 1}},
                                      .days = 14,
                                      .cost = 50000,
                                      .lead_days = 7,
                                      .spread = {0.8, 1.0, 1.8},
                                      .windows = kStabilization,
                                      .source = "ASSUMPTION: substation repair 14 days after a "
                                                "week's procurement, 50,000 USD"};
    w.kind(TaskKind::RestoreWater) = {.crew = {{"water_crew", 1}},
                                      .days = 21,
                                      .cost = 80000,
                                      .lead_days = 7,
                                      .spread = {0.8, 1.0, 1.8},
                                      .windows = kStabilization,
                                      .source = "ASSUMPTION: works repair 21 days after a "
                                                "week's procurement, 80,000 USD"};
    // The supplier installs what it delivers: no crew of the registry is taken.
    w.kind(TaskKind::RepairEquipment) = {.days = 3,
                                         .lead_days = 30,
                                         .spread = {0.8, 1.0, 2.0},
                                         .windows = {"humanitarian", "development"},
                                         .source = "ASSUMPTION: 30 days to procure, 3 to install"};
    w.kind(TaskKind::Staff) = {.days = 30,
                               .spread = {0.7, 1.0, 2.0},
                               .windows = {"humanitarian", "development"},
                               .source = "ASSUMPTION: 30 days to recruit; salaries for the "
                                         "rest of the horizon"};
    // Debris per building is unverified (REFERENCE-FIGURES "Unverified: debris per building").
    w.rubble_point_m3 = {{"destroyed", 600}, {"severe", 300}, {"moderate", 60}, {"possible", 0}};
    w.rubble_depth_m = {{"destroyed", 1.5}, {"severe", 0.75}, {"moderate", 0.15}, {"possible", 0}};
    // Per-house reconstruction costs, Nineveh Plains 2017 (REFERENCE-FIGURES B3, derived):
    // destroyed ~64,800, burnt ~25,600, partially damaged ~7,400 USD.
    w.building = {{"A2", {.days = 20, .cost = 7400}},
                  {"A3", {.days = 60, .cost = 25600}},
                  {"A4", {.days = 180, .cost = 64800}}};
    w.size_factor = {{"hospital", 20},  {"clinic", 3},      {"doctors", 1},
                     {"school", 6},     {"bakery", 1},      {"water_point", 0.5},
                     {"substation", 4}, {"water_works", 8}, {"default", 2}};
    w.salary_per_month = {{"doctors", 1200}, {"nurses", 600}, {"default", 500}};
    w.equipment_cost = {{"dialysis", 15000}, {"default", 5000}};
    // ECB euro reference rate of mid-December 2017, about 1.18 USD per EUR: an ASSUMPTION to
    // check against the ECB's published series before use.
    w.exchange_rates = {
        {"EUR", {.rate = 1.18, .date = "2017-12-15", .source = "ASSUMPTION: about the ECB rate"}},
        {"GBP", {.rate = 1.33, .date = "2017-12-15", .source = "ASSUMPTION: about the BoE rate"}}};
    return w;
}

} // namespace dayafter::model
