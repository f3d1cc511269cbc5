@echo off
rem fake-puppet.bat: a scripted STAND-IN for puppet.bat, used only by the Wine tests (spec/windows).
rem It never runs Puppet. Each test copies it next to a behaviour.bat of its own, which may set:
rem   SLEEP=n    the run lasts about n seconds (default 0)
rem   EXIT=n     its exit code (default 0)
rem   CHILD=1    the run is a child process the stand-in waits for (NODE: its node.exe), which writes its
rem              PID to child.pid and beats (rewrites child.beat) every 200 ms until it is ended
rem Every invocation appends "start <argv>" and, if it ends by itself, "end <code>" to runs.log.
setlocal
set SLEEP=0
set EXIT=0
set CHILD=
if exist "%~dp0behaviour.bat" call "%~dp0behaviour.bat"
echo start %* >> "%~dp0runs.log"
echo Notice: stand-in puppet %*
if "%CHILD%"=="1" "%NODE%" -e "const fs=require('fs'),p=require('path'),d=process.argv[1];fs.writeFileSync(p.join(d,'child.pid'),String(process.pid));setInterval(()=>fs.writeFileSync(p.join(d,'child.beat'),String(Date.now())),200)" "%~dp0."
if not "%SLEEP%"=="0" ping -n %SLEEP% 127.0.0.1 > NUL
echo Notice: stand-in done
echo end %EXIT% >> "%~dp0runs.log"
exit /b %EXIT%
