#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/geojson.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

using ::testing::HasSubstr;

TEST(GeoJson, ListsTheFeaturesOfAFeatureCollection) {
    test::TempDir dir;
    std::ofstream(dir / "ok.geojson") << R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": null, "properties": {}}, {"type": "Point"}]})";
    const nlohmann::json root = read_json_file(dir / "ok.geojson");
    const nlohmann::json* features = geojson_features(root);
    ASSERT_NE(features, nullptr);
    ASSERT_EQ(features->size(), 2U);
    EXPECT_TRUE(is_geojson_feature((*features)[0]));
    EXPECT_FALSE(is_geojson_feature((*features)[1]));
    EXPECT_FALSE(is_geojson_feature(nlohmann::json::array()));
}

TEST(GeoJson, FindsNoFeaturesOutsideAFeatureCollection) {
    EXPECT_EQ(geojson_features(nlohmann::json::parse(R"({"type": "Feature"})")), nullptr);
    EXPECT_EQ(geojson_features(nlohmann::json::parse(R"({"type": "FeatureCollection"})")), nullptr);
    EXPECT_EQ(geojson_features(nlohmann::json::parse(R"([1, 2])")), nullptr);
}

TEST(GeoJson, RefusesAFileThatIsNotJson) {
    test::TempDir dir;
    std::ofstream(dir / "bad.geojson") << R"({"type": "FeatureCollection",)";
    for (const auto& file : {dir / "bad.geojson", dir / "missing.geojson"}) {
        try {
            (void)read_json_file(file);
            ADD_FAILURE() << "read " << file;
        } catch (const InputError& e) {
            EXPECT_THAT(e.what(), HasSubstr(file.string() + ":"));
        }
    }
    try {
        (void)read_json_file(dir / "bad.geojson");
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("not valid JSON"));
        // The place: line and column of the end of the text, where the object is cut short.
        EXPECT_THAT(e.what(), HasSubstr("bad.geojson:1:30: "));
    }
}

} // namespace
} // namespace dayafter::io
