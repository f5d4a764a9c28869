// HXL CSV as partners send it: encodings, delimiters, tag patterns and column mappings.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "dayafter/io/hxl.hpp"
#include "dayafter/util/error.hpp"
#include "test_support.hpp"

namespace dayafter::io {
namespace {

std::string failure(const auto& call) {
    try {
        call();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(HxlCsv, ReadsWindows1252AsRecodedTextWithANote) {
    // "Médecins" and a euro sign, one byte each in Windows-1252.
    const HxlTable table = parse_hxl_csv("#org+name,#value\nM\xE9"
                                         "decins,\x80"
                                         "5\n",
                                         "orgs.csv");
    ASSERT_EQ(table.rows.size(), 1U);
    EXPECT_EQ(table.rows[0].cells[0], "M\xC3\xA9"
                                      "decins");
    EXPECT_EQ(table.rows[0].cells[1], "\xE2\x82\xAC"
                                      "5");
    ASSERT_EQ(table.notes.size(), 1U);
    EXPECT_EQ(table.notes[0], "orgs.csv: not UTF-8 (byte 0xE9 on line 2): read as Windows-1252 and "
                              "recoded");
}

TEST(HxlCsv, FindsTheDelimiterOnTheFirstLine) {
    const HxlTable semicolons =
        parse_hxl_csv("#org+name;#sector\n\"Health; Water\";health\n", "a.csv");
    ASSERT_EQ(semicolons.rows.size(), 1U);
    EXPECT_EQ(semicolons.rows[0].cells[0], "Health; Water");
    EXPECT_EQ(semicolons.notes.at(0), "a.csv: cells are separated by ';'");
    const HxlTable tabs = parse_hxl_csv("#org+name\t#sector\nMOH\thealth;water\n", "b.csv");
    EXPECT_EQ(tabs.rows.at(0).cells.at(1), "health;water");
    // Lists in cells hold ';' too, but the header row does not: commas win.
    const HxlTable commas = parse_hxl_csv("#org+name,#sector\nMOH,a;b;c;d\n", "c.csv");
    EXPECT_EQ(commas.rows.at(0).cells.at(1), "a;b;c;d");
    EXPECT_TRUE(commas.notes.empty());
}

TEST(HxlTags, MatchAsHxlPatterns) {
    const HxlTable table = parse_hxl_csv("#status+damage+equipment,#status+damage+i_en,"
                                         "#org+funder,#population+f,#population+total\n1,2,3,4,5\n",
                                         "t.csv");
    const std::array<std::string_view, 4> patterns = {"#status+damage", "#status+damage+equipment",
                                                      "#org+funding", "#population"};
    const auto found = table.find_each(patterns);
    EXPECT_EQ(found[0], 1U); // extra +i_en allowed; the equipment column is the other pattern's
    EXPECT_EQ(found[1], 0U);
    EXPECT_EQ(found[2], 2U);                     // the dictionary's +funder
    EXPECT_EQ(found[3], 4U);                     // +f narrows the count; +total does not
    EXPECT_EQ(table.find("#status+damage"), 0U); // on its own, the first column that matches
}

TEST(HxlMappings, TagHeadersAndTranslateAnswers) {
    HxlMapping mapping;
    mapping.origin = "map.json";
    mapping.columns = {{"Facility", "#loc+facility+code"}, {"State", "#status+functionality"}};
    mapping.answers["#status+functionality"] = {{"runs", "A1"}};
    const HxlTable table = parse_hxl_csv("Survey of 2017\nFacility,State,Notes\nn1,Runs,x\n"
                                         "n2,Not functioning,y\n",
                                         "f.csv", &mapping);
    EXPECT_EQ(table.tag_line, 2U);
    EXPECT_EQ(table.find("#loc+facility+code"), 0U);
    EXPECT_FALSE(table.tags[2].has_value());
    ASSERT_EQ(table.rows.size(), 2U);
    EXPECT_EQ(table.rows[0].cells[1], "A1");
    EXPECT_EQ(table.rows[1].cells[1], "A3"); // the HeRAMS answers apply to a user's mapping too

    mapping.columns.emplace_back("Owner", "#org+impl");
    EXPECT_EQ(failure([&] { (void)parse_hxl_csv("Facility,State\nn1,A1\n", "f.csv", &mapping); }),
              "map.json: column 'Owner' is not in f.csv (its header row, line 1, has Facility, "
              "State)");
    EXPECT_EQ(failure([&] { (void)parse_hxl_csv("a,b\n1,2\n", "f.csv", &mapping); }),
              "map.json: none of its columns is in the first 25 rows of f.csv");
}

TEST(HxlMappings, HeramsExportsAreReadByTheirCodes) {
    const HxlTable table = parse_hxl_csv("HF_ID,HFFUNCT,HFACC,MoSD3\nn1,Partially functioning,"
                                         "Not accessible,Fixed\n",
                                         "herams.csv");
    ASSERT_EQ(table.rows.size(), 1U);
    EXPECT_EQ(table.rows[0].cells[*table.find("#status+functionality")], "A2");
    EXPECT_EQ(table.rows[0].cells[*table.find("#access")], "A3");
    EXPECT_EQ(table.notes.at(0),
              "herams.csv: no hashtag row: columns tagged by the built-in HeRAMS mapping");
    EXPECT_NE(failure([] {
                  (void)parse_hxl_csv("HF_ID,State\nn1,A1\n", "x.csv");
              }).find("x.csv:1: no HXL hashtag row"),
              std::string::npos);
}

TEST(HxlMappings, MappingFilesAreCheckedWhenRead) {
    const test::TempDir dir;
    auto mapping_file = [&](const std::string& text) {
        const auto file = dir / "map.json";
        std::ofstream(file) << text;
        return file;
    };
    const auto file = mapping_file(R"({"HFFUNCT": "#status+functionality"})");
    const HxlMapping plain = read_hxl_mapping(file);
    ASSERT_EQ(plain.columns.size(), 1U);
    EXPECT_EQ(plain.columns[0].second, "#status+functionality");
    EXPECT_EQ(plain.origin, file.string());
    for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
             {"{", ": not a JSON mapping"},
             {"[1]", ": a mapping is a JSON object of column header to HXL tag"},
             {R"({"columns": {}})", ": \"columns\" must map column headers to HXL tags"},
             {R"({"A": "status"})", ": column 'A' maps to \"status\", which is not an HXL"},
             {R"({"columns": {"A": "#a"}, "answers": []})", ": \"answers\" must map tags"},
             {R"({"columns": {"A": "#a"}, "answers": {"#a": {"x": 1}}})",
              ": the code for 'x' of #a is not text"}}) {
        const auto bad = mapping_file(text);
        EXPECT_NE(failure([&] { (void)read_hxl_mapping(bad); }).find(bad.string() + message),
                  std::string::npos)
            << text << ": " << failure([&] { (void)read_hxl_mapping(bad); });
    }
}

} // namespace
} // namespace dayafter::io
