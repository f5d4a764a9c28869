#include "dayafter/snapshot/scenario_state.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>

#include "dayafter/util/error.hpp"

namespace dayafter::snapshot {
namespace {

using nlohmann::json;
using registry::Kind;

std::string days_later(const std::string& date, double days) {
    using namespace std::chrono;
    const int y = std::stoi(date.substr(0, 4));
    const auto m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
    const auto d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
    const sys_days later = sys_days{year{y} / month{m} / day{d}} +
                           std::chrono::days{static_cast<int>(std::ceil(days))};
    const year_month_day out{later};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(out.year()),
                       static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
}

class Writer {
public:
    Writer(const Snapshot& base, const model::Scenario& scenario, const ScenarioOverlay& overlay,
           const std::string& start)
        : base_(base), town_(base.town()), overlay_(overlay), start_(start),
          source_(fmt::format("scenario {}", scenario.name)) {
        result_.registry = base.registry();
    }

    ScenarioState write(const model::Scenario& scenario) {
        for (const model::PlacedChange& placed : scenario.changes) {
            std::visit([this, &placed](const auto& c) { apply(c, placed.origin); }, placed.change);
        }
        if (people_changed_) {
            write_places();
        }
        return std::move(result_);
    }

private:
    registry::Entry entry(json data) const {
        return {.data = std::move(data), .reported = start_, .source_file = source_};
    }

    void hazard(const std::string& key, json data) {
        data["source"] = source_;
        result_.registry.put(Kind::Hazards, key, entry(std::move(data)));
    }

    void apply(const model::RoadChange& c, const std::string& origin) {
        if (!c.block) {
            result_.notes.push_back(
                fmt::format("{}: roads reopened count for access only; the plan keeps the "
                            "registry's hazards on them",
                            origin));
            return;
        }
        if (!c.way) {
            hazard(fmt::format("scenario-{}", ++count_),
                   {{"kind", "insecure"}, {"name", origin}, {"geometry", c.polygon}});
            return;
        }
        json lines = json::array();
        for (EdgeId e{0}; e.value < town_.roads.edge_count(); ++e.value) {
            if (town_.roads.edge_osm_way[e] != *c.way) {
                continue;
            }
            json line = json::array();
            for (const geo::Coord p : town_.roads.geometry(e)) {
                line.push_back({p.lon(), p.lat()});
            }
            lines.push_back(std::move(line));
        }
        hazard(fmt::format("scenario-way-{}", *c.way),
               {{"kind", "rubble"},
                {"damage", "destroyed"},
                {"effect", "block"},
                {"osm_way", *c.way},
                {"name", fmt::format("Road blocked (OSM way {})", *c.way)},
                {"geometry", {{"type", "MultiLineString"}, {"coordinates", lines}}}});
    }

    void apply(const model::BridgeChange& c, const std::string&) {
        std::set<std::int64_t> ways = bridge_ways(town_, c);
        for (const model::Hazard& h : base_.reported().hazards) {
            if (h.kind == model::HazardKind::Bridge && h.destroyed && h.osm_way) {
                ways.erase(*h.osm_way); // already down: no second set of repairs
            }
        }
        for (const std::int64_t way : ways) {
            hazard(fmt::format("scenario-bridge-{}", way),
                   {{"kind", "bridge"},
                    {"osm_way", way},
                    {"state", "destroyed"},
                    {"name", c.waterway.empty()
                                 ? fmt::format("Bridge (OSM way {})", way)
                                 : fmt::format("Bridge over {} (OSM way {})", c.waterway, way)}});
        }
    }

    void facility_status(const std::string& code, json patch) {
        const registry::Entry* old = result_.registry.find(Kind::Facilities, code);
        json data = old != nullptr ? old->data : json::object();
        data.merge_patch(patch);
        result_.registry.put(Kind::Facilities, code, entry(std::move(data)));
    }

    void apply(const model::FacilityChange& c, const std::string&) {
        using A = model::FacilityChange::Action;
        switch (c.action) {
        case A::Destroy:
            facility_status(c.code, {{"functionality", "A3"}, {"damage", "A4"}});
            break;
        case A::Damage:
            facility_status(c.code, {{"functionality", "A3"}, {"damage", c.damage}});
            break;
        case A::Close:
            facility_status(c.code, {{"functionality", "A3"}});
            break;
        case A::Reopen:
            facility_status(c.code, {{"functionality", "A1"}, {"damage", nullptr}});
            break;
        }
    }

    void apply(const model::UtilityDown& c, const std::string&) {
        facility_status(c.code, {{"functionality", "A3"}});
    }

    void apply(const model::FacilityAdded& c, const std::string&) {
        json data = {{"added", true},           {"name", c.name.empty() ? c.code : c.name},
                     {"type", c.type},          {"lat", c.location.lat()},
                     {"lon", c.location.lon()}, {"functionality", "A1"},
                     {"source", source_}};
        if (c.capacity_people) {
            data["capacity_people"] = *c.capacity_people;
        }
        result_.registry.put(Kind::Facilities, c.code, entry(std::move(data)));
    }

    void apply(const model::PeopleMoved&, const std::string&) { people_changed_ = true; }
    void apply(const model::PeopleArrive&, const std::string&) { people_changed_ = true; }

    /// A gain is a new record; a loss takes units from the organisation's records of the type
    /// in key order, none below 0.
    void apply(const model::ResourcesChange& c, const std::string&) {
        if (c.count > 0) {
            result_.registry.put(Kind::Resources, fmt::format("scenario-{}", ++count_),
                                 entry({{"org", c.org}, {"type", c.type}, {"count", c.count}}));
            return;
        }
        std::int64_t left = -c.count;
        for (const auto& [key, e] : std::map(result_.registry.objects(Kind::Resources))) {
            if (left == 0 || e.data.value("org", "") != c.org ||
                e.data.value("type", "") != c.type) {
                continue;
            }
            const std::int64_t has = e.data.value("count", std::int64_t{0});
            const std::int64_t take = std::min(has, left);
            left -= take;
            json data = e.data;
            data["count"] = has - take;
            result_.registry.put(Kind::Resources, key, entry(std::move(data)));
        }
    }

    void apply(const model::FundingChange& c, const std::string&) {
        if (c.amount_added) {
            result_.registry.put(Kind::Funding, fmt::format("scenario-{}", ++count_),
                                 entry({{"donor", c.donor},
                                        {"window", c.window},
                                        {"amount", *c.amount_added},
                                        {"currency", c.currency}}));
            return;
        }
        for (const auto& [key, e] : std::map(result_.registry.objects(Kind::Funding))) {
            if (e.data.value("donor", "") != c.donor ||
                (!c.window.empty() && e.data.value("window", "") != c.window)) {
                continue;
            }
            json data = e.data;
            data["amount"] = e.data.value("amount", 0.0) * (1 - c.share_cut.value_or(1.0));
            result_.registry.put(Kind::Funding, key, entry(std::move(data)));
        }
    }

    /// What comes through the entry point starts `delay` days after it would have (and not
    /// before the plan's start), or is lost.
    void apply(const model::EntryClosed& c, const std::string&) {
        for (const auto& [key, e] : std::map(result_.registry.objects(Kind::Resources))) {
            if (e.data.value("entry_point", "") != c.name) {
                continue;
            }
            json data = e.data;
            if (c.delay_days) {
                const std::string from = std::max(e.data.value("start", start_), start_);
                data["start"] = days_later(from, *c.delay_days);
                if (data.contains("end") && data["end"].get<std::string>() < data["start"]) {
                    data["end"] = data["start"];
                }
            } else {
                data["count"] = 0;
            }
            result_.registry.put(Kind::Resources, key, entry(std::move(data)));
        }
    }

    /// Every place as a point with the people the overlay leaves there; admin areas stay.
    void write_places() {
        std::vector<std::string> counted;
        for (const auto& [key, e] : result_.registry.objects(Kind::Population)) {
            if (e.data.contains("population")) {
                counted.push_back(key);
            }
        }
        registry::Registry kept;
        for (std::size_t k = 0; k < registry::kKindCount; ++k) {
            const auto kind = registry::kKinds[k];
            for (const auto& [key, e] : result_.registry.objects(kind)) {
                if (kind != Kind::Population || !e.data.contains("population")) {
                    kept.put(kind, key, e);
                }
            }
        }
        result_.registry = std::move(kept);
        std::vector<model::Place> places = base_.population().places;
        for (const auto& [place, people] : overlay_.overlay.place_population) {
            places[place].population = people;
        }
        places.insert(places.end(), overlay_.overlay.add_places.begin(),
                      overlay_.overlay.add_places.end());
        for (std::size_t p = 0; p < places.size(); ++p) {
            result_.registry.put(Kind::Population, fmt::format("scenario-place-{}", p),
                                 entry({{"name", places[p].code},
                                        {"lat", places[p].location.lat()},
                                        {"lon", places[p].location.lon()},
                                        {"population", places[p].population}}));
        }
    }

    const Snapshot& base_;
    const model::Town& town_;
    const ScenarioOverlay& overlay_;
    std::string start_;
    std::string source_;
    bool people_changed_ = false;
    int count_ = 0;
    ScenarioState result_;
};

} // namespace

ScenarioState scenario_state(const Snapshot& base, const model::Scenario& scenario,
                             const ScenarioOverlay& overlay, const std::string& start) {
    return Writer(base, scenario, overlay, start).write(scenario);
}

} // namespace dayafter::snapshot
