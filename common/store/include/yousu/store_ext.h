/* yousu — the store for modules that keep tables of their own in it (the
 * link's outbox and cursors, guidance cases, the city's reports and
 * 12345 matters), in the store's transactions. */
#ifndef YOUSU_STORE_EXT_H
#define YOUSU_STORE_EXT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "yousu/store.h"

/* yousu_store_durable: synchronous=FULL (true, the default) or NORMAL
 * for the next transactions. NORMAL is only for bookkeeping whose loss
 * on power failure is harmless (e.g. acknowledgements: a forgotten one
 * makes a duplicate resend that the receiver ignores). */
void yousu_store_durable(yousu_store *st, bool full);

/* yousu_store_sqlite: the store's SQLite connection (borrowed). */
sqlite3 *yousu_store_sqlite(yousu_store *st);

#endif
