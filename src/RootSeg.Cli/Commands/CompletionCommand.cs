using RootSeg.Cli.Completion;

namespace RootSeg.Cli.Commands;

/// <summary>`rootseg completion bash`: prints the shell completion script (<see cref="BashCompletion"/>).</summary>
internal sealed class CompletionCommand : ICommand
{
    public string Name => "completion";

    public string Summary => "print a bash completion script for every command and option";

    public string Usage => """
        usage: rootseg completion bash

        Prints a bash script that completes command names, options, sub-commands, the words of options that take
        one of a few (train's recipe: paper or fast) and file names elsewhere. Load it in the current shell with
        'source <(rootseg completion bash)', or for every shell save it as /etc/bash_completion.d/rootseg
        (zsh: 'autoload -U bashcompinit && bashcompinit' first).
        """;

    public int Run(CommandOptions options)
    {
        options.ThrowIfUnused(allowPositional: true);
        if (options.Positional.Count > 1)
        {
            throw new UsageException($"unexpected argument '{options.Positional[1]}'");
        }
        var shell = options.Positional.FirstOrDefault();
        if (shell != "bash")
        {
            throw new UsageException(shell is null ? "say which shell: bash" : $"no completion for '{shell}'; bash is the one written");
        }
        Console.Write(BashCompletion.Script(CommandRouter.Commands()));
        return ExitCodes.Success;
    }
}
