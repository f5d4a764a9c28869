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

/// The options a person types at this verb, as "--long" and "-s", hidden ones left out.
std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty() || !option->nonpositional()) {
            continue;
        }
        for (const std::string& name : option->get_snames()) {
            names.push_back("-" + name);
        }
        for (const std::string& name : option->get_lnames()) {
            names.push_back("--" + name);
        }
    }
    return names;
}

std::vector<std::string> value_option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const std::string& name : option_names(app)) {
        if (takes_next_word(app, name)) {
            names.push_back(name);
        }
    }
    return names;
}

std::string space_separated(const std::vector<std::string>& words) {
    return fmt::format("{}", fmt::join(words, " "));
}

/// One `case` arm per verb of the tree under `app`, reached by `key` ("/import/osm").
void add_case_arms(const CLI::App& app, const std::string& key, std::string& verbs,
                   std::string& options, std::string& values) {
    verbs += fmt::format("    '{}') echo '{}' ;;\n", key, space_separated(verb_names(app)));
    options += fmt::format("    '{}') echo '{}' ;;\n", key, space_separated(option_names(app)));
    for (const std::string& name : value_option_names(app)) {
        values += fmt::format("    '{} {}') return 0 ;;\n", key, name);
    }
    for (const CLI::App* verb : verbs_of(app)) {
        add_case_arms(*verb, key + "/" + verb->get_name(), verbs, options, values);
    }
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

std::string bash_completion(const CLI::App& app) {
    std::string verbs;
    std::string options;
    std::string values;
    add_case_arms(app, "", verbs, options, values);
    return fmt::format(
        R"bash(# bash completion for dayafter, written by `dayafter --completion bash` from the same
# definitions as its --help. cmake --install puts it in share/bash-completion/completions/.

# The verbs under a place in the verb tree ('' is the top, '/import/osm' a verb).
_dayafter_verbs() {{
    case $1 in
{}    esac
}}

# The options of a verb.
_dayafter_options() {{
    case $1 in
{}    esac
}}

# Whether "PLACE OPTION" takes the next word as its value.
_dayafter_takes_value() {{
    case $1 in
{}    esac
    return 1
}}

_dayafter() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} path='' helping='' word i
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        if [[ -z $path && -z $helping && $word == help ]]; then
            helping=1
        elif [[ $word == -* ]]; then
            if [[ $word != *=* ]] && _dayafter_takes_value "$path $word"; then
                i=$((i + 1))
            fi
        elif [[ " $(_dayafter_verbs "$path") " == *" $word "* ]]; then
            path+=/$word
        elif [[ -n $(_dayafter_verbs "$path") ]]; then
            return 0 # not a verb where one belongs: nothing sensible to offer
        fi
    done
    # The word being completed is an option's value: bash completes file names.
    if ((i > COMP_CWORD)); then
        return 0
    fi
    local verbs
    verbs=$(_dayafter_verbs "$path")
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_dayafter_options "${{helping:+/help}}$path")" -- "$cur")
    elif [[ -n $helping ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$verbs" -- "$cur")
    elif [[ -n $verbs ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$verbs" -- "$cur")
    fi
}}
complete -o default -F _dayafter dayafter
)bash",
        verbs, options, values);
}

} // namespace dayafter::cli
