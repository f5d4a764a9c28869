#include "dayafter/snapshot/population.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "dayafter/geo/geojson_shape.hpp"
#include "dayafter/util/text.hpp"

namespace dayafter::snapshot {
namespace {

/// An admin area with a loaded count, and the places of the density estimate it gets.
struct CountedArea {
    const model::AdminArea* area = nullptr;
    geo::Shape shape;
    double count = 0;        // every group's count
    double in_sub_areas = 0; // the counts of its counted sub-areas
    std::vector<std::uint32_t> places;
    double weight = 0; // their people by the densities
};

/// The P-code of the most detailed admin level a point names; empty when it names none.
std::string deepest_code(const model::AdminCodes& adm) {
    for (auto code = adm.rbegin(); code != adm.rend(); ++code) {
        if (!code->empty()) {
            return *code;
        }
    }
    return {};
}

class Spreader {
public:
    Spreader(const model::Town& town, const Reported& reported, std::vector<std::string>& notes)
        : notes_(notes),
          projection_(town.roads.node_coord.empty() ? 0.0 : town.roads.node_coord[NodeId{0}].lat()),
          builder_(projection_) {
        for (const model::AdminArea& area : reported.areas) {
            by_pcode_[area.pcode] = &area;
        }
        // Summed over groups first: residents and displaced counted in one area share its places.
        std::map<std::string, double> counts;
        for (const model::AreaCount& count : reported.area_counts) {
            counts[count.pcode] += count.population;
        }
        for (const auto& [pcode, count] : counts) {
            add_area(pcode, count);
        }
        count_sub_areas();
    }

    void spread(const model::PopulationEstimate& weights, model::PopulationEstimate& out) {
        std::size_t outside = 0;
        for (std::uint32_t p = 0; p < weights.places.size(); ++p) {
            const model::Place& place = weights.places[p];
            if (CountedArea* area = deepest_area(place.location)) {
                area->places.push_back(p);
                area->weight += place.population;
            } else {
                ++outside;
            }
        }
        for (const CountedArea& area : areas_) {
            place_people(area, weights, out);
        }
        if (outside > 0 && !weights.places.empty()) {
            notes_.push_back(fmt::format(
                "{} of {} {} lie in no admin area with a loaded count and hold nobody: loaded "
                "area counts replace the estimate",
                util::grouped_count(static_cast<double>(outside)),
                util::grouped_count(static_cast<double>(weights.places.size())),
                model::to_string(weights.source)));
        }
    }

private:
    void add_area(const std::string& pcode, double count) {
        const auto found = by_pcode_.find(pcode);
        if (found == by_pcode_.end()) {
            // The load checks the area exists; an earlier --as-of than the areas' date gets here.
            notes_.push_back(fmt::format("{} people counted in {} are left out: no admin area {} "
                                         "at this date",
                                         util::grouped_count(count), pcode, pcode));
            return;
        }
        index_[pcode] = areas_.size();
        areas_.push_back({found->second, builder_.build(found->second->geometry), count});
    }

    /// Each counted area's count goes to its nearest counted ancestor's sub-area total.
    void count_sub_areas() {
        for (const CountedArea& area : areas_) {
            std::string parent = area.area->parent;
            // Levels run 1 to 4: four steps reach the top even through a broken parent chain.
            for (int step = 0; step < 4 && !parent.empty(); ++step) {
                if (const auto counted = index_.find(parent); counted != index_.end()) {
                    areas_[counted->second].in_sub_areas += area.count;
                    break;
                }
                const auto up = by_pcode_.find(parent);
                parent = up == by_pcode_.end() ? std::string() : up->second->parent;
            }
        }
    }

    /// The most detailed counted area the position lies in (the first by P-code among equals).
    CountedArea* deepest_area(geo::Coord location) {
        const geo::XY at = builder_.at(location);
        CountedArea* best = nullptr;
        for (CountedArea& area : areas_) {
            if ((best == nullptr || area.area->level > best->area->level) &&
                geo::covers(area.shape, at)) {
                best = &area;
            }
        }
        return best;
    }

    void place_people(const CountedArea& area, const model::PopulationEstimate& weights,
                      model::PopulationEstimate& out) {
        const std::string& pcode = area.area->pcode;
        double own = area.count - area.in_sub_areas;
        if (own < 0) {
            notes_.push_back(fmt::format("the counts of {}'s sub-areas ({}) are more than its "
                                         "own ({}): its places outside them hold nobody",
                                         pcode, util::grouped_count(area.in_sub_areas),
                                         util::grouped_count(area.count)));
            own = 0;
        }
        if (own == 0) {
            return;
        }
        if (area.weight > 0) {
            for (const std::uint32_t p : area.places) {
                const model::Place& place = weights.places[p];
                out.places.push_back(
                    {place.code, place.location, own * place.population / area.weight, pcode});
                out.total += out.places.back().population;
            }
            return;
        }
        const auto point = geo::representative_point(area.shape);
        if (!point) {
            notes_.push_back(fmt::format("{} people counted in {} are left out: the area has "
                                         "no polygon",
                                         util::grouped_count(own), pcode));
            return;
        }
        // So that nobody counted is lost: the area's people wait at one point for buildings.
        out.places.push_back(
            {"area:" + pcode, projection_.unproject(point->x(), point->y()), own, pcode});
        out.total += own;
        notes_.push_back(fmt::format("no {} in {}: its {} people are placed at one point, the "
                                     "area's centroid (or a point on its surface)",
                                     model::to_string(weights.source), pcode,
                                     util::grouped_count(own)));
    }

    std::vector<std::string>& notes_;
    geo::LocalProjection projection_;
    geo::ShapeBuilder builder_;
    std::map<std::string, const model::AdminArea*> by_pcode_;
    std::vector<CountedArea> areas_;           // by P-code
    std::map<std::string, std::size_t> index_; // P-code to areas_
};

} // namespace

std::optional<model::PopulationEstimate>
loaded_population(const model::Town& town, const Reported& reported,
                  const model::PopulationSettings& settings) {
    if (reported.population.empty() && reported.area_counts.empty()) {
        return std::nullopt;
    }
    model::PopulationEstimate estimate;
    estimate.source = reported.area_counts.empty() ? model::PopulationSource::Loaded
                                                   : model::PopulationSource::AreaCounts;
    estimate.scaled = true; // counts as given, nothing to scale
    if (!reported.area_counts.empty()) {
        Spreader spreader(town, reported, estimate.notes);
        spreader.spread(model::density_estimate(town, settings), estimate);
    }
    for (const model::PopulationPoint& point : reported.population) {
        if (point.population <= 0) {
            continue; // emptied (a camp closed, a cell empty in a newer raster)
        }
        estimate.places.push_back(
            {point.key, point.location, point.population, deepest_code(point.adm)});
        estimate.total += point.population;
    }
    estimate.unscaled_total = estimate.total;
    return estimate;
}

} // namespace dayafter::snapshot
