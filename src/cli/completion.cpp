#include "completion.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "options.hpp"
#include "showup/errors.hpp"
#include "showup/time.hpp"
#include "showup/timeline.hpp"

namespace showup::cli {

namespace {

// What a value is, and so how a shell completes it.
struct Value {
    enum class Kind {
        none,
        choice,
        path,
        provider,
        schedule,
        absence,
        contact,
        topic,
        session,
        zone,
        statuses,
        weekdays,
        command // a command, then one of its own (`help away add`)
    };
    Kind kind = Kind::none;
    std::vector<std::string> choices;
};

struct Opt {
    std::vector<std::string> names; // "-f", "--file"
    std::string help;
    bool takes_value = false;
    Value value;
};

struct Cmd {
    std::string path; // "provider add"; "" for the root
    std::string name;
    std::string help;
    std::vector<Opt> options;
    std::vector<Value> positionals;
    std::vector<Cmd> subs;
};

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> out;
    std::string part;
    for (char c : text) {
        if (c == sep) {
            out.push_back(part);
            part.clear();
        } else {
            part += c;
        }
    }
    out.push_back(part);
    return out;
}

Value value_of(const CLI::Option& o) {
    const auto type = o.get_type_name();
    Value v;
    if (type.find('|') != std::string::npos) {
        v.kind = Value::Kind::choice;
        v.choices = split(type, '|');
    } else if (type == k_path_value) {
        v.kind = Value::Kind::path;
    } else if (type == k_zone_value) {
        v.kind = Value::Kind::zone;
    } else if (type == k_provider_value) {
        v.kind = Value::Kind::provider;
    } else if (type == k_statuses_value) {
        v.kind = Value::Kind::statuses;
        for (auto s : k_all_statuses) {
            v.choices.emplace_back(status_name(s));
        }
        v.choices.insert(v.choices.end(), std::begin(k_status_groups), std::end(k_status_groups));
    } else if (type == k_weekdays_value) {
        v.kind = Value::Kind::weekdays;
        for (unsigned i = 1; i <= 7; ++i) {
            v.choices.emplace_back(weekday_name(date::weekday{i % 7}));
        }
    }
    const auto name = o.get_name(true, false);
    if (name == k_schedule_value) {
        v.kind = Value::Kind::schedule;
    } else if (name == k_absence_value) {
        v.kind = Value::Kind::absence;
    } else if (name == k_contact_value) {
        v.kind = Value::Kind::contact;
    } else if (name == k_topic_value) {
        v.kind = Value::Kind::topic;
    } else if (name == k_session_value) {
        v.kind = Value::Kind::session;
    } else if (name == k_command_value) {
        v.kind = Value::Kind::command;
    }
    return v;
}

Cmd describe(const CLI::App& app, const std::string& path) {
    Cmd c;
    c.path = path;
    c.name = app.get_name();
    c.help = app.get_description();
    for (const auto* o : app.get_options()) {
        if (o->get_positional() && !o->nonpositional()) {
            c.positionals.push_back(value_of(*o));
            continue;
        }
        Opt opt;
        for (const auto& s : o->get_snames()) {
            opt.names.push_back("-" + s);
        }
        for (const auto& l : o->get_lnames()) {
            opt.names.push_back("--" + l);
        }
        opt.help = o->get_description();
        opt.takes_value = o->get_expected_min() > 0;
        opt.value = value_of(*o);
        c.options.push_back(std::move(opt));
    }
    for (const auto* sub :
         app.get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); })) {
        c.subs.push_back(
            describe(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name()));
    }
    return c;
}

// A root option that also stands after a command (all but help and version).
bool is_global(const Opt& o) {
    return o.names.back() != "--help" && o.names.back() != "--version";
}

template <typename F> void each(const Cmd& c, F f) {
    f(c);
    for (const auto& s : c.subs) {
        each(s, f);
    }
}

// A command whose argument is a command of showup's (help).
bool takes_commands(const Cmd& c) {
    return !c.positionals.empty() && c.positionals.front().kind == Value::Kind::command;
}

// "/provider/add" for "provider add"; "" for the root.
std::string slashed(const std::string& path) {
    std::string out = path.empty() ? "" : "/" + path;
    std::replace(out.begin(), out.end(), ' ', '/');
    return out;
}

// The name of the command that takes commands ("help").
std::string command_taker(const Cmd& root) {
    std::string name;
    each(root, [&](const Cmd& c) {
        if (takes_commands(c)) {
            name = c.name;
        }
    });
    return name;
}

std::string sub_names(const Cmd& c) {
    std::string out;
    for (const auto& s : c.subs) {
        out += (out.empty() ? "" : " ") + s.name;
    }
    return out;
}

// Text inside single quotes.
std::string single_quoted(const std::string& text) {
    std::string out;
    for (char ch : text) {
        out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    }
    return out;
}

std::string joined(const std::vector<std::string>& words, const char* sep = " ") {
    std::string out;
    for (const auto& w : words) {
        out += (out.empty() ? "" : sep) + w;
    }
    return out;
}

// What `showup completions --list` lists for a value of this kind; null for other kinds.
const char* live_kind(Value::Kind kind) {
    switch (kind) {
    case Value::Kind::provider:
        return "providers";
    case Value::Kind::schedule:
        return "schedules";
    case Value::Kind::absence:
        return "absences";
    case Value::Kind::contact:
        return "contacts";
    case Value::Kind::topic:
        return "topics";
    case Value::Kind::session:
        return "sessions";
    case Value::Kind::zone:
        return "zones";
    default:
        return nullptr;
    }
}

std::string bash_values(const Value& v) {
    if (const char* kind = live_kind(v.kind)) {
        // Sessions come nearest first, an order worth keeping.
        return fmt::format("{}_showup_live_words {}",
                           v.kind == Value::Kind::session ? "compopt -o nosort 2>/dev/null; " : "",
                           kind);
    }
    switch (v.kind) {
    case Value::Kind::path:
        return "_showup_files";
    case Value::Kind::command:
        return "COMPREPLY=($(compgen -W \"$(_showup_subcommands \"$sub\")\" -- \"$cur\"))";
    case Value::Kind::choice:
        return fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", joined(v.choices));
    case Value::Kind::statuses:
    case Value::Kind::weekdays:
        // A comma-separated list: complete the word after the last comma.
        return fmt::format("_showup_list \"{}\"", joined(v.choices));
    default:
        return "";
    }
}

std::string bash(const Cmd& root) {
    std::string out =
        R"SH(# bash completion for showup                              -*- shell-script -*-
# Generated by 'showup completions bash' from the command-line definition; do not edit.

_showup_files() {
    if declare -F _filedir >/dev/null; then _filedir; else COMPREPLY=($(compgen -f -- "$cur")); fi
}

_showup_list() {
    local prefix="" last=$cur
    if [[ $cur == *,* ]]; then prefix=${cur%,*},; last=${cur##*,}; fi
    COMPREPLY=($(compgen -P "$prefix" -W "$1" -- "$last"))
}

# A word of the line as the shell will pass it: without its quotes, with ~ as the home.
_showup_word() {
    local w=${1#[\"\']}
    w=${w%[\"\']}
    [[ $w == \~/* ]] && w=$HOME/${w#\~/}
    printf '%s' "$w"
}

# Values from the data file the line names (-f FILE, --file FILE, --file=FILE, before or after
# the command), else the one showup finds itself; with the line's --now. (bash hides from a
# completion a SHOWUP_FILE=... written before the command; an exported one is seen.)
_showup_live_words() {
    local args=(completions --list "$1") i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            -f|--file) args+=(--file "$(_showup_word "${words[i+1]}")") ;;
            --file=*) args+=(--file "$(_showup_word "${words[i]#*=}")") ;;
            --now) args+=(--now "$(_showup_word "${words[i+1]}")") ;;
            --now=*) args+=(--now "$(_showup_word "${words[i]#*=}")") ;;
        esac
    done
    COMPREPLY=($(compgen -W "$(showup "${args[@]}" 2>/dev/null)" -- "$cur"))
}

_showup() {
    # The words up to the cursor, with "--opt=value" one word whatever COMP_WORDBREAKS splits.
    local words=() cword=0 i joined=0 w
    for ((i = 0; i <= COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if ((joined)); then
            words[-1]+=$w
            joined=0
        elif [[ $w == = && ${#words[@]} -gt 1 && ${words[-1]} == --* ]]; then
            words[-1]+==
            joined=1
        else
            words+=("$w")
        fi
    done
    cword=$((${#words[@]} - 1))
    local cur=${words[cword]} prev=${words[cword-1]} eq=""
    # --opt=value: complete the value; bash replaces only what follows "=" when it split there.
    if [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        cur=${cur#*=}
        [[ ${COMP_WORDS[COMP_CWORD]} == "$prev="* ]] && eq=$prev=
    fi
    COMPREPLY=()
    _showup_complete
    if [[ -n $eq ]]; then COMPREPLY=("${COMPREPLY[@]/#/$eq}"); fi
}

_showup_complete() {
    local path="" sub="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
)SH";
    std::vector<std::string> valued;
    for (const auto& o : root.options) {
        if (is_global(o) && o.takes_value) {
            valued.insert(valued.end(), o.names.begin(), o.names.end());
        }
    }
    out += "            " + joined(valued, "|") + ") ((i++)); continue ;;\n";
    out += "        esac\n";
    // After a command that takes commands (help), the words are the path it names.
    each(root, [&](const Cmd& c) {
        if (takes_commands(c)) {
            out += fmt::format("        if [[ $path == {} && ${{words[i]}} != -* ]]; then "
                               "sub+=/${{words[i]}}; continue; fi\n",
                               slashed(c.path));
        }
    });
    out += "        case \"$path/${words[i]}\" in\n";
    std::vector<std::string> paths;
    each(root, [&](const Cmd& c) {
        if (!c.path.empty()) {
            paths.push_back(slashed(c.path));
        }
    });
    out += "            " + joined(paths, "|") + ") path=\"$path/${words[i]}\" ;;\n";
    out += "        esac\n    done\n\n    # The value of an option.\n    case \"$path $prev\" in\n";
    const auto value_cases = [&](const Cmd& c, const std::string& pattern) {
        for (const auto& o : c.options) {
            if (!o.takes_value) {
                continue;
            }
            std::vector<std::string> pats;
            for (const auto& n : o.names) {
                pats.push_back(pattern.empty() ? fmt::format("*\" {}\"", n)
                                               : fmt::format("\"{} {}\"", pattern, n));
            }
            const auto action = bash_values(o.value);
            out += fmt::format("        {}) {}; return ;;\n", joined(pats, "|"),
                               action.empty() ? ":" : action);
        }
    };
    // Global options work after any command.
    value_cases(root, "");
    each(root, [&](const Cmd& c) {
        if (!c.path.empty()) {
            value_cases(c, slashed(c.path));
        }
    });
    out += "    esac\n\n    case \"$path\" in\n";
    std::vector<std::string> globals;
    for (const auto& o : root.options) {
        if (is_global(o)) {
            globals.insert(globals.end(), o.names.begin(), o.names.end());
        }
    }
    each(root, [&](const Cmd& c) {
        std::vector<std::string> options = c.path.empty() ? std::vector<std::string>{} : globals;
        for (const auto& o : c.options) {
            options.insert(options.end(), o.names.begin(), o.names.end());
        }
        out += fmt::format("        \"{}\")\n", slashed(c.path));
        out += fmt::format("            if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"{}\" "
                           "-- \"$cur\")); return; fi\n",
                           joined(options));
        if (!c.subs.empty()) {
            out += fmt::format("            COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))\n",
                               sub_names(c));
        } else if (!c.positionals.empty() && c.positionals.front().kind != Value::Kind::none) {
            out += "            " + bash_values(c.positionals.front()) + "\n";
        }
        out += "            ;;\n";
    });
    out += "    esac\n}\n\n# The commands of a command (\"/away\"), or of showup (\"\").\n"
           "_showup_subcommands() {\n    case $1 in\n";
    each(root, [&](const Cmd& c) {
        if (!c.subs.empty()) {
            out += fmt::format("        \"{}\") echo \"{}\" ;;\n", slashed(c.path), sub_names(c));
        }
    });
    out += "    esac\n}\n\ncomplete -F _showup showup\n";
    return out;
}

// zsh: text inside an _arguments spec's brackets.
std::string zsh_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '[' || c == ']' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return single_quoted(out);
}

// zsh: the description of a `_describe` entry, where a colon would end the name.
std::string describe_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c == ':' ? std::string("\\:") : std::string(1, c);
    }
    return out;
}

std::string zsh_action(const Value& v) {
    if (const char* kind = live_kind(v.kind)) {
        std::string tag = kind; // "providers": "provider"
        tag.pop_back();
        // Sessions come nearest first, an order worth keeping.
        return fmt::format("{{__showup_values {} {}{}}}", kind, tag,
                           v.kind == Value::Kind::session ? " -V" : "");
    }
    switch (v.kind) {
    case Value::Kind::path:
        return "_files";
    case Value::Kind::command:
        return "__showup_subcommands";
    case Value::Kind::choice:
        return fmt::format("({})", joined(v.choices));
    case Value::Kind::statuses:
    case Value::Kind::weekdays:
        return fmt::format("_sequence compadd - {}", joined(v.choices));
    default:
        return " ";
    }
}

std::string zsh_function_name(const Cmd& c) {
    return c.path.empty() ? "_showup" : "_showup_" + joined(split(c.path, ' '), "_");
}

std::string zsh(const Cmd& root) {
    std::string out = R"SH(#compdef showup
# Generated by 'showup completions zsh' from the command-line definition; do not edit.

# Values from the data file the line names (-f FILE, --file FILE, --file=FILE, before or after
# the command, or SHOWUP_FILE=FILE before it), else the one showup finds itself; with the
# line's --now. Each value, a tab, and what it is.
__showup_live() {
    local -a line args env
    local i w
    line=(${(z)LBUFFER})
    for ((i = 1; i <= $#line; i++)); do
        w=${(Q)line[i]}
        case $w in
            ';'|'&&'|'||'|'|'|'&') args=() env=() ;;
            SHOWUP_FILE=*) env=(SHOWUP_FILE=${${w#*=}/#\~/$HOME}) ;;
            -f|--file) args+=(--file ${${(Q)line[i+1]}/#\~/$HOME}) ;;
            --file=*) args+=(--file ${${w#*=}/#\~/$HOME}) ;;
            --now) args+=(--now ${(Q)line[i+1]}) ;;
            --now=*) args+=(--now ${w#*=}) ;;
        esac
    done
    env "${env[@]}" showup completions --list $1 --describe "${args[@]}" 2>/dev/null
}

# __showup_values KIND TAG [-V]: the live values of KIND described (-V: in the order given).
__showup_values() {
    local -a items
    items=(${(f)"$(__showup_live $1)"})
    items=(${items//:/\\:})
    items=(${items/$'\t'/:})
    _describe $3 -t $1 $2 items
}
)SH";
    const auto specs = [](const Cmd& c) {
        std::vector<std::string> lines;
        for (const auto& o : c.options) {
            const auto help = zsh_escape(o.help);
            const auto value = o.takes_value ? ":value:" + single_quoted(zsh_action(o.value)) : "";
            // A long option's value may follow it after "=" as well as in the next word.
            std::vector<std::string> names;
            for (const auto& n : o.names) {
                names.push_back(o.takes_value && n.starts_with("--") ? n + "=" : n);
            }
            if (names.size() == 1) {
                lines.push_back(fmt::format("'{}[{}]{}'", names[0], help, value));
            } else {
                lines.push_back(fmt::format("'({})'{{{}}}'[{}]{}'", joined(o.names),
                                            joined(names, ","), help, value));
            }
        }
        return lines;
    };
    // The commands of the command typed so far after `help` ("away"), or of showup.
    out += "\n__showup_subcommands() {\n    local -a commands typed\n"
           "    typed=(${words[1,CURRENT-1]:#-*})\n";
    out += fmt::format("    [[ $typed[1] == {} ]] && shift typed\n", command_taker(root));
    out += "    case \"${(j: :)typed}\" in\n";
    each(root, [&](const Cmd& c) {
        if (c.subs.empty()) {
            return;
        }
        out += fmt::format("        '{}') commands=(", c.path);
        for (const auto& sub : c.subs) {
            out += fmt::format(" '{}:{}'", sub.name, single_quoted(describe_escape(sub.help)));
        }
        out += " ) ;;\n";
    });
    out += "    esac\n    _describe -t commands 'showup command' commands\n}\n";
    // Global options, less help and version, stand in every command's spec as well.
    auto root_options = root;
    std::erase_if(root_options.options, [](const Opt& o) { return !is_global(o); });
    const auto globals = specs(root_options);
    each(root, [&](const Cmd& c) {
        out += fmt::format("\n{}() {{\n", zsh_function_name(c));
        auto lines = specs(c);
        if (!c.path.empty()) {
            lines.insert(lines.begin(), globals.begin(), globals.end());
        }
        if (!c.subs.empty()) {
            out += "    local curcontext=\"$curcontext\" state line\n    local -a commands\n";
            // Options after the command are the command's (its spec has the global ones too):
            // left to this level, they would hide the command's words from it.
            out += "    _arguments -C -A '-*' \\\n";
            for (const auto& l : lines) {
                out += "        " + l + " \\\n";
            }
            out += "        '1:command:->command' \\\n        '*::argument:->argument'\n";
            out += "    case $state in\n        command)\n            commands=(\n";
            for (const auto& s : c.subs) {
                out += fmt::format("                '{}:{}'\n", s.name,
                                   single_quoted(describe_escape(s.help)));
            }
            out +=
                "            )\n            _describe -t commands 'showup command' commands ;;\n";
            out += "        argument)\n            case $line[1] in\n";
            for (const auto& s : c.subs) {
                out += fmt::format("                {}) {} ;;\n", s.name, zsh_function_name(s));
            }
            out += "            esac ;;\n    esac\n}\n";
            return;
        }
        out += "    _arguments \\\n";
        for (const auto& l : lines) {
            out += "        " + l + " \\\n";
        }
        if (takes_commands(c)) {
            // Every word: a command, then one of its own.
            out += fmt::format("        '*::command:{}'\n}}\n", zsh_action(c.positionals.front()));
            return;
        }
        if (!c.positionals.empty()) {
            out += fmt::format("        '1::value:{}' \\\n",
                               single_quoted(zsh_action(c.positionals.front())));
        }
        out += "        '*:: :'\n}\n";
    });
    out += "\n_showup \"$@\"\n";
    return out;
}

std::string fish_values(const Value& v) {
    if (const char* kind = live_kind(v.kind)) {
        // Sessions come nearest first, an order worth keeping.
        return fmt::format("{} -x -a '(__showup_live {})'",
                           v.kind == Value::Kind::session ? " -k" : "", kind);
    }
    switch (v.kind) {
    case Value::Kind::path:
        return " -r -F";
    case Value::Kind::command:
        return " -x -a '(__showup_subcommands)'";
    case Value::Kind::choice:
        return fmt::format(" -x -a '{}'", joined(v.choices));
    case Value::Kind::statuses:
    case Value::Kind::weekdays:
        return fmt::format(" -x -a '(__showup_list {})'", joined(v.choices));
    default:
        return " -x";
    }
}

std::string fish(const Cmd& root) {
    std::string out = R"SH(# fish completion for showup
# Generated by 'showup completions fish' from the command-line definition; do not edit.

# Values from the data file the line names (-f FILE, --file FILE, --file=FILE, before or after
# the command, or SHOWUP_FILE=FILE before it), else the one showup finds itself; with the
# line's --now. Each value, a tab, and what it is.
function __showup_live
    set -l args completions --list $argv[1] --describe
    set -l env
    set -l words (commandline -opc)
    for i in (seq (count $words))
        set -l next $words[(math $i + 1)]
        switch $words[$i]
            case 'SHOWUP_FILE=*'
                set env (string replace -r '^SHOWUP_FILE=' '' -- $words[$i])
            case -f --file
                set -a args --file $next
            case '--file=*'
                set -a args --file (string replace -r '^--file=' '' -- $words[$i])
            case --now
                set -a args --now $next
            case '--now=*'
                set -a args --now (string replace -r '^--now=' '' -- $words[$i])
        end
    end
    set args (string replace -r '^~/' "$HOME/" -- $args)
    set env (string replace -r '^~/' "$HOME/" -- $env)
    if set -q env[1]
        env SHOWUP_FILE=$env showup $args 2>/dev/null
    else
        showup $args 2>/dev/null
    end
end

# A comma-separated list (--every mon,thu): each value after what the word has already.
function __showup_list
    set -l prefix (commandline -ct | string replace -r -- '^--[^=]*=' '' | string match -r -- '^.*,')
    for value in $argv
        echo "$prefix$value"
    end
end

# The command path typed so far ("provider add"), from the words before the cursor.
function __showup_path
    set -l path
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch "$path $word"
)SH";
    std::vector<std::string> valued;
    for (const auto& o : root.options) {
        if (is_global(o) && o.takes_value) {
            for (const auto& n : o.names) {
                valued.push_back("'* " + n + "'");
            }
        }
    }
    out += "            case " + joined(valued) + "\n                set skip 1\n";
    std::vector<std::string> known;
    each(root, [&](const Cmd& c) {
        if (!c.path.empty()) {
            known.push_back("'" + (c.path.find(' ') == std::string::npos ? " " + c.path : c.path) +
                            "'");
        }
    });
    out += "            case " + joined(known) +
           "\n                set path (string trim -- \"$path $word\")\n";
    out += "        end\n    end\n    echo \"$path\"\nend\n";
    // The commands of the command typed so far after `help` ("away"), or of showup.
    out += fmt::format(R"SH(
# The commands of the command typed after {0} ("away"), or showup's: each, a tab, what it does.
function __showup_subcommands
    set -l typed
    set -l after 0
    for word in (commandline -opc)[2..-1]
        if test $after = 1
            string match -q -- '-*' $word; or set -a typed $word
        else if test "$word" = {0}
            set after 1
        end
    end
    switch "$typed"
)SH",
                       command_taker(root));
    each(root, [&](const Cmd& c) {
        if (c.subs.empty()) {
            return;
        }
        out += fmt::format("        case '{}'\n", c.path);
        for (const auto& sub : c.subs) {
            out += fmt::format("            printf '%s\\t%s\\n' {} '{}'\n", sub.name,
                               single_quoted(sub.help));
        }
    });
    out += "    end\nend\n\ncomplete -c showup -f\n";
    const auto option_lines = [&](const Opt& o, const std::string& cond) {
        std::string line = fmt::format("complete -c showup -n '{}'", cond);
        for (const auto& n : o.names) {
            line += n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1);
        }
        line += fmt::format(" -d '{}'", single_quoted(o.help));
        if (o.takes_value) {
            line += fish_values(o.value);
        }
        out += line + "\n";
    };
    for (const auto& o : root.options) {
        option_lines(o, "true");
    }
    each(root, [&](const Cmd& c) {
        const auto cond = fmt::format("test (__showup_path) = \"{}\"", c.path);
        for (const auto& s : c.subs) {
            out += fmt::format("complete -c showup -n '{}' -a {} -d '{}'\n", cond, s.name,
                               single_quoted(s.help));
        }
        if (c.path.empty()) {
            return;
        }
        for (const auto& o : c.options) {
            option_lines(o, cond);
        }
        if (!c.positionals.empty() && c.positionals.front().kind != Value::Kind::none) {
            out += fmt::format("complete -c showup -n '{}'{}\n", cond,
                               fish_values(c.positionals.front()));
        }
    });
    return out;
}

} // namespace

std::string completion_script(const CLI::App& root, std::string_view shell) {
    const auto tree = describe(root, "");
    if (shell == "bash") {
        return bash(tree);
    }
    if (shell == "zsh") {
        return zsh(tree);
    }
    if (shell == "fish") {
        return fish(tree);
    }
    throw UsageError(fmt::format("no completion for the shell \"{}\" (bash, zsh, fish)", shell));
}

std::vector<std::string> command_paths(const CLI::App& root) {
    std::vector<std::string> out;
    each(describe(root, ""), [&](const Cmd& c) {
        if (!c.path.empty()) {
            out.push_back(c.path);
        }
    });
    return out;
}

} // namespace showup::cli
