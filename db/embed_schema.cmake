# Generates a .cc holding every schema/NNN_name.sql as a string, so migrations ship inside the
# binary. Run at build time: cmake -DSCHEMA_DIR=... -DOUTPUT=... -P embed_schema.cmake
file(GLOB sql_files "${SCHEMA_DIR}/[0-9][0-9][0-9]_*.sql")
list(SORT sql_files)
set(body "")
foreach(f IN LISTS sql_files)
  get_filename_component(name "${f}" NAME)
  string(SUBSTRING "${name}" 0 3 num)
  math(EXPR version "${num}")  # drops leading zeros
  file(READ "${f}" sql)
  string(APPEND body "      {${version}, \"${name}\", R\"synthdb_sql(${sql})synthdb_sql\"},\n")
endforeach()
set(content "// Generated from schema/*.sql by db/embed_schema.cmake; do not edit.
#include <vector>

#include \"db/migrate.h\"

namespace synthdb::db {

const std::vector<Migration>& builtin_migrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace synthdb::db
")
# Only rewrite when changed, so an unrelated reconfigure does not rebuild the library.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
