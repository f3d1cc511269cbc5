# check-node.ps1: what the Wine tests cannot show, checked on a real Windows node running puppet-twitch
# (docs/windows.md, "What the Wine tests cannot show"). Run as an administrator:
#   powershell -ExecutionPolicy Bypass -File check-node.ps1 [-Config C:\ProgramData\PuppetTwitch\config.json]
#       [-Service PuppetTwitch] [-Helper PuppetTwitchHelper] [-Url http://127.0.0.1:2023] [-Token <token>]
# It changes nothing but what a trigger does: with -Trigger it asks for one noop run and waits for its record.
param(
  [string]$Config = "$env:ProgramData\PuppetTwitch\config.json",
  [string]$Service = 'PuppetTwitch',
  [string]$Helper = 'PuppetTwitchHelper',
  [string]$Url = 'http://127.0.0.1:2023',
  [string]$Token = '',
  [switch]$Trigger
)
$ErrorActionPreference = 'Stop'
$failed = 0
function Check([string]$what, [bool]$ok, [string]$detail) {
  if ($ok) { Write-Output "ok    $what" } else { Write-Output "FAIL  $($what): $detail"; $script:failed++ }
}

# The two services and their accounts: the helper as SYSTEM, the service as another account, not an administrator.
$svc = Get-CimInstance Win32_Service -Filter "Name='$Service'"
$hlp = Get-CimInstance Win32_Service -Filter "Name='$Helper'"
Check "service $Service exists and runs" ($svc -and $svc.State -eq 'Running') "$($svc.State)"
Check "helper service $Helper exists and runs" ($hlp -and $hlp.State -eq 'Running') "$($hlp.State)"
if ($hlp) { Check "helper service runs as LocalSystem" ($hlp.StartName -eq 'LocalSystem') "it runs as $($hlp.StartName)" }
if ($svc) {
  Check "service does not run as LocalSystem" ($svc.StartName -ne 'LocalSystem') "it runs as $($svc.StartName)"
  $account = ($svc.StartName -replace '^\.\\', "$env:COMPUTERNAME\")
  $admins = Get-LocalGroupMember -SID 'S-1-5-32-544' | ForEach-Object { $_.Name }
  Check "service account is not an administrator" (-not ($admins -contains $account)) "$account is in Administrators"
}

# Who may change what the helper service reads and runs: SYSTEM and Administrators only.
$trusted = @('NT AUTHORITY\SYSTEM', 'BUILTIN\Administrators')
function Writers([string]$path) {
  (Get-Acl $path).Access | Where-Object {
    $_.AccessControlType -eq 'Allow' -and ($_.FileSystemRights.ToString() -match 'Write|Modify|FullControl|CreateFiles|AppendData|TakeOwnership|ChangePermissions')
  } | ForEach-Object { $_.IdentityReference.Value } | Sort-Object -Unique
}
foreach ($path in @((Split-Path $Config), $Config)) {
  if (Test-Path $path) {
    $others = Writers $path | Where-Object { $trusted -notcontains $_ -and $_ -ne 'CREATOR OWNER' }
    Check "only SYSTEM and Administrators may write $path" ($others.Count -eq 0) "also: $($others -join ', ')"
  } else { Check "$path exists" $false 'missing' }
}

# The pipe, and who may open it (Node leaves Windows' default ACL on it).
$pipe = '\\.\pipe\puppet-twitch-helper'
Check "the helper service's pipe exists" (Test-Path $pipe) 'no such pipe: is the helper service running?'
try {
  $acl = [System.IO.Directory]::GetAccessControl($pipe)
  $who = $acl.Access | ForEach-Object { "$($_.IdentityReference) $($_.FileSystemRights)" }
  Write-Output "info  the pipe's ACL: $($who -join '; ')"
} catch { Write-Output "info  the pipe's ACL cannot be read here: $($_.Exception.Message)" }

# Puppet where the config says, or where the defaults look.
$cfg = if (Test-Path $Config) { Get-Content $Config -Raw | ConvertFrom-Json } else { $null }
$bin = if ($cfg -and $cfg.puppet -and $cfg.puppet.bin) { $cfg.puppet.bin } else { "$env:ProgramFiles\Puppet Labs\Puppet\bin\puppet.bat" }
Check "puppet at $bin" (Test-Path $bin) 'missing: set puppet.bin'

# The service answers, and (with -Trigger) a noop run goes through the pipe and is recorded.
$headers = @{}
if ($Token) { $headers['Authorization'] = "Bearer $Token" }
try {
  $health = Invoke-WebRequest -UseBasicParsing -Uri "$Url/healthz" -TimeoutSec 10
  Check "the service answers $Url/healthz" ($health.StatusCode -eq 200) "$($health.StatusCode)"
} catch { Check "the service answers $Url/healthz" $false $_.Exception.Message }
if ($Trigger) {
  try {
    $answer = Invoke-WebRequest -UseBasicParsing -Method Post -Uri "$Url/puppet/twitch?noop=true" -Headers $headers -TimeoutSec 30
    $location = $answer.Headers['Location']
    $deadline = (Get-Date).AddMinutes(30)
    do {
      Start-Sleep -Seconds 5
      $record = Invoke-RestMethod -Uri "$Url$location" -Headers $headers -TimeoutSec 30
    } while ($record.state -ne 'finished' -and (Get-Date) -lt $deadline)
    Check "a noop trigger ran through the helper service and finished" ($record.state -eq 'finished') "state $($record.state)"
    Write-Output "info  outcome $($record.outcome), exit code $($record.exit_code)"
  } catch { Check "a noop trigger" $false $_.Exception.Message }
}

if ($failed -gt 0) { Write-Output "$failed check(s) failed"; exit 1 }
Write-Output 'all checks passed'
