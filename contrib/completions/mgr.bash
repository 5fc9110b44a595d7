# bash completion for mgr
# Subcommands, options, log kinds, option choices, and from the database the handles of active
# people and the ids of open items: every candidate comes from `mgr __complete`, so the
# completion always matches the mgr being run.

_mgr() {
    local cur words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -n =: || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local IFS=$'\n'
    local line
    COMPREPLY=()
    for line in $("${words[0]}" __complete "${words[@]:1:cword-1}" "$cur" 2>/dev/null); do
        COMPREPLY+=("${line%%$'\t'*}")
    done
}

complete -F _mgr mgr
