using System.Text;

namespace RootSeg.Cli.Completion;

/// <summary>
/// A bash completion script for rootseg: command names, each command's options and sub-commands, the words of
/// options that take one of a few (such as <c>--recipe paper|fast</c>), and file names everywhere else.
/// </summary>
internal static class BashCompletion
{
    /// <summary>The script, built from the commands' usage texts.</summary>
    public static string Script(IReadOnlyList<ICommand> commands)
    {
        var usages = commands.ToDictionary(c => c.Name, c => UsageOptions.Of(c.Name, c.Usage), StringComparer.Ordinal);
        var script = new StringBuilder();
        script.Append("""
            # bash completion for rootseg; made by 'rootseg completion bash'.
            # Load it with: source <(rootseg completion bash)   or save it as /etc/bash_completion.d/rootseg
            _rootseg() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command=${COMP_WORDS[1]}
                COMPREPLY=()
                if [ "$COMP_CWORD" -eq 1 ]; then

            """);
        script.Append($"        COMPREPLY=($(compgen -W \"{string.Join(' ', commands.Select(c => c.Name))} --help --version\" -- \"$cur\"))\n");
        script.Append("""
                    return
                fi
                case "$command $prev" in

            """);
        foreach (var (name, usage) in usages)
        {
            foreach (var (option, words) in usage.Values)
            {
                script.Append($"        \"{name} --{option}\") COMPREPLY=($(compgen -W \"{string.Join(' ', words)}\" -- \"$cur\")); return ;;\n");
            }
        }
        script.Append("""
                esac
                if [[ $cur == -* ]]; then
                    case "$command" in

            """);
        foreach (var (name, usage) in usages)
        {
            var options = usage.Options.Select(o => "--" + o).Append("--help");
            script.Append($"            {name}) COMPREPLY=($(compgen -W \"{string.Join(' ', options)}\" -- \"$cur\")) ;;\n");
        }
        script.Append("""
                    esac
                    return
                fi
                case "$command" in

            """);
        foreach (var (name, usage) in usages.Where(u => u.Value.SubCommands.Count > 0))
        {
            script.Append($"        {name}) if [ \"$COMP_CWORD\" -eq 2 ]; then COMPREPLY=($(compgen -W \"{string.Join(' ', usage.SubCommands)}\" -- \"$cur\")); return; fi ;;\n");
        }
        script.Append("""
                esac
                COMPREPLY=($(compgen -f -- "$cur"))
            }
            complete -o filenames -o bashdefault -F _rootseg rootseg

            """);
        return script.ToString();
    }
}
