#include "dayafter/report/report_page.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "dayafter/report/json.hpp"
#include "dayafter/report/plan_json.hpp"
#include "dayafter/util/error.hpp"
#include "report_map.hpp"

namespace dayafter::report {
namespace {

using nlohmann::json;

constexpr std::string_view kPlaceholder = "@@DAYAFTER_REPORT_DATA@@";

json services_json(std::span<const access::ServiceAccess> results) {
    json out = json::array();
    for (const access::ServiceAccess& r : results) {
        const bool time = r.service.measure == model::Measure::Time;
        out.push_back({{"name", r.service.name},
                       {"mode", graph::to_string(r.mode)},
                       {"measure", time ? "time" : "distance"},
                       {"threshold", time ? r.service.threshold / 60 : r.service.threshold},
                       {"unit", time ? "min" : "m"},
                       {"source", r.service.threshold_source}});
    }
    return out;
}

json people_per_service(const plan::Plan& plan, const std::vector<double>& people) {
    json out = json::object();
    for (std::size_t s = 0; s < plan.services.size() && s < people.size(); ++s) {
        out[plan.services[s]] = rounded(people[s], 10);
    }
    return out;
}

std::string slug(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out;
}

json curves_json(const plan::Plan& plan) {
    json rules = json::array({{{"id", "plan"}, {"label", "this plan"}, {"gain", plan.gain}}});
    json series = json::array();
    auto add_series = [&](const std::string& id, const std::vector<std::vector<double>>& curve) {
        for (std::size_t s = 0; s < plan.services.size() && s < curve.size(); ++s) {
            json people = json::array();
            for (const double p : curve[s]) {
                people.push_back(rounded(p, 10));
            }
            series.push_back(
                {{"service", plan.services[s]}, {"rule", id}, {"people", std::move(people)}});
        }
    };
    add_series("plan", plan.curve);
    for (const plan::RuleResult& rule : plan.rules) {
        rules.push_back({{"id", slug(rule.name)}, {"label", rule.name}, {"gain", rule.gain}});
        add_series(slug(rule.name), rule.curve);
    }
    return {{"rules", std::move(rules)}, {"series", std::move(series)}};
}

json schedule_json(const plan::Plan& plan) {
    std::map<std::uint32_t, const plan::Finding*> finding_of;
    for (const plan::Finding& f : plan.findings) {
        finding_of[f.task] = &f;
    }
    json tasks = plan_schedule_json(plan);
    for (std::uint32_t t = 0; t < tasks.size(); ++t) {
        const auto found = finding_of.find(t);
        tasks[t]["held_back"] = found == finding_of.end()
                                    ? json::object()
                                    : people_per_service(plan, found->second->held_back);
        tasks[t]["cost"] = std::round(tasks[t]["cost"].get<double>());
    }
    return {{"tasks", std::move(tasks)}};
}

json findings_json(const plan::Plan& plan) {
    json out = json::array();
    for (const plan::Finding& f : plan.findings) {
        const plan::Task& task = plan.tasks.tasks[f.task];
        out.push_back({{"task", task.title},
                       {"object", task.object},
                       {"what", f.what},
                       {"held_back", people_per_service(plan, f.held_back)},
                       {"no_owner", f.no_owner},
                       {"no_funder", f.no_funder}});
    }
    return out;
}

json money_json(const plan::Plan& plan) {
    json lines = json::array();
    for (const plan::PotUse& m : plan.money) {
        lines.push_back({{"funder", m.funder},
                         {"window", m.window},
                         {"line", m.line},
                         {"available", std::round(m.available)},
                         {"spent", std::round(m.spent)}});
    }
    std::map<std::string, double> by_kind;
    for (std::uint32_t t = 0; t < plan.tasks.tasks.size(); ++t) {
        if (plan.schedule.jobs[t].why == plan::Unplaced::NobodyPays) {
            by_kind[std::string(model::to_string(plan.tasks.tasks[t].kind))] +=
                plan.tasks.tasks[t].cost;
        }
    }
    json unpaid = json::array();
    for (const auto& [kind, amount] : by_kind) {
        unpaid.push_back({{"kind", kind}, {"amount", std::round(amount)}});
    }
    return {{"lines", std::move(lines)}, {"unpaid", std::move(unpaid)}};
}

json headline_json(const plan::Plan& plan) {
    json services = json::array();
    const json summary = plan_summary_json(plan); // kept: the loop reads into it
    for (const json& s : summary["services"]) {
        services.push_back({{"service", s["service"]},
                            {"now", s["today"]},
                            {"day_30", s["day_30"]},
                            {"day_90", s["day_90"]},
                            {"achievable", s["achievable"]}});
    }
    const auto open =
        std::count_if(plan.findings.begin(), plan.findings.end(),
                      [](const plan::Finding& f) { return f.no_owner || f.no_funder; });
    return {{"services", std::move(services)},
            {"unowned_or_unfunded",
             {{"tasks", open},
              {"held_back", people_per_service(plan, plan.held_back_unowned_or_unfunded)}}}};
}

/// Per registry kind, the sources its records name and the latest date they report on.
struct KindSources {
    std::set<std::string> sources;
    std::string latest;
};

KindSources sources_of(const registry::Registry& registry, registry::Kind kind) {
    KindSources out;
    for (const auto& [key, entry] : registry.objects(kind)) {
        const std::string source = text_of(entry.data.value("source", json()));
        out.sources.insert(source.empty() ? entry.source_file : source);
        out.latest = std::max(out.latest, entry.reported);
    }
    return out;
}

std::string joined(const std::set<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : "; ") + item;
    }
    return out;
}

bool is_illustrative(const std::string& source) {
    std::string lower;
    for (const char c : source.substr(0, 12)) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower.starts_with("illustrative");
}

json sources_json(const ReportInputs& in, std::set<std::string>& illustrative) {
    const registry::Registry& registry = in.snapshot.registry();
    const model::SourceInfo& osm = in.snapshot.town().source;
    const std::string day0 = in.plan.start;
    json out = json::array();
    auto add = [&](const char* figure, const std::string& what, const std::string& source,
                   const std::string& date) {
        if (!source.empty()) {
            out.push_back({{"figure", figure}, {"what", what}, {"source", source}, {"date", date}});
        }
    };
    auto add_kind = [&](const char* figure, const std::string& what, registry::Kind kind) {
        const KindSources k = sources_of(registry, kind);
        for (const std::string& s : k.sources) {
            if (is_illustrative(s)) {
                illustrative.insert(s);
            }
        }
        add(figure, what, joined(k.sources), k.latest.empty() ? day0 : k.latest);
    };
    const std::string osm_date = osm.osm_timestamp.empty() ? day0 : osm.osm_timestamp.substr(0, 10);
    add("map", "roads",
        fmt::format("OpenStreetMap extract {} (© OpenStreetMap contributors, ODbL)", osm.file_name),
        osm_date);
    add("headline", "people within", "dayafter plan over the damaged roads", day0);
    for (const access::ServiceAccess& r : in.results) {
        add("headline", r.service.name + " threshold", r.service.threshold_source, day0);
    }
    add_kind("headline", "population", registry::Kind::Population);
    add_kind("map", "hazards", registry::Kind::Hazards);
    add_kind("map", "facility status", registry::Kind::Facilities);
    add("curves", "restoration curves", in.plan_method, day0);
    add_kind("schedule", "crews and machines", registry::Kind::Resources);
    add_kind("schedule", "work under way (3W)", registry::Kind::Activities);
    add_kind("facilities", "status and causes", registry::Kind::Facilities);
    add("single_points_of_failure", "single roads and supplies",
        "dayafter status over the damaged roads", in.snapshot.as_of().value_or(day0));
    add_kind("owners", "organisations", registry::Kind::Orgs);
    add("findings", "work without owner or funder", "dayafter plan", day0);
    add_kind("money", "funding lines", registry::Kind::Funding);
    if (!in.scenarios["list"].empty()) {
        std::set<std::string> files;
        for (const json& s : in.scenarios["list"]) {
            files.insert(text_of(s["file"]));
        }
        add("scenarios", "what-ifs", "dayafter compare: " + joined(files), day0);
    }
    return out;
}

} // namespace

json report_data(const ReportInputs& in) {
    const snapshot::Snapshot& snapshot = in.snapshot;
    json map = report_map(snapshot, in.status, in.places, in.results);
    std::set<std::string> illustrative;
    json sources = sources_json(in, illustrative);
    std::string note = in.illustrative_note;
    if (note.empty() && !illustrative.empty()) {
        note = fmt::format("Illustrative data: the files loaded say so ({}). What they report did "
                           "not happen; only the roads and the map come from OpenStreetMap.",
                           joined(illustrative));
    }
    const json status = status_json(snapshot, in.status, std::nullopt);
    const json owners = owners_json(in.owners);
    double population = 0;
    for (const model::Place& p : in.places) {
        population += p.population;
    }
    return {{"format", "dayafter-report"},
            {"format_version", 1},
            {"meta",
             {{"town", in.town},
              {"project", in.project},
              {"as_of", snapshot.as_of().value_or(in.plan.start)},
              {"day0", in.plan.start},
              {"horizon_days", in.plan.curve.empty() ? 0 : in.plan.curve.front().size()},
              {"currency", in.plan.tasks.currency},
              {"population_total", rounded(population, 1)},
              {"illustrative", !note.empty()},
              {"illustrative_note", note},
              {"generated_at", in.generated_at},
              {"generated_by", in.generated_by},
              {"road_data", "© OpenStreetMap contributors, ODbL"}}},
            {"services", services_json(in.results)},
            {"headline", headline_json(in.plan)},
            {"map", std::move(map)},
            {"curves", curves_json(in.plan)},
            {"schedule", schedule_json(in.plan)},
            {"tables",
             {{"status_by_service", status["services"]},
              {"single_points_of_failure", status["single_points_of_failure"]},
              {"owners", owners["orgs"]},
              {"findings", findings_json(in.plan)},
              {"money", money_json(in.plan)}}},
            {"scenarios", in.scenarios},
            {"sources", std::move(sources)}};
}

std::string fill_report_page(std::string_view page_template, const json& data) {
    const std::size_t at = page_template.find(kPlaceholder);
    if (at == std::string_view::npos ||
        page_template.find(kPlaceholder, at + 1) != std::string_view::npos) {
        throw StorageError("the report template must hold its data placeholder exactly once; "
                           "rebuild dayafter (web/report)");
    }
    const std::string text = data.dump();
    std::string page;
    page.reserve(page_template.size() + text.size() + text.size() / 64);
    page.append(page_template.substr(0, at));
    for (const char c : text) {
        if (c == '<') {
            page.append("\\u003c");
        } else {
            page.push_back(c);
        }
    }
    page.append(page_template.substr(at + kPlaceholder.size()));
    return page;
}

} // namespace dayafter::report
