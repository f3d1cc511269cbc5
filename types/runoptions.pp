# @summary Run options of scheduled runs, as a caller of the HTTP API gives them
type Twitch::RunOptions = Struct[{
    Optional['noop']        => Boolean,
    Optional['tags']        => Array[Pattern[/\A[a-z0-9_][a-z0-9_:.-]*\z/]],
    Optional['skip_tags']   => Array[Pattern[/\A[a-z0-9_][a-z0-9_:.-]*\z/]],
    Optional['environment'] => Twitch::Environment,
}]
