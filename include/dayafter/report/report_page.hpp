// The report a planner reads (`dayafter report`): one HTML page that opens offline, made from the
// template built in web/report (MapLibre GL JS, d3 and Observable Plot inlined) and filled with
// the project's values as one JSON document, the contract of docs/report-data.md and
// docs/report-data.schema.json.
//
//     ReportInputs in{snapshot, places, results, status, owners, plan};
//     in.scenarios = ...;                          // app builds it from compare
//     const nlohmann::json data = report_data(in);
//     const std::string page = fill_report_page(report_page_template(), data);
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dayafter/access/service_access.hpp"
#include "dayafter/plan/planner.hpp"
#include "dayafter/report/registry_reports.hpp"
#include "dayafter/snapshot/snapshot.hpp"

namespace dayafter::report {

struct ReportInputs {
    const snapshot::Snapshot& snapshot;
    std::span<const model::Place> places;
    std::span<const access::ServiceAccess> results; // computed services; places follow `places`
    const StatusReport& status;
    const OwnersReport& owners;
    const plan::Plan& plan;
    /// {"baseline": NAME, "list": [...]} as the contract has it; empty list: no what-if given.
    nlohmann::json scenarios = {{"baseline", ""}, {"list", nlohmann::json::array()}};
    std::string town;              // as people call it
    std::string project;           // the project file's name
    std::string illustrative_note; // empty: said from the sources marked illustrative, if any
    std::string generated_at;      // UTC, ISO 8601
    std::string generated_by;      // "dayafter 0.1.0"
    std::string plan_method;       // how the plan was made, for its source line
};

/// The report's data (format "dayafter-report", version 1).
[[nodiscard]] nlohmann::json report_data(const ReportInputs& in);

/// The page with the data put in its one placeholder, every '<' of the JSON written as \u003c
/// so no text in it can end the script element it sits in. Throws StorageError when the
/// template does not hold the placeholder exactly once.
[[nodiscard]] std::string fill_report_page(std::string_view page_template,
                                           const nlohmann::json& data);

/// The template built from web/report when dayafter was built (embedded in the binary).
[[nodiscard]] std::string_view report_page_template();

} // namespace dayafter::report
