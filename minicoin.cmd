@echo off
rem The minicoin launcher for Windows: builds target\minicoin.jar when it is missing or older than
rem the sources, then runs it with the arguments given. Needs a JDK 17+ and Maven.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\minicoin.jar"
set "STALE=1"
if exist "%JAR%" (
  powershell -NoProfile -Command "$jar = (Get-Item '%JAR%').LastWriteTime; $new = Get-ChildItem -Recurse -File '%HERE%src\main','%HERE%pom.xml' | Where-Object { $_.LastWriteTime -gt $jar }; if ($new) { exit 1 } else { exit 0 }"
  if not errorlevel 1 set "STALE=0"
)
if "%STALE%"=="1" (
  echo minicoin: building %JAR% ^(first run, or the sources changed^)... 1>&2
  pushd "%HERE%"
  call mvn -B -q -DskipTests package 1>&2
  if errorlevel 1 ( popd & exit /b 1 )
  popd
)
java --add-opens java.base/sun.security.provider=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -jar "%JAR%" %*
