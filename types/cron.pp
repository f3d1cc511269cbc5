# @summary A cron expression for scheduled runs: 5 fields, or 6 with seconds first
#
# Fields hold digits, names (`mon`, `jan`), `*`, `,`, `-`, `/` and `?`, for
# example `*/30 * * * *`. The service checks the expression fully at start.
type Twitch::Cron = Pattern[/\A[0-9A-Za-z*,\/?-]+(?: [0-9A-Za-z*,\/?-]+){4,5}\z/]
