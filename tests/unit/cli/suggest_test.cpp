#include <gtest/gtest.h>

#include "suggest.hpp"

namespace dayafter::cli {
namespace {

const std::vector<std::string> kVerbs = {"import",   "export", "info",    "access", "load",
                                         "status",   "owners", "history", "plan",   "compare",
                                         "scenario", "rcpsp",  "plans",   "help"};

TEST(EditDistance, CountsInsertionsDeletionsReplacementsAndSwaps) {
    EXPECT_EQ(edit_distance("access", "access"), 0U);
    EXPECT_EQ(edit_distance("acess", "access"), 1U);
    EXPECT_EQ(edit_distance("accesss", "access"), 1U);
    EXPECT_EQ(edit_distance("axcess", "access"), 1U);
    EXPECT_EQ(edit_distance("stauts", "status"), 1U);
    EXPECT_EQ(edit_distance("", "plan"), 4U);
    EXPECT_EQ(edit_distance("ACCESS", "access"), 0U);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
}

TEST(Nearest, SuggestsTheVerbATypoMeans) {
    EXPECT_EQ(nearest("acess", kVerbs), "access");
    EXPECT_EQ(nearest("exprot", kVerbs), "export");
    EXPECT_EQ(nearest("hsitory", kVerbs), "history");
    EXPECT_EQ(nearest("plna", kVerbs), "plan");
    EXPECT_EQ(nearest("Status", kVerbs), "status");
    // A word that begins only one verb is that verb.
    EXPECT_EQ(nearest("scen", kVerbs), "scenario");
}

TEST(Nearest, SuggestsNothingWhenNothingIsClose) {
    EXPECT_EQ(nearest("frobnicate", kVerbs), std::nullopt);
    EXPECT_EQ(nearest("xyz", kVerbs), std::nullopt);
    EXPECT_EQ(nearest("", kVerbs), std::nullopt);
    // "pl" begins both plan and plans, and is two letters from either.
    EXPECT_EQ(nearest("pl", kVerbs), std::nullopt);
    EXPECT_EQ(nearest("acess", std::vector<std::string>{}), std::nullopt);
}

} // namespace
} // namespace dayafter::cli
