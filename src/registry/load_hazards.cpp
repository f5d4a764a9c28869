// Hazards from GeoJSON (RFC 7946): rubble, contamination, damaged bridges and insecure areas.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "dayafter/io/geojson.hpp"
#include "dayafter/model/hazard.hpp"
#include "registry/load_geojson.hpp"

namespace dayafter::registry::detail {
namespace {

/// A bridge given by location is the one whose road passes within this distance.
constexpr double kBridgeSearchM = 50;

std::optional<std::string> hazard_kind(const std::string& text) {
    const std::string t = lower_words(text);
    if (t == "rubble" || t == "debris") {
        return "rubble";
    }
    if (t == "contamination" || t == "contaminated" || t == "mined" || t == "mines" || t == "uxo" ||
        t == "erw") {
        return "contamination";
    }
    if (t == "bridge") {
        return "bridge";
    }
    if (t == "insecure" || t == "insecurity") {
        return "insecure";
    }
    return std::nullopt;
}

// Where UNOSAT and Copernicus EMS damage layers keep the damage class, the image date and the
// site, as their published layers and data dictionaries name the fields (Shapefile names cut to
// 10 characters). Illustrative: checked against no real layer here; see docs/cli/load.md.
constexpr std::initializer_list<const char*> kDamageFields = {
    "damage", "damage_class", "Main_Damag", "main_damage", "Damage_Cla", "damage_gra"};
constexpr std::initializer_list<const char*> kSensorDateFields = {"sensor_date", "SensorDate",
                                                                  "Sensor_Dat", "SensDt"};
constexpr std::initializer_list<const char*> kSiteFields = {"site_id", "SiteID", "Site_ID"};

/// A damage layer's mark for a site its analysts did not grade (EMS "Not Applicable"): no
/// damage class, and no hazard either.
bool is_ungraded(const std::string& text) {
    const std::string t = lower_words(text);
    return t == "not applicable" || t == "not analysed" || t == "not analyzed";
}

/// UNOSAT's damage classes, in their own spellings and codes too, and Copernicus EMS grades.
std::optional<std::string> damage_class(const std::string& text) {
    const std::string t = lower_words(text);
    // UNOSAT's numeric site classes (1 destroyed, 2 severe, 3 moderate, 4 possible, 6 none).
    for (const auto& [code, cls] :
         std::initializer_list<std::pair<const char*, const char*>>{{"1", "destroyed"},
                                                                    {"2", "severe"},
                                                                    {"3", "moderate"},
                                                                    {"4", "possible"},
                                                                    {"6", "none"}}) {
        if (t == code) {
            return std::string(cls);
        }
    }
    // Copernicus EMS grading: "Damaged" names no degree, so it reads as the lesser one.
    for (const auto& [grade, cls] : std::initializer_list<std::pair<const char*, const char*>>{
             {"completely destroyed", "destroyed"},
             {"highly damaged", "severe"},
             {"moderately damaged", "moderate"},
             {"damaged", "moderate"},
             {"possibly damaged", "possible"},
             {"negligible to slight damage", "none"}}) {
        if (t == grade) {
            return std::string(cls);
        }
    }
    for (const std::string_view cls : {"destroyed", "severe", "moderate", "possible"}) {
        if (t == cls || t == fmt::format("{} damage", cls) ||
            (cls != "destroyed" && t == fmt::format("{}ly damaged", cls))) {
            return std::string(cls);
        }
    }
    if (t == "no damage" || t == "no visible damage" || t == "none") {
        return "none";
    }
    return std::nullopt;
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    return hash;
}

/// One Feature of a hazards file read into a hazard. Each step reports its own problems and the
/// later steps still run, so one load lists every problem of the feature.
class HazardFeature {
public:
    HazardFeature(LoadContext& context, const nlohmann::json& feature, std::int64_t index)
        : context_(context), feature_(feature), index_(index),
          properties_(present_properties(feature)) {
        parsed_.line = index;
    }

    /// The hazard; nothing when the feature has a problem (already reported) or is a site a
    /// damage layer did not grade (skipped()).
    std::optional<Parsed> read();
    [[nodiscard]] bool skipped() const noexcept { return skipped_; }

private:
    void problem(std::string_view reason) const { feature_problem(context_, index_, reason); }
    std::optional<std::string> read_kind() const;
    bool read_geometry();
    bool check_areal(const std::string& kind) const;
    bool read_rubble();
    bool read_bridge();
    bool read_osm_way();
    bool check_known_bridge();
    bool check_known_road();
    bool find_bridge_near_point();
    bool read_bridge_state();
    bool read_effect();
    void copy_descriptions();
    bool read_own_date(std::optional<std::string>& own_date);
    [[nodiscard]] std::string key() const;

    LoadContext& context_;
    const nlohmann::json& feature_;
    const std::int64_t index_;
    const nlohmann::json properties_;
    bool has_geometry_ = false;
    std::string geometry_type_; // "" without a geometry
    Parsed parsed_;
    bool skipped_ = false;
};

std::optional<Parsed> HazardFeature::read() {
    const auto damage = text_property(properties_, kDamageFields);
    if (damage && is_ungraded(*damage)) {
        skipped_ = true;
        return std::nullopt;
    }
    const auto kind = read_kind();
    if (!kind) {
        return std::nullopt;
    }
    parsed_.data["kind"] = *kind;
    if (!read_geometry()) {
        return std::nullopt;
    }
    bool ok = check_areal(*kind);
    if (*kind == "rubble") {
        ok = read_rubble() && ok;
    }
    if (*kind == "bridge") {
        ok = read_bridge() && ok;
    }
    ok = read_effect() && ok;
    copy_descriptions();
    std::optional<std::string> own_date;
    ok = read_own_date(own_date) && ok;
    const auto date = context_.reported(index_, own_date);
    if (!ok || !date) {
        return std::nullopt;
    }
    parsed_.reported = *date;
    parsed_.key = key();
    return std::move(parsed_);
}

std::optional<std::string> HazardFeature::read_kind() const {
    const auto kind_text = text_property(properties_, {"kind", "hazard"});
    // A damage layer (UNOSAT, Copernicus EMS) grades buildings: what it marks is rubble.
    if (!kind_text && text_property(properties_, kDamageFields)) {
        return "rubble";
    }
    const auto kind = kind_text ? hazard_kind(*kind_text) : std::nullopt;
    if (!kind) {
        problem(kind_text ? fmt::format("kind '{}' is not rubble, contamination, bridge or "
                                        "insecure",
                                        *kind_text)
                          : "no 'kind' property (rubble, contamination, bridge, insecure)");
    }
    return kind;
}

/// A feature may come without a geometry (a bridge given by its OSM way), but not a broken one.
bool HazardFeature::read_geometry() {
    has_geometry_ = feature_.contains("geometry") && !feature_["geometry"].is_null();
    if (!has_geometry_) {
        return true;
    }
    const nlohmann::json geometry = rounded_geometry(feature_["geometry"]);
    GeometryCheck check(context_, index_);
    if (!check.check(geometry)) {
        return false;
    }
    parsed_.data["geometry"] = geometry;
    geometry_type_ = feature_["geometry"].value("type", "");
    return true;
}

bool HazardFeature::check_areal(const std::string& kind) const {
    const bool areal = geometry_type_ == "Polygon" || geometry_type_ == "MultiPolygon";
    if ((kind == "contamination" || kind == "insecure") && !areal) {
        problem(fmt::format("a {} area needs a Polygon or MultiPolygon geometry", kind));
        return false;
    }
    return true;
}

bool HazardFeature::read_rubble() {
    bool ok = true;
    if (const auto text = text_property(properties_, kDamageFields)) {
        if (const auto cls = damage_class(*text)) {
            parsed_.data["damage"] = *cls;
        } else {
            problem(fmt::format("damage '{}' is not destroyed, severe, moderate, possible or none",
                                *text));
            ok = false;
        }
    }
    if (properties_.contains("volume_m3")) {
        if (!properties_["volume_m3"].is_number() || properties_["volume_m3"].get<double>() < 0) {
            problem("volume_m3 is not a number of 0 or more");
            ok = false;
        } else {
            parsed_.data["volume_m3"] = properties_["volume_m3"].get<double>();
        }
    }
    if (properties_.contains("osm_way")) { // rubble on one road: exactly that way's edges
        ok = read_osm_way() && check_known_road() && ok;
    }
    if (!parsed_.data.contains("damage") && !parsed_.data.contains("volume_m3") && ok) {
        problem("rubble needs a damage class or a volume_m3");
        ok = false;
    }
    if (!has_geometry_) {
        problem("rubble needs a geometry");
        ok = false;
    }
    return ok;
}

/// A bridge is the project's bridge way, named by osm_way or found near a Point.
bool HazardFeature::read_bridge() {
    bool ok = read_osm_way();
    if (parsed_.data.contains("osm_way")) {
        ok = check_known_bridge() && ok;
    } else if (geometry_type_ == "Point" && ok) {
        ok = find_bridge_near_point();
    }
    return read_bridge_state() && ok;
}

bool HazardFeature::read_osm_way() {
    if (properties_.contains("osm_way")) {
        if (!properties_["osm_way"].is_number_integer()) {
            problem("osm_way is not an OSM way id");
            return false;
        }
        parsed_.data["osm_way"] = properties_["osm_way"].get<std::int64_t>();
        return true;
    }
    if (geometry_type_ != "Point") {
        problem("a bridge needs osm_way (the bridge's OSM way id) or a Point near it");
        return false;
    }
    return true;
}

bool HazardFeature::check_known_bridge() {
    const std::int64_t way = parsed_.data["osm_way"].get<std::int64_t>();
    const auto& bridges = context_.town.bridges;
    if (std::none_of(bridges.begin(), bridges.end(),
                     [&](const model::Bridge& b) { return b.osm_way_id == way; })) {
        problem(fmt::format("osm_way {} is not a bridge of the project", way));
        return false;
    }
    return true;
}

bool HazardFeature::check_known_road() {
    if (!parsed_.data.contains("osm_way")) {
        return false;
    }
    const std::int64_t way = parsed_.data["osm_way"].get<std::int64_t>();
    const graph::RoadNetwork& net = context_.town.roads;
    for (EdgeId e{0}; e.value < net.edge_count(); ++e.value) {
        if (net.edge_osm_way[e] == way) {
            return true;
        }
    }
    problem(fmt::format("osm_way {} is not a road of the project", way));
    return false;
}

bool HazardFeature::find_bridge_near_point() {
    const auto& c = feature_["geometry"]["coordinates"];
    const auto way = model::nearest_bridge(
        context_.town, geo::Coord::from_degrees(c[0].get<double>(), c[1].get<double>()),
        kBridgeSearchM);
    if (!way) {
        problem(fmt::format("no bridge of the project within {} m of the point", kBridgeSearchM));
        return false;
    }
    parsed_.data["osm_way"] = *way;
    return true;
}

bool HazardFeature::read_bridge_state() {
    const std::string state =
        lower_words(text_property(properties_, {"state"}).value_or("destroyed"));
    parsed_.data["state"] = state;
    if (state != "destroyed" && state != "damaged") {
        problem(fmt::format("state '{}' is not destroyed or damaged", state));
        return false;
    }
    return true;
}

bool HazardFeature::read_effect() {
    const auto effect = text_property(properties_, {"effect"});
    if (!effect) {
        return true;
    }
    const std::string e = lower_words(*effect);
    parsed_.data["effect"] = e;
    if (e != "block" && e != "slow" && e != "none") {
        problem(fmt::format("effect '{}' is not block, slow or none", *effect));
        return false;
    }
    return true;
}

void HazardFeature::copy_descriptions() {
    for (const char* field : {"name", "owner", "funder", "source"}) {
        if (const auto value = text_property(properties_, {field})) {
            parsed_.data[field] = *value;
        }
    }
    if (const auto site = text_property(properties_, kSiteFields)) {
        parsed_.data["site_id"] = *site;
    }
}

/// The date the feature reports on: its own, else the date of the image it was graded on.
bool HazardFeature::read_own_date(std::optional<std::string>& own_date) {
    bool ok = true;
    if (const auto sensed = text_property(properties_, kSensorDateFields)) {
        if (const auto date = parse_iso_date(sensed->substr(0, 10))) {
            parsed_.data["sensor_date"] = *date;
            own_date = *date;
        } else {
            problem(fmt::format("sensor date '{}' is not an ISO 8601 date (YYYY-MM-DD)", *sensed));
            ok = false;
        }
    }
    const auto text = text_property(properties_, {"reported", "date"});
    if (!text) {
        return ok;
    }
    own_date = parse_iso_date(*text);
    if (!own_date) {
        problem(fmt::format("reported '{}' is not an ISO 8601 date (YYYY-MM-DD)", *text));
        return false;
    }
    return ok;
}

/// The feature's id; without one, a key from what the hazard is, so that loading the same
/// feature again updates the same hazard.
std::string HazardFeature::key() const {
    const nlohmann::json& id =
        feature_.contains("id") ? feature_["id"] : properties_.value("id", nlohmann::json());
    if (id.is_string()) {
        return id.get<std::string>();
    }
    if (id.is_number()) {
        return id.dump();
    }
    if (parsed_.data.contains("site_id")) {
        return parsed_.data["site_id"].get<std::string>();
    }
    // From the geometry as given, so a hazard keeps the key it had before positions were
    // rounded.
    return fmt::format("h{:016x}", fnv1a(parsed_.data["kind"].dump() +
                                         feature_.value("geometry", nlohmann::json()).dump() +
                                         parsed_.data.value("osm_way", nlohmann::json()).dump()));
}

} // namespace

std::vector<Parsed> parse_hazards(const nlohmann::json& root, LoadContext& context) {
    std::vector<Parsed> parsed;
    const nlohmann::json* features = features_of(root, context);
    if (features == nullptr) {
        return parsed;
    }
    std::size_t ungraded = 0;
    for (std::size_t f = 0; f < features->size(); ++f) {
        const nlohmann::json& feature = (*features)[f];
        const auto index = static_cast<std::int64_t>(f + 1);
        if (!io::is_geojson_feature(feature)) {
            feature_problem(context, index, "not a GeoJSON Feature");
            continue;
        }
        HazardFeature hazard(context, feature, index);
        if (auto read = hazard.read()) {
            parsed.push_back(std::move(*read));
        }
        ungraded += hazard.skipped() ? 1 : 0;
    }
    if (ungraded > 0) {
        context.note(fmt::format("{}: {} feature{} the damage layer did not grade (\"Not "
                                 "Applicable\") left out",
                                 context.file(), ungraded, ungraded == 1 ? "" : "s"));
    }
    return parsed;
}

} // namespace dayafter::registry::detail
