/* Internal access to the store's connection for other libyousu modules
 * (the link keeps its tables in the same database and transactions). */
#ifndef YOUSU_STORE_IMPL_H
#define YOUSU_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "yousu/store.h"

/* yousu__store_durable: synchronous=FULL (true, the default) or NORMAL
 * for the next transactions. NORMAL is only for bookkeeping whose loss
 * on power failure is harmless (e.g. acknowledgements: a forgotten one
 * makes a duplicate resend that the receiver ignores). */
void yousu__store_durable(yousu_store *st, bool full);

/* yousu__store_db: the store's SQLite connection (borrowed). */
sqlite3 *yousu__store_db(yousu_store *st);

#endif
