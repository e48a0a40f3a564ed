# ctest script (tests/CMakeLists.txt): `cmake --install` into a temporary prefix standing in for
# /opt/synthdb; every "/opt/synthdb/..." path that the shipped cron/systemd units, README.md and
# docs/operations.md name must exist in that prefix, and every such path ending in /synthdb must run
# (`--version`, then the units' `ingest --help`). A unit naming /opt/synthdb/build/synthdb (the
# build tree, which the install does not create) fails here, as it exits 127 / 203/EXEC in
# production. Arguments: -DBUILD_DIR=<build tree> -DPREFIX=<scratch directory, removed first>
# -DSOURCE_DIR=<source tree>.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}): ${err}")
endif()

set(units scripts/nightly/crontab scripts/nightly/synthdb-ingest.service README.md docs/operations.md)
set(checked 0)
foreach(unit ${units})
  file(READ "${SOURCE_DIR}/${unit}" text)
  string(REGEX MATCHALL "/opt/synthdb/[A-Za-z0-9_./-]*[A-Za-z0-9_]" paths "${text}")
  list(REMOVE_DUPLICATES paths)
  foreach(p ${paths})
    string(REPLACE "/opt/synthdb/" "${PREFIX}/" installed "${p}")
    if(NOT EXISTS "${installed}")
      message(FATAL_ERROR "${unit} names ${p}, which `cmake --install --prefix /opt/synthdb` does not create")
    endif()
    if(p MATCHES "/synthdb$")
      execute_process(COMMAND "${installed}" --version RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${unit}: ${p} --version exited ${rc}: ${err}")
      endif()
      execute_process(COMMAND "${installed}" ingest --help RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${unit}: ${p} ingest --help exited ${rc}: ${err}")
      endif()
    endif()
    math(EXPR checked "${checked} + 1")
  endforeach()
endforeach()
# The units must name the binary at all (a unit rewritten to another path would pass vacuously).
foreach(unit scripts/nightly/crontab scripts/nightly/synthdb-ingest.service)
  file(READ "${SOURCE_DIR}/${unit}" text)
  if(NOT text MATCHES "/opt/synthdb/bin/synthdb ingest")
    message(FATAL_ERROR "${unit} does not run /opt/synthdb/bin/synthdb ingest")
  endif()
endforeach()
if(checked LESS 2)
  message(FATAL_ERROR "expected /opt/synthdb paths in ${units}, found ${checked}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
