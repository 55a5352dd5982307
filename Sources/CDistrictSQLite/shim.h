#ifndef CDISTRICT_SQLITE_SHIM_H
#define CDISTRICT_SQLITE_SHIM_H
#ifndef SQLITE_ENABLE_SESSION
#define SQLITE_ENABLE_SESSION 1
#endif
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif
#include <sqlite3.h>

/* SQLITE_TRANSIENT / SQLITE_STATIC are cast macros Swift cannot import. */
static inline sqlite3_destructor_type cdistrict_sqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type cdistrict_sqlite_static(void) { return SQLITE_STATIC; }

/* sqlite3_db_config is variadic: one typed wrapper per option kind we use. */
static inline int cdistrict_sqlite_db_config_flag(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

/* Process-wide settings, before the first connection initialises the library (a later call is refused
   with SQLITE_MISUSE and changes nothing). Memory statistics off: they take a global mutex on every
   allocation, and nothing here reads them. */
static inline int cdistrict_sqlite_configure(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
