#include "db/database.h"
