# @summary How the service runs Puppet
#
# `agent` runs `puppet agent` against the node's Puppet server; `apply` runs
# `puppet apply` with a local manifest (masterless).
type Twitch::Mode = Enum['agent', 'apply']
