// How repair work is done and paid for: per kind of task the crew it needs, its work rate, its
// cost, its spread (rates are uncertain: a damage class is a coarse guess, mines are found as
// work goes on), the lead time before work starts and the funding windows that may pay for it;
// the planning currency and the rates that convert other currencies into it. The defaults carry
// their source (../shared/REFERENCE-FIGURES.md) or say ASSUMPTION; the configuration's "work"
// section (io/project_config.hpp) changes them per project.
//
//     const WorkRules rules = WorkRules::defaults();
//     rules.kind(TaskKind::ClearRubble).rate;   // m³ per crew-day
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dayafter::model {

enum class TaskKind : std::uint8_t {
    Demine,
    ClearRubble,
    TemporaryCrossing,
    RepairBridge,
    RepairBuilding,
    RestorePower,
    RestoreWater,
    RepairEquipment,
    Staff,
};
inline constexpr std::size_t kTaskKindCount = 9;
/// The key in configuration files and outputs: demine, clear_rubble, temporary_crossing, ...
[[nodiscard]] std::string_view to_string(TaskKind kind) noexcept;
[[nodiscard]] std::optional<TaskKind> parse_task_kind(std::string_view text) noexcept;
/// For people: "Clear mines", "Clear rubble", ...
[[nodiscard]] std::string_view task_title(TaskKind kind) noexcept;

/// Factors on a duration: a triangular distribution (low, most likely, high).
struct Spread {
    double low = 1;
    double mode = 1;
    double high = 1;
};

struct KindRule {
    /// Crews or machines by resource type, units per crew; empty: no crew (hiring staff).
    std::map<std::string, std::int32_t> crew;
    double rate = 0; // units of work per crew-day (m², m³, units); 0: `days` fixed
    double days = 0; // fixed duration when rate is 0
    double cost_per_unit = 0;
    double cost = 0;      // fixed cost per task
    double lead_days = 0; // procurement before work starts
    Spread spread;
    std::vector<std::string> windows; // funding windows that may pay
    std::string source;               // where the figures come from, or ASSUMPTION
};

/// A currency's value in the planning currency, on a date, from a source.
struct CurrencyRate {
    double rate = 0;
    std::string date;
    std::string source;
};

/// Repair of a facility's building by HeRAMS condition (A2 partially .. A4 fully damaged).
struct BuildingRepair {
    double days = 0;
    double cost = 0; // for a house-sized building; scaled by the facility's size factor
};

struct WorkRules {
    std::array<KindRule, kTaskKindCount> kinds;
    std::string currency = "USD";
    std::map<std::string, CurrencyRate> exchange_rates;
    /// Rubble with no volume: m³ at a point, and metres of depth over a footprint, per class.
    std::map<std::string, double> rubble_point_m3;
    std::map<std::string, double> rubble_depth_m;
    std::map<std::string, BuildingRepair> building; // by condition code A2, A3, A4
    std::map<std::string, double> size_factor;      // by facility type: hospital 20, ...
    std::map<std::string, double> salary_per_month; // by staff role; "default" for others
    std::map<std::string, double> equipment_cost;   // by equipment kind; "default" for others
    /// Work in an insecure area waits until this date (by the hazard's key); none: blocked.
    std::map<std::string, std::string> insecure_until;
    /// Weight of each service in the objective (1 when not given).
    std::map<std::string, double> service_weights;

    [[nodiscard]] const KindRule& kind(TaskKind k) const noexcept {
        return kinds[static_cast<std::size_t>(k)];
    }
    [[nodiscard]] KindRule& kind(TaskKind k) noexcept { return kinds[static_cast<std::size_t>(k)]; }
    /// An amount in `currency` in the planning currency. Throws InputError naming the currency
    /// when no rate is configured.
    [[nodiscard]] double to_planning(double amount, const std::string& currency,
                                     std::string_view what) const;
    [[nodiscard]] static WorkRules defaults();
};

} // namespace dayafter::model
