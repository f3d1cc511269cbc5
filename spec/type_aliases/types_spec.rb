# frozen_string_literal: true

require 'spec_helper'

describe 'Twitch::Mode' do
  it { is_expected.to allow_values('agent', 'apply') }
  it { is_expected.not_to allow_values('bogus', 'Agent', '', nil, 1) }
end

describe 'Twitch::Path' do
  it { is_expected.to allow_values('/usr/bin/node', '/opt/puppet-twitch', '/opt/node-20.1/bin/node', '/a_b+c') }
  it { is_expected.not_to allow_values('usr/bin/node', '/', '/opt/', '//opt', '/opt/../etc', '/opt/./x', '/opt/a b', '/opt/a,b', '/opt/%n', '/opt/a:b', '') }
end

describe 'Twitch::Account' do
  it { is_expected.to allow_values('twitch', '_svc', 'puppet-twitch', 'a1') }
  it { is_expected.not_to allow_values('Twitch', 'tw.itch', '1abc', 'root ALL', '', 'a' * 33) }
end

describe 'Twitch::Environment' do
  it { is_expected.to allow_values('production', 'feature_1', 'dev2', '_x') }
  it { is_expected.not_to allow_values('Production', 'feature-1', 'a b', '../x', '--server', "a\nb", '', nil, 1) }
end

describe 'Twitch::WindowsPath' do
  it { is_expected.to allow_values('C:\ProgramData\PuppetTwitch', 'C:\Program Files\nodejs\node.exe', 'D:\a_b+c\x.js', 'C:\Program Files (x86)\nssm\nssm.exe') }
  it { is_expected.not_to allow_values('C:\\', 'C:', 'C:relative', '\\\\server\share', 'C:\a\\', 'C:\..\x', 'C:\.\x', 'C:\a  b', 'C:\a "b', 'C:\%PATH%', 'C:\a&b', 'C:\a|b', 'C:\a^b', 'C:\a!b', 'C:\a<b', 'C:/a/b', '/usr/bin/node', '') }
end

describe 'Twitch::AnyPath' do
  it { is_expected.to allow_values('/usr/bin/node', 'C:\ProgramData\PuppetTwitch') }
  it { is_expected.not_to allow_values('node', 'C:relative', '/opt/a b', '') }
end

describe 'Twitch::WindowsAccount' do
  it { is_expected.to allow_values('NT AUTHORITY\LocalService', 'NT AUTHORITY\NetworkService') }
  it { is_expected.not_to allow_values('LocalSystem', 'NT AUTHORITY\SYSTEM', 'NT AUTHORITY\LOCAL SERVICE', '.\twitch', 'twitch', '') }
end
