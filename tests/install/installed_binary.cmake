# ctest script (tests/CMakeLists.txt): `cmake --install` into a temporary prefix, then the installed
# bin/synthdb, with SYNTHDB_DATA_DIR unset, must run `extract` on one paragraph from its
# share/synthdb data, and must read that copy first (a lexicon removed there makes it fail naming it).
# Arguments: -DBUILD_DIR=<build tree> -DPREFIX=<scratch directory, removed first>.
set(ENV{SYNTHDB_DATA_DIR})  # unset: the installed binary must find its data by itself
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}): ${err}")
endif()
foreach(f bin/synthdb share/synthdb/extract/rules/lexicons/units.tsv share/synthdb/models/synthesis.ftz)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "not installed: ${PREFIX}/${f}")
  endif()
endforeach()

set(input "${PREFIX}/paragraph.jsonl")
file(WRITE "${input}" "{\"id\": \"p1\", \"text\": \"CdSe nanocrystals were synthesized by heating CdO (0.2 mmol) in oleic acid at 300 °C for 5 min.\"}\n")
execute_process(COMMAND "${PREFIX}/bin/synthdb" extract INPUT_FILE "${input}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\"type\": ?\"temperature\"" OR NOT out MATCHES "\"text\": ?\"CdO\"")
  message(FATAL_ERROR "installed synthdb extract: exit ${rc}, stderr: ${err}, stdout: ${out}")
endif()

file(REMOVE "${PREFIX}/share/synthdb/extract/rules/lexicons/units.tsv")
execute_process(COMMAND "${PREFIX}/bin/synthdb" extract INPUT_FILE "${input}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "share/synthdb/extract/rules/lexicons")
  message(FATAL_ERROR "installed synthdb did not read share/synthdb first: exit ${rc}, stderr: ${err}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
