# fish completion for mgr: every candidate, with its description, comes from `mgr __complete`
# (subcommands, options, log kinds, option choices, handles and open ids from the database).

function __mgr_complete
    set -l typed (commandline -opc)
    $typed[1] __complete $typed[2..-1] (commandline -ct) 2>/dev/null
end

complete -c mgr -f -a '(__mgr_complete)'
