@echo off
rem The minicoin launcher for Windows, doing what ./minicoin does: builds target\minicoin.jar when it
rem is missing or older than the sources, then runs it with the arguments given and the JVM flags
rem in jvm.options (the one file every launcher reads). Needs a JDK 17+ and Maven.
rem Paths may hold spaces and parentheses: every path is quoted, and no path is expanded inside a
rem parenthesized block (cmd would end the block at the first ")" of the path).
setlocal EnableExtensions DisableDelayedExpansion
set "HERE=%~dp0"
set "TARGET=%HERE%target"
set "JAR=%HERE%target\minicoin.jar"
set "OPTIONS=%HERE%jvm.options"
rem A crash report goes to the temp directory, never into the user's directory (see jvm.options).
set "CRASH_REPORT=-XX:ErrorFile=%TEMP%\minicoin_hs_err_pid%%p.log"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"

if not exist "%JAR%" goto build
if not exist "%TARGET%\lib" goto build

rem cmd has no cheap way to compare file times (PowerShell would add a third of a second to every
rem command), so the program checks: with minicoin.sources set it first compares the sources with
rem the jar, and exits with 75 when the jar is older. Then we build and run it again.
set CHECKING=1
set STALE_CHECK="-Dminicoin.sources=%HERE%."
goto run

:build
if not exist "%TARGET%" mkdir "%TARGET%"
rem Several windows may start at once: one builds, the others wait for it. Holding the lock file
rem open for writing is the lock; the others fail to open it and retry every second.
:lock
set "BUILT="
2>nul (
  9>"%TARGET%\.build-lock" (
    call :buildlocked
    (call )
  )
) || (
  >nul timeout /t 1 /nobreak
  goto lock
)
if "%BUILT%"=="failed" exit /b 1
set "CHECKING="
set "STALE_CHECK="
goto run

:buildlocked
if not exist "%USERPROFILE%\.m2\repository\commons-cli\commons-cli" echo minicoin: first build: Maven downloads the dependencies once (a minute or two)... 1>&2
echo minicoin: building "%JAR%" (first run, or the sources changed)... 1>&2
pushd "%HERE%"
call mvn -B -q -DskipTests package >"%TARGET%\build.log" 2>&1
if errorlevel 1 goto buildfailed
popd
set "BUILT=yes"
exit /b 0
:buildfailed
popd
type "%TARGET%\build.log" 1>&2
echo minicoin: the build failed (log: "%TARGET%\build.log") 1>&2
set "BUILT=failed"
exit /b 0

:run
rem The JDK's feature version, read from the 'release' file of the JDK that runs us (starting a
rem second JVM just to ask would cost time on every command). Unknown (0) is fine: see below.
set "JDKHOME="
if defined JAVA_HOME set "JDKHOME=%JAVA_HOME%"
if not defined JDKHOME for %%j in (java.exe) do set "JDKHOME=%%~dp$PATH:j.."
set "MAJOR=0"
set "JV="
if exist "%JDKHOME%\release" for /f "usebackq tokens=1,2 delims==" %%a in ("%JDKHOME%\release") do if "%%a"=="JAVA_VERSION" set "JV=%%~b"
if defined JV for /f "tokens=1 delims=._+-" %%m in ("%JV%") do set "MAJOR=%%m"

rem The command's name: the first word that is not a flag or a flag's value.
set "NAME=none"
call :name %*
rem A node that mines (-miner) is a command of its own here, startnode-miner: it keeps the
rem optimizing compiler, and its own class-data archive (as in ./minicoin).
if /i "%NAME%"=="startnode" call :miner %*

rem Short commands get only the quick compiler (see jvm-short.options); these run long or mine, and
rem get a flag jvm.options already holds in its place.
set "SHORT=@%HERE%jvm-short.options"
for %%c in (startnode-miner demo bench send createblockchain reindexutxo verifychain) do if /i "%NAME%"=="%%c" set "SHORT=-XX:+IgnoreUnrecognizedVMOptions"

rem Class-data sharing, as in ./minicoin: a command's first run notes the classes it loads, the
rem archive is built in the background, later runs map it. JDK 24+ keeps an AOT cache, older JDKs a
rem static CDS archive. An archive is named by target\build-id, a number every build writes anew:
rem one made from an older build (whose jar or libraries may differ, even at equal sizes) is never
rem used, and is deleted when this command's new one is started. Without a build-id (a jar built
rem otherwise) the command runs without an archive.
set "BUILD_ID="
if exist "%TARGET%\build-id" set /p BUILD_ID=<"%TARGET%\build-id"
if defined BUILD_ID for /f "delims=0123456789" %%x in ("%BUILD_ID%") do set "BUILD_ID="
if not defined BUILD_ID goto nocds
if not exist "%TARGET%\cds" mkdir "%TARGET%\cds"
set "EXT=jsa"
if %MAJOR% GEQ 24 set "EXT=aot"
set "CACHE=%TARGET%\cds\%NAME%-jdk%MAJOR%-%BUILD_ID%.%EXT%"
if exist "%CACHE%" goto cdsuse
del /q "%TARGET%\cds\%NAME%-jdk%MAJOR%-*.%EXT%" >nul 2>&1
set "TMP_CACHE=%CACHE%.%RANDOM%"
if %MAJOR% GEQ 24 goto aotrecord
"%JAVA%" "@%OPTIONS%" "%SHORT%" "%CRASH_REPORT%" %STALE_CHECK% "-XX:DumpLoadedClassList=%TMP_CACHE%.notes" -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
call :worked || goto dropnotes
if not exist "%TMP_CACHE%.notes" goto done
rem The archive is built in the background, so this command does not wait for it, under a
rem temporary name and renamed, so windows starting together never see half an archive. The
rem background cmd expands the paths itself (/v:on, !NAME!), after it has parsed the line: paths
rem written into the line as %NAME% would be parsed by this cmd outside quotes (the line's own
rem quotes pair up around the operators), and one holding & | < > ^ would break it.
start "" /b cmd /d /v:on /c ""!JAVA!" "@!OPTIONS!" "!CRASH_REPORT!" -Xshare:dump "-XX:SharedClassListFile=!TMP_CACHE!.notes" "-XX:SharedArchiveFile=!TMP_CACHE!" -cp "!JAR!" >nul 2>&1 && move /y "!TMP_CACHE!" "!CACHE!" >nul & del /q "!TMP_CACHE!.notes" "!TMP_CACHE!" >nul 2>&1"
goto done
:dropnotes
del /q "%TMP_CACHE%.notes" >nul 2>&1
goto done
:cdsuse
if %MAJOR% GEQ 24 goto aotuse
"%JAVA%" "@%OPTIONS%" "%SHORT%" "%CRASH_REPORT%" %STALE_CHECK% "-XX:SharedArchiveFile=%CACHE%" -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
goto done
:nocds
"%JAVA%" "@%OPTIONS%" "%SHORT%" "%CRASH_REPORT%" %STALE_CHECK% -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
goto done

:aotrecord
"%JAVA%" "@%OPTIONS%" "%SHORT%" "%CRASH_REPORT%" %STALE_CHECK% -Xlog:aot=off -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:AOTMode=record "-XX:AOTConfiguration=%TMP_CACHE%.conf" -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
call :worked || goto dropconf
if not exist "%TMP_CACHE%.conf" goto done
rem In the background, under a temporary name, the paths expanded by the background cmd: as above.
start "" /b cmd /d /v:on /c ""!JAVA!" "@!OPTIONS!" "!CRASH_REPORT!" -Xlog:aot=off -XX:AOTMode=create "-XX:AOTConfiguration=!TMP_CACHE!.conf" "-XX:AOTCache=!TMP_CACHE!" -jar "!JAR!" >nul 2>&1 && move /y "!TMP_CACHE!" "!CACHE!" >nul & del /q "!TMP_CACHE!.conf" "!TMP_CACHE!" >nul 2>&1"
goto done
:dropconf
del /q "%TMP_CACHE%.conf" >nul 2>&1
goto done
:aotuse
"%JAVA%" "@%OPTIONS%" "%SHORT%" "%CRASH_REPORT%" %STALE_CHECK% -Xlog:aot=off "-XX:AOTCache=%CACHE%" -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
goto done

:done
if "%STATUS%"=="75" if defined CHECKING goto build
exit /b %STATUS%

rem Whether the command worked, so its class list is worth an archive: as in ./minicoin, a node
rem stopped with Ctrl-C (130) or a TERM signal (143) worked too; one that failed early loaded too
rem little to be worth keeping.
:worked
if "%STATUS%"=="0" exit /b 0
if "%STATUS%"=="130" exit /b 0
if "%STATUS%"=="143" exit /b 0
exit /b 1

:miner
if "%~1"=="" exit /b 0
set "ARG=%~1"
if /i "%ARG:~0,5%"=="-mine" (set "NAME=startnode-miner" & exit /b 0)
if /i "%ARG:~0,6%"=="--mine" (set "NAME=startnode-miner" & exit /b 0)
shift
goto miner

:name
if "%~1"=="" exit /b 0
set "ARG=%~1"
if /i "%ARG%"=="-node-id" (shift & shift & goto name)
if /i "%ARG%"=="--node-id" (shift & shift & goto name)
if /i "%ARG%"=="-datadir" (shift & shift & goto name)
if /i "%ARG%"=="--datadir" (shift & shift & goto name)
if "%ARG:~0,1%"=="-" (shift & goto name)
set "NAME=other"
for /f "delims=abcdefghijklmnopqrstuvwxyz" %%x in ("%ARG%") do exit /b 0
set "NAME=%ARG%"
exit /b 0
