#pragma once

namespace synthdb::db {}  // filled in by the foundation work
