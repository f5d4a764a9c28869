// Scenario templates: each writes a document the scenario reader takes, with the changes its
// parameters say; bad parameters are refused naming the option.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dayafter/io/scenario_file.hpp"
#include "dayafter/io/scenario_templates.hpp"
#include "dayafter/util/error.hpp"

namespace dayafter::io {
namespace {

using ::testing::HasSubstr;

model::Scenario read_back(const TemplateParams& params) {
    return parse_scenario(scenario_from_template(params), "template.json");
}

std::string error_of(const TemplateParams& params) {
    try {
        (void)scenario_from_template(params);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST(ScenarioTemplates, BridgesOverDestroysTheBridgesOverTheWaterway) {
    const model::Scenario s = read_back(BridgesOver{"Le Paillon"});
    EXPECT_EQ(s.name, "bridges over Le Paillon destroyed");
    ASSERT_EQ(s.changes.size(), 1U);
    EXPECT_EQ(std::get<model::BridgeChange>(s.changes[0].change).waterway, "Le Paillon");
}

TEST(ScenarioTemplates, DisplaceMovesTheShareOfEachAreaToTheCamps) {
    const Displace params{.share = 0.3,
                          .areas = {"MC01", "MC02"},
                          .camps = {{"Stade", 43.7275, 7.415, 0.5},
                                    {"Port", 43.735, 7.423, std::nullopt},
                                    {"School", 43.738, 7.424, std::nullopt}}};
    const model::Scenario s = read_back(params);
    ASSERT_EQ(s.changes.size(), 2U);
    for (std::size_t k = 0; k < 2; ++k) {
        const auto& moved = std::get<model::PeopleMoved>(s.changes[k].change);
        EXPECT_EQ(moved.area, params.areas[k]);
        EXPECT_EQ(moved.share, 0.3);
        ASSERT_EQ(moved.camps.size(), 3U);
        // The camps without a share split what the one with a share leaves.
        EXPECT_DOUBLE_EQ(moved.camps[0].share, 0.5);
        EXPECT_DOUBLE_EQ(moved.camps[1].share, 0.25);
        EXPECT_DOUBLE_EQ(moved.camps[2].share, 0.25);
        EXPECT_NEAR(moved.camps[0].location.lat(), 43.7275, 1e-7);
    }
}

TEST(ScenarioTemplates, DisplaceWithoutCampsSendsPeopleOutOfTheProject) {
    const nlohmann::json doc = scenario_from_template(Displace{.share = 1, .areas = {"MC02"}});
    EXPECT_FALSE(doc.at("changes").at(0).contains("to_camps"));
    EXPECT_THAT(doc.at("description").get<std::string>(), HasSubstr("leave the project"));
    const model::Scenario s = parse_scenario(doc, "t.json");
    EXPECT_TRUE(std::get<model::PeopleMoved>(s.changes[0].change).camps.empty());
}

TEST(ScenarioTemplates, EqualCampsAreLeftToTheReader) {
    const nlohmann::json doc = scenario_from_template(
        Displace{.share = 0.5, .areas = {"A"}, .camps = {{"N", 1, 1, {}}, {"S", 2, 2, {}}}});
    EXPECT_FALSE(doc.at("changes").at(0).at("to_camps").at(0).contains("share"));
    const model::Scenario s = parse_scenario(doc, "t.json");
    EXPECT_EQ(std::get<model::PeopleMoved>(s.changes[0].change).camps[1].share, 0.5);
}

TEST(ScenarioTemplates, GridDownPutsEveryUtilityDown) {
    const model::Scenario s = read_back(GridDown{{{"SUB-1", "Substation Condamine"}, {"n77", ""}}});
    ASSERT_EQ(s.changes.size(), 2U);
    EXPECT_EQ(std::get<model::UtilityDown>(s.changes[0].change).code, "SUB-1");
    EXPECT_EQ(std::get<model::UtilityDown>(s.changes[1].change).code, "n77");
    EXPECT_THAT(error_of(GridDown{}), HasSubstr("no power substation or power plant"));
}

TEST(ScenarioTemplates, EntryClosedDelaysOrLoses) {
    const model::Scenario delayed = read_back(EntryClosed{"Menton crossing", 14});
    EXPECT_EQ(std::get<model::EntryClosed>(delayed.changes[0].change).delay_days, 14);
    const model::Scenario lost = read_back(EntryClosed{"Menton crossing", std::nullopt});
    EXPECT_FALSE(std::get<model::EntryClosed>(lost.changes[0].change).delay_days);
    EXPECT_THAT(error_of(EntryClosed{"x", -1}), HasSubstr("--delay-days: must be from 0"));
}

TEST(ScenarioTemplates, DonorWithdrawsCutsItsShare) {
    const model::Scenario s = read_back(DonorWithdraws{"ECHO", 0.5, "humanitarian"});
    const auto& cut = std::get<model::FundingChange>(s.changes[0].change);
    EXPECT_EQ(cut.donor, "ECHO");
    EXPECT_EQ(cut.window, "humanitarian");
    EXPECT_EQ(cut.share_cut, 0.5);
    const model::Scenario all = read_back(DonorWithdraws{"ECHO", 1, ""});
    EXPECT_TRUE(std::get<model::FundingChange>(all.changes[0].change).window.empty());
}

TEST(ScenarioTemplates, TheFileReadsInTheOrderAPersonReadsIt) {
    const auto doc = scenario_from_template(EntryClosed{"Menton", 3});
    EXPECT_EQ(doc.begin().key(), "name");
    EXPECT_EQ(doc.at("changes").at(0).begin().key(), "do");
}

TEST(ScenarioTemplates, BadParametersAreRefusedNamingTheOption) {
    EXPECT_THAT(error_of(Displace{.share = 1.5, .areas = {"A"}}),
                HasSubstr("--share: must be a share above 0 and at most 1"));
    EXPECT_THAT(error_of(Displace{.share = 0, .areas = {"A"}}), HasSubstr("--share"));
    EXPECT_THAT(error_of(Displace{.share = 0.3}), HasSubstr("--from: give the P-code"));
    EXPECT_THAT(error_of(Displace{
                    .share = 0.3, .areas = {"A"}, .camps = {{"N", 1, 1, 0.7}, {"S", 2, 2, 0.7}}}),
                HasSubstr("the camps' shares add up to 1.4"));
    EXPECT_THAT(error_of(Displace{
                    .share = 0.3, .areas = {"A"}, .camps = {{"N", 1, 1, 1}, {"S", 2, 2, {}}}}),
                HasSubstr("before the camps without one"));
    EXPECT_THAT(error_of(Displace{.share = 0.3, .areas = {"A"}, .camps = {{"N", 95, 1, {}}}}),
                HasSubstr("--camp N: latitude 95"));
    EXPECT_THAT(error_of(DonorWithdraws{"ECHO", 2, ""}), HasSubstr("--share"));
    EXPECT_THAT(error_of(BridgesOver{""}), HasSubstr("--waterway: must not be empty"));
}

TEST(ScenarioTemplates, CampsAreReadFromTheCommandLine) {
    const CampSpec camp = parse_camp("Stade Louis II@43.7275,7.4150:0.5");
    EXPECT_EQ(camp.name, "Stade Louis II");
    EXPECT_EQ(camp.lat, 43.7275);
    EXPECT_EQ(camp.lon, 7.415);
    EXPECT_EQ(camp.share, 0.5);
    EXPECT_FALSE(parse_camp("Port@43.735,7.423").share);
    EXPECT_EQ(parse_camp("a@b@1,2").name, "a@b");
    for (const char* bad : {"North", "North@", "North@43.7", "@43.7,7.4", "N@43.7,x", "N@1,2:"}) {
        try {
            (void)parse_camp(bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const InputError& e) {
            EXPECT_THAT(e.what(), HasSubstr("expected NAME@LAT,LON or NAME@LAT,LON:SHARE")) << bad;
        }
    }
}

TEST(ScenarioTemplates, EachHasAnExampleForTheHelp) {
    ASSERT_EQ(scenario_templates().size(), 5U);
    for (const TemplateInfo& info : scenario_templates()) {
        EXPECT_THAT(std::string(info.example),
                    HasSubstr("dayafter scenario " + std::string(info.name) + " "));
    }
}

} // namespace
} // namespace dayafter::io
