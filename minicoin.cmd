@echo off
rem The minicoin launcher for Windows: builds target\minicoin.jar if it is missing, then runs it.
rem (It rebuilds only when the jar is missing: run "mvn -q -DskipTests package" after changing sources.)
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\minicoin.jar"
if not exist "%JAR%" (
  echo minicoin: building %JAR% ... 1>&2
  pushd "%HERE%"
  call mvn -B -q -DskipTests package 1>&2
  if errorlevel 1 ( popd & exit /b 1 )
  popd
)
java --add-opens java.base/sun.security.provider=ALL-UNNAMED -jar "%JAR%" %*
