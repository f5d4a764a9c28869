// AccessSession under random overlays on the Monaco bundle (hazards, statuses, loaded people):
// after every step the incrementally updated session equals a session built cold with the same
// changes, for every service in both travel modes (every node's time and facility, every place's
// figures); at the end the times also equal the reference Dijkstra on a network rebuilt with the
// changes. Seeded: the seed is printed on failure, DAYAFTER_TEST_SEED replays one.
#include <cstdlib>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "dayafter/access/session.hpp"
#include "dayafter/graph/nearest_source.hpp"
#include "dayafter/util/error.hpp"
#include "snapshot_fixture.hpp"

namespace dayafter {
namespace {

using access::AccessSession;
using access::Overlay;

std::uint64_t seed_of_run() {
    if (const char* text = std::getenv("DAYAFTER_TEST_SEED")) {
        return std::stoull(text);
    }
    return std::random_device{}();
}

/// The changes so far, as one overlay: the last action on each edge and facility wins.
struct Cumulative {
    std::map<std::uint32_t, bool> edge_blocked;
    std::map<std::uint32_t, bool> facility_open;
    std::map<std::uint32_t, double> people;
    std::vector<model::Place> places; // added, in order

    void add(const Overlay& o) {
        places.insert(places.end(), o.add_places.begin(), o.add_places.end());
        for (const EdgeId e : o.restore_edges) {
            edge_blocked.erase(e.value); // as the snapshot has it: no change to replay cold
        }
        for (const EdgeId e : o.reopen_edges) {
            edge_blocked[e.value] = false;
        }
        for (const EdgeId e : o.block_edges) {
            edge_blocked[e.value] = true;
        }
        for (const FacilityId f : o.close_facilities) {
            facility_open[f.value] = false;
        }
        for (const FacilityId f : o.open_facilities) {
            facility_open[f.value] = true;
        }
        for (const auto& [place, count] : o.place_population) {
            people[place] = count;
        }
    }
    [[nodiscard]] Overlay overlay() const {
        Overlay o;
        for (const auto& [e, blocked] : edge_blocked) {
            (blocked ? o.block_edges : o.reopen_edges).push_back(EdgeId{e});
        }
        for (const auto& [f, open] : facility_open) {
            (open ? o.open_facilities : o.close_facilities).push_back(FacilityId{f});
        }
        o.place_population.assign(people.begin(), people.end());
        o.add_places = places;
        return o;
    }
};

/// A random step: a few edges blocked and a few reopened (hazard-struck ones among them), a
/// facility closed or reopened, now and then a camp added near a road node, and the people at
/// one of the places so far changed.
Overlay random_step(const snapshot::Snapshot& s, std::size_t places_so_far, std::mt19937_64& rng) {
    const graph::RoadNetwork& roads = s.town().roads;
    std::vector<std::uint32_t> struck;
    for (const snapshot::EdgeEffect& effect : s.hazard_effects().edges) {
        struck.push_back(effect.edge.value);
    }
    std::uniform_int_distribution<std::uint32_t> edge(0, roads.edge_count() - 1);
    std::uniform_int_distribution<std::uint32_t> facility(
        0, static_cast<std::uint32_t>(s.town().facilities.size() - 1));
    Overlay o;
    // An edge is blocked, reopened or restored to the snapshot's state in a step, one of them.
    enum class Change { Block, Reopen, Restore };
    std::map<std::uint32_t, Change> chosen;
    for (int k = 0; k < 8; ++k) {
        chosen.emplace(edge(rng), Change::Block);
        const bool hazard = k % 2 == 0 && !struck.empty();
        const std::uint32_t e = hazard ? struck[rng() % struck.size()] : edge(rng);
        chosen.emplace(e, hazard && rng() % 3 == 0 ? Change::Restore : Change::Reopen);
    }
    for (const auto& [e, change] : chosen) {
        (change == Change::Block    ? o.block_edges
         : change == Change::Reopen ? o.reopen_edges
                                    : o.restore_edges)
            .push_back(EdgeId{e});
    }
    (rng() % 2 == 0 ? o.close_facilities : o.open_facilities).push_back(FacilityId{facility(rng)});
    if (rng() % 3 == 0) {
        const geo::Coord near =
            roads.node_coord[NodeId{static_cast<std::uint32_t>(rng() % roads.node_count())}];
        o.add_places.push_back({"camp-" + std::to_string(places_so_far),
                                geo::Coord::from_degrees(near.lon() + 0.0003, near.lat()),
                                static_cast<double>(rng() % 3000)});
    }
    const auto places = static_cast<std::uint32_t>(places_so_far + o.add_places.size());
    o.place_population.emplace_back(static_cast<std::uint32_t>(rng() % places),
                                    static_cast<double>(rng() % 5000));
    return o;
}

void expect_same(const AccessSession& incremental, const AccessSession& cold) {
    for (std::size_t s = 0; s < incremental.service_count(); ++s) {
        const access::ServiceAccess a = incremental.result(s);
        const access::ServiceAccess b = cold.result(s);
        SCOPED_TRACE(a.service.name);
        ASSERT_EQ(a.status, b.status);
        if (a.status != access::AccessStatus::Computed) {
            continue;
        }
        ASSERT_EQ(incremental.engine(s).times_us(), cold.engine(s).times_us());
        ASSERT_EQ(a.node_facility, b.node_facility);
        EXPECT_DOUBLE_EQ(a.within, b.within);
        // Whole people per place here: the kept count equals the summarized one exactly.
        EXPECT_EQ(incremental.within(s), a.within);
        EXPECT_EQ(cold.within(s), b.within);
        EXPECT_DOUBLE_EQ(a.beyond, b.beyond);
        EXPECT_DOUBLE_EQ(a.cut_off, b.cut_off);
        EXPECT_EQ(a.not_functioning, b.not_functioning);
        ASSERT_EQ(a.places.size(), b.places.size());
        for (std::size_t p = 0; p < a.places.size(); ++p) {
            ASSERT_EQ(a.places[p].amount, b.places[p].amount) << "place " << p;
            ASSERT_EQ(a.places[p].facility, b.places[p].facility) << "place " << p;
        }
    }
}

/// The reference: the snapshot's network with the changes written into the edge times, and a
/// plain Dijkstra from the facilities that are open.
void expect_reference(const snapshot::Snapshot& s, const Cumulative& changes,
                      const AccessSession& session, graph::TravelMode mode) {
    graph::RoadNetwork roads = s.town().roads;
    std::vector<graph::Millis> open_ms(roads.edge_count(), graph::kNotUsable);
    for (const snapshot::ModeArc& arc : s.arcs(mode)) {
        open_ms[arc.edge.value] = arc.open_ms;
    }
    auto& times = mode == graph::TravelMode::Walk ? roads.edge_walk_ms : roads.edge_drive_ms;
    for (const auto& [e, blocked] : changes.edge_blocked) {
        times[EdgeId{e}] = blocked ? graph::kNotUsable : open_ms[e];
    }
    const auto reverse = graph::RoadGraph::build(roads, mode, graph::ArcDirection::Reverse);
    for (std::size_t sv = 0; sv < session.service_count(); ++sv) {
        const access::ServiceAccess r = session.result(sv);
        if (r.status != access::AccessStatus::Computed ||
            r.service.measure != model::Measure::Time) {
            continue;
        }
        std::vector<NodeId> sources;
        for (const access::FacilityLoad& load : r.facilities) {
            const auto override = changes.facility_open.find(load.facility.value);
            const bool open =
                override != changes.facility_open.end() ? override->second : load.functioning;
            const NodeId node =
                s.town().facilities[load.facility].snap_node[static_cast<std::size_t>(mode)];
            if (open && node.valid()) {
                sources.push_back(node);
            }
        }
        const std::vector<std::uint64_t> expected = graph::nearest_source_times(reverse, sources);
        const std::vector<std::uint64_t> ours = session.engine(sv).times_us();
        for (std::size_t n = 0; n < expected.size(); ++n) {
            const std::uint64_t want =
                expected[n] == graph::kUnreachable ? access::kUnreachable : expected[n] * 1000;
            ASSERT_EQ(ours[n], want) << r.service.name << ", node " << n;
        }
    }
}

TEST(AccessSession, IncrementalEqualsColdUnderRandomOverlays) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    const std::uint64_t seed = seed_of_run();
    SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with DAYAFTER_TEST_SEED)");
    for (const graph::TravelMode mode : {graph::TravelMode::Walk, graph::TravelMode::Drive}) {
        SCOPED_TRACE(graph::to_string(mode));
        std::mt19937_64 rng(seed);
        AccessSession session(s, s.config().services, mode);
        Cumulative changes;
        for (int step = 0; step < 12; ++step) {
            SCOPED_TRACE("step " + std::to_string(step));
            const Overlay o = random_step(s, session.places().size(), rng);
            session.apply(o);
            changes.add(o);
            const AccessSession cold(s, s.config().services, mode, changes.overlay());
            expect_same(session, cold);
            if (::testing::Test::HasFatalFailure()) {
                return;
            }
        }
        expect_reference(s, changes, session, mode);
    }
}

// With fractional people per place the kept count is the exact sum (one rounding at the end),
// the summarized one a place-ordered double sum: equal up to rounding, and the kept count is the
// same for the same state whatever the overlays that led to it.
TEST(AccessSession, TheKeptWithinCountIsExactAndIndependentOfThePath) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    const std::uint64_t seed = seed_of_run();
    SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with DAYAFTER_TEST_SEED)");
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> people(0.0, 2500.0);
    AccessSession session(s, s.config().services);
    Cumulative changes;
    for (int step = 0; step < 12; ++step) {
        SCOPED_TRACE("step " + std::to_string(step));
        Overlay o = random_step(s, session.places().size(), rng);
        for (auto& [place, count] : o.place_population) {
            count = people(rng);
        }
        o.place_population.emplace_back(static_cast<std::uint32_t>(rng() % session.places().size()),
                                        people(rng) / 7);
        session.apply(o);
        changes.add(o);
        const AccessSession cold(s, s.config().services, std::nullopt, changes.overlay());
        for (std::size_t sv = 0; sv < session.service_count(); ++sv) {
            const access::ServiceAccess a = session.result(sv);
            SCOPED_TRACE(a.service.name);
            long double exact = 0;
            for (std::size_t p = 0; p < a.places.size(); ++p) {
                exact += a.places[p].reach == access::Reach::Within
                             ? static_cast<long double>(session.places()[p].population)
                             : 0.0L;
            }
            EXPECT_EQ(session.within(sv), cold.within(sv));
            EXPECT_NEAR(session.within(sv), static_cast<double>(exact), 1e-9 * a.total);
            EXPECT_NEAR(session.within(sv), a.within, 1e-9 * a.total);
        }
    }
}

TEST(AccessSession, WithoutChangesItIsTheAccessOfTheSnapshot) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    const AccessSession session(s, s.config().services);
    for (std::size_t sv = 0; sv < session.service_count(); ++sv) {
        const access::ServiceAccess a = session.result(sv);
        const access::ServiceAccess b = access::compute_access(
            s.town(), s.population().places, s.place_snaps(a.mode), a.service, a.mode);
        SCOPED_TRACE(a.service.name);
        EXPECT_EQ(a.node_facility, b.node_facility);
        EXPECT_DOUBLE_EQ(a.within, b.within);
        EXPECT_DOUBLE_EQ(a.cut_off, b.cut_off);
        EXPECT_EQ(a.overloaded, b.overloaded);
    }
}

TEST(AccessSession, ACampAddedIsAPlaceLikeAnyOther) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    AccessSession session(s, s.config().services, graph::TravelMode::Walk);
    const access::ServiceAccess before = session.result(0);
    ASSERT_EQ(before.service.name, "health");
    // A camp on the road node of a functioning health facility.
    NodeId at;
    for (const access::FacilityLoad& load : before.facilities) {
        if (load.functioning && load.snapped) {
            at = s.town().facilities[load.facility].snap_node[0];
            break;
        }
    }
    ASSERT_TRUE(at.valid());
    Overlay camp;
    camp.add_places.push_back({"camp", s.town().roads.node_coord[at], 1000});
    session.apply(camp);
    const access::ServiceAccess after = session.result(0);
    ASSERT_EQ(after.places.size(), before.places.size() + 1);
    EXPECT_DOUBLE_EQ(after.total, before.total + 1000);
    EXPECT_DOUBLE_EQ(after.within, before.within + 1000);
    EXPECT_EQ(after.places.back().reach, access::Reach::Within);
    EXPECT_EQ(after.places.back().amount, 0U) << "the camp is on the facility's own node";
    // Moving the camp's people out again.
    Overlay empty;
    empty.place_population.emplace_back(static_cast<std::uint32_t>(before.places.size()), 0.0);
    session.apply(empty);
    EXPECT_DOUBLE_EQ(session.result(0).total, before.total);
}

TEST(AccessSession, AnOverlayNamingWhatTheProjectLacksIsRefused) {
    const snapshot::Snapshot s = app::open_snapshot({test::monaco_bundle_project()});
    AccessSession session(s, s.config().services, graph::TravelMode::Walk);
    Overlay edge;
    edge.block_edges.push_back(EdgeId{s.town().roads.edge_count()});
    EXPECT_THROW(session.apply(edge), InputError);
    Overlay place;
    place.place_population.emplace_back(static_cast<std::uint32_t>(session.places().size()), 1.0);
    EXPECT_THROW(session.apply(place), InputError);
    Overlay facility;
    facility.close_facilities.push_back(FacilityId{0});
    facility.open_facilities.push_back(
        FacilityId{static_cast<std::uint32_t>(s.town().facilities.size())});
    const std::vector<std::uint64_t> before = session.engine(0).times_us();
    // The first change is valid, the second is not: nothing of it is applied.
    Overlay half;
    half.reopen_edges.push_back(s.hazard_effects().edges.front().edge);
    half.block_edges.push_back(EdgeId{s.town().roads.edge_count() + 5});
    EXPECT_THROW(session.apply(half), InputError);
    EXPECT_THROW(session.apply(facility), InputError);
    EXPECT_EQ(session.engine(0).times_us(), before);
    const AccessSession cold(s, s.config().services, graph::TravelMode::Walk);
    EXPECT_EQ(session.engine(0).times_us(), cold.engine(0).times_us());
}

} // namespace
} // namespace dayafter
