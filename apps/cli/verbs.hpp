// The verbs as a tree, for what the CLI says about itself: `dayafter help VERB`, the nearest verb
// to a typo, and the bash completion. All of it is read from the same CLI11 definitions that
// print --help, so none of it can drift from the verbs and options that exist.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace dayafter::cli {

/// The verbs directly under `app`, in the order they were added. CLI11 keeps option groups as
/// nameless subcommands; they are left out.
[[nodiscard]] std::vector<const CLI::App*> verbs_of(const CLI::App& app);
[[nodiscard]] std::vector<CLI::App*> verbs_of(CLI::App& app);

/// A word where a verb was expected that names none.
struct UnknownVerb {
    std::vector<std::string> path; // the verbs before it
    std::string word;
    std::optional<std::string> nearest; // the verb it most likely misspells
    /// "'import osmm' is not a verb; did you mean 'import osm'? ..."
    [[nodiscard]] std::string message() const;
};

/// Walks `words` (the arguments after the program's name) down the verbs and returns the first
/// word that should name a verb and does not. Options and their values are skipped; the walk
/// stops at a verb without verbs under it, whose other words are its own arguments.
[[nodiscard]] std::optional<UnknownVerb> find_unknown_verb(const CLI::App& app,
                                                           std::span<const std::string> words);

/// The help `dayafter VERB... --help` prints, for the verb reached by `path` from `app`; throws
/// InputError (with the nearest verb) when a word of `path` is not a verb there.
[[nodiscard]] std::string help_text(const CLI::App& app, std::span<const std::string> path);

/// A bash completion script for `app`: every verb, and each verb's options; after an option
/// that takes a value, and for positional arguments, bash completes file names.
[[nodiscard]] std::string bash_completion(const CLI::App& app);

} // namespace dayafter::cli
