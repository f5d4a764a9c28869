#include "verbs.hpp"

#include <fmt/format.h>

#include "dayafter/util/error.hpp"
#include "suggest.hpp"

namespace dayafter::cli {
namespace {

const CLI::App* find_verb(const CLI::App& app, std::string_view name) {
    for (const CLI::App* verb : verbs_of(app)) {
        if (verb->get_name() == name) {
            return verb;
        }
    }
    return nullptr;
}

std::vector<std::string> verb_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* verb : verbs_of(app)) {
        names.push_back(verb->get_name());
    }
    return names;
}

std::string joined(const std::vector<std::string>& path, std::string_view last) {
    std::string text;
    for (const std::string& word : path) {
        text += word + " ";
    }
    return text += last;
}

/// Whether the option named by `word` ("--out", "--out=x", "-o") takes a value as the next word.
bool takes_next_word(const CLI::App& app, const std::string& word) {
    if (word.find('=') != std::string::npos) {
        return false;
    }
    const CLI::Option* option = app.get_option_no_throw(word);
    return option != nullptr && option->get_items_expected_max() > 0;
}

} // namespace

std::vector<const CLI::App*> verbs_of(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
}

std::vector<CLI::App*> verbs_of(CLI::App& app) {
    return app.get_subcommands([](CLI::App* sub) { return !sub->get_name().empty(); });
}

std::string UnknownVerb::message() const {
    const std::string see = "dayafter " + joined(path, "--help");
    if (!nearest) {
        return fmt::format("'{}' is not a verb (see '{}')", joined(path, word), see);
    }
    return fmt::format("'{}' is not a verb; did you mean '{}'? (see '{}')", joined(path, word),
                       joined(path, *nearest), see);
}

std::optional<UnknownVerb> find_unknown_verb(const CLI::App& app,
                                             std::span<const std::string> words) {
    const CLI::App* level = &app;
    std::vector<std::string> path;
    for (std::size_t k = 0; k < words.size(); ++k) {
        const std::string& word = words[k];
        if (verbs_of(*level).empty()) {
            return std::nullopt;
        }
        if (word.starts_with("-")) {
            k += takes_next_word(*level, word) ? 1 : 0;
            continue;
        }
        const CLI::App* verb = find_verb(*level, word);
        if (verb == nullptr) {
            return UnknownVerb{path, word, nearest(word, verb_names(*level))};
        }
        path.push_back(word);
        level = verb;
    }
    return std::nullopt;
}

std::string help_text(const CLI::App& app, std::span<const std::string> path) {
    const CLI::App* level = &app;
    std::string name = app.get_name();
    std::vector<std::string> walked;
    for (const std::string& word : path) {
        if (word.starts_with("-")) {
            throw InputError(fmt::format("help takes verbs, not options such as '{}'", word));
        }
        const CLI::App* verb = find_verb(*level, word);
        if (verb == nullptr && verbs_of(*level).empty()) {
            throw InputError(fmt::format("'{}' has no verbs under it; 'dayafter help {}' shows "
                                         "its options",
                                         fmt::join(walked, " "), fmt::join(walked, " ")));
        }
        if (verb == nullptr) {
            throw InputError(
                UnknownVerb{walked, word, nearest(word, verb_names(*level))}.message());
        }
        walked.push_back(word);
        name += " " + word;
        level = verb;
    }
    return level->get_formatter()->make_help(level, name, CLI::AppFormatMode::Normal);
}

} // namespace dayafter::cli
